import type { FastifyInstance } from 'fastify';
import type { CatalogDoc } from '../../shared/replication/documents';
import { type AuditAction, recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import type { Viewer } from '../authz/viewer';
import type { Database, Queryable } from '../db/database';
import { forbidden, notFound, parseInput } from '../http/errors';
import { type CatalogRow, catalogToDoc, loadCatalogEntry } from '../replication/collections/catalog';
import {
  agencySettingsSchema,
  catalogIdSchema,
  createAssessmentSchema,
  createCategorySchema,
  patchAssessmentSchema,
  patchCategorySchema,
} from './admin-input';
import { agencyTimeZone } from './agency-calendar';
import { DEFAULT_ROI_TERM_DAYS } from './catalog-store';

const NOT_AN_ADMIN =
  'Only an agency administrator can change assessments, document categories and agency settings.';

/** Refuses anyone but agency and system administrators, before their input is even read. */
function requireAdmin(viewer: Viewer): void {
  if (viewer.role !== 'agency_admin' && viewer.role !== 'system_admin') throw forbidden(NOT_AN_ADMIN);
}

/** The agency an administrator works on: their own; a system administrator may name another. */
async function targetAgency(db: Queryable, viewer: Viewer, requested: string | undefined): Promise<string> {
  if (requested === undefined || requested === viewer.agencyId) return viewer.agencyId;
  if (viewer.role !== 'system_admin') throw forbidden('You can change only your own agency’s setup.');
  const agency = await db.query('SELECT 1 FROM agencies WHERE id = $1::uuid AND NOT deleted', [requested]);
  if (agency.rows.length === 0) throw notFound('That agency does not exist.');
  return requested;
}

/** A catalog entry of one kind that this administrator may change; anything else is "not found". */
async function entryToChange(
  db: Queryable,
  viewer: Viewer,
  id: string,
  kind: CatalogRow['kind'],
  what: string,
): Promise<CatalogRow> {
  const entry = await loadCatalogEntry(db, id);
  if (!entry || entry.kind !== kind || entry.deleted) throw notFound(`That ${what} does not exist.`);
  if (viewer.role !== 'system_admin' && entry.agency_id !== viewer.agencyId)
    throw notFound(`That ${what} does not exist.`);
  return entry;
}

/** Logs a catalog change in its transaction; the entry belongs to the agency whose catalog it is. */
function auditCatalog(
  tx: Queryable,
  viewer: Viewer,
  action: AuditAction,
  entry: { kind: string; id: string; agencyId: string },
  details: object,
): Promise<void> {
  return recordAudit(tx, {
    actor: staffActor(viewer.userId),
    action,
    subject: { kind: entry.kind, id: entry.id },
    agencyId: entry.agencyId,
    details: { ...details },
  });
}

async function catalogDoc(db: Queryable, id: string): Promise<CatalogDoc> {
  const entry = await loadCatalogEntry(db, id);
  if (!entry) throw new Error(`catalog entry ${id} vanished after being written`);
  const { _deleted, ...doc } = catalogToDoc(entry);
  return doc;
}

/** Agency administrators set up what their staff can request (catalog tables are replicated). */
export function registerAdminRoutes(app: FastifyInstance, db: Database): void {
  app.post('/api/admin/assessments', async (request, reply) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const body = parseInput(createAssessmentSchema, request.body, 'assessment');
    const agencyId = await targetAgency(db, viewer, body.agencyId);
    const id = await db.transaction(async (tx) => {
      const result = await tx.query<{ id: string }>(
        `INSERT INTO assessment_definitions (agency_id, name, description, fields, portal_enabled, active)
         VALUES ($1::uuid, $2, $3, $4::jsonb, $5, $6) RETURNING id::text AS id`,
        [agencyId, body.name, body.description, JSON.stringify(body.fields), body.portalEnabled, body.active],
      );
      const created = result.rows[0]?.id ?? '';
      await auditCatalog(
        tx,
        viewer,
        'catalog.assessment_create',
        { kind: 'assessment', id: created, agencyId },
        { name: body.name },
      );
      return created;
    });
    return reply.status(201).send({ assessment: await catalogDoc(db, id) });
  });

  app.patch('/api/admin/assessments/:id', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const { id } = parseInput(catalogIdSchema, request.params, 'assessment id');
    const patch = parseInput(patchAssessmentSchema, request.body, 'assessment change');
    await db.transaction(async (tx) => {
      const entry = await entryToChange(tx, viewer, id, 'assessment', 'assessment');
      await auditCatalog(
        tx,
        viewer,
        'catalog.assessment_update',
        { kind: 'assessment', id, agencyId: entry.agency_id },
        { fields: Object.keys(patch) },
      );
      await tx.query(
        `UPDATE assessment_definitions SET name = coalesce($2, name), description = coalesce($3, description),
                fields = coalesce($4::jsonb, fields), portal_enabled = coalesce($5, portal_enabled),
                active = coalesce($6, active)
          WHERE id = $1::uuid`,
        [
          id,
          patch.name ?? null,
          patch.description ?? null,
          patch.fields ? JSON.stringify(patch.fields) : null,
          patch.portalEnabled ?? null,
          patch.active ?? null,
        ],
      );
    });
    return { assessment: await catalogDoc(db, id) };
  });

  app.post('/api/admin/document-categories', async (request, reply) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const body = parseInput(createCategorySchema, request.body, 'document category');
    const agencyId = await targetAgency(db, viewer, body.agencyId);
    const id = await db.transaction(async (tx) => {
      const result = await tx.query<{ id: string }>(
        `INSERT INTO document_categories (agency_id, name, predefined_names, active)
         VALUES ($1::uuid, $2, $3::jsonb, $4) RETURNING id::text AS id`,
        [agencyId, body.name, JSON.stringify(body.predefinedNames), body.active],
      );
      const created = result.rows[0]?.id ?? '';
      await auditCatalog(
        tx,
        viewer,
        'catalog.category_create',
        { kind: 'documentCategory', id: created, agencyId },
        { name: body.name },
      );
      return created;
    });
    return reply.status(201).send({ category: await catalogDoc(db, id) });
  });

  app.patch('/api/admin/document-categories/:id', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const { id } = parseInput(catalogIdSchema, request.params, 'document category id');
    const patch = parseInput(patchCategorySchema, request.body, 'document category change');
    await db.transaction(async (tx) => {
      const entry = await entryToChange(tx, viewer, id, 'documentCategory', 'document category');
      await auditCatalog(
        tx,
        viewer,
        'catalog.category_update',
        { kind: 'documentCategory', id, agencyId: entry.agency_id },
        { fields: Object.keys(patch) },
      );
      await tx.query(
        `UPDATE document_categories SET name = coalesce($2, name),
                predefined_names = coalesce($3::jsonb, predefined_names), active = coalesce($4, active)
          WHERE id = $1::uuid`,
        [
          id,
          patch.name ?? null,
          patch.predefinedNames ? JSON.stringify(patch.predefinedNames) : null,
          patch.active ?? null,
        ],
      );
    });
    return { category: await catalogDoc(db, id) };
  });

  app.patch('/api/admin/agency-settings', async (request) => {
    const { viewer } = await requireStaff(db, request);
    requireAdmin(viewer);
    const body = parseInput(agencySettingsSchema, request.body, 'agency settings');
    const agencyId = await targetAgency(db, viewer, body.agencyId);
    const id = await db.transaction(async (tx) => {
      const result = await tx.query<{ id: string }>(
        `INSERT INTO agency_settings (agency_id, roi_term_days) VALUES ($1::uuid, coalesce($2::int, $3::int))
         ON CONFLICT (agency_id) DO UPDATE SET roi_term_days = coalesce($2::int, agency_settings.roi_term_days)
         RETURNING id::text AS id`,
        [agencyId, body.roiTermDays ?? null, DEFAULT_ROI_TERM_DAYS],
      );
      if (body.timeZone !== undefined)
        await tx.query('UPDATE agencies SET time_zone = $2 WHERE id = $1::uuid', [agencyId, body.timeZone]);
      const settingsId = result.rows[0]?.id ?? '';
      await auditCatalog(
        tx,
        viewer,
        'catalog.agency_settings',
        { kind: 'agencySettings', id: settingsId, agencyId },
        { roiTermDays: body.roiTermDays, timeZone: body.timeZone },
      );
      return settingsId;
    });
    return { settings: await catalogDoc(db, id), timeZone: await agencyTimeZone(db, agencyId) };
  });
}
