import { randomUUID } from 'node:crypto';
import { REQUEST_EXPIRY_DAYS, REQUEST_TYPE_LABELS, type RecordData } from '../../shared/domain/requests';
import { roiTerm } from '../../shared/domain/roi-rule';
import type { Queryable } from '../db/database';
import type { FileStore } from '../files/file-store';
import type { ReceivedFile } from '../files/multipart-upload';
import { fulfilmentNotice } from '../requests/fulfilment';
import { insertDocumentRecord, insertRecord } from '../requests/record-store';
import { DEMO_ASSESSMENTS, DEMO_DOCUMENT_CATEGORIES, DEMO_ROI_TERM_DAYS } from './demo-catalog';
import { FIRST_NAMES, LAST_NAMES } from './demo-data';
import {
  DEMO_REQUESTS,
  DEMO_UNASKED_DOCUMENTS,
  type DemoFile,
  type DemoFulfilment,
  type DemoRequest,
  type DemoStaffName,
} from './demo-request-history';

export interface DemoRequestContext {
  clientIds: readonly string[];
  staffIds: ReadonlyMap<string, string>;
  /** Staff username → agency id. */
  staffAgencies: ReadonlyMap<string, string>;
  agencyIds: readonly string[];
  files: FileStore;
  now: Date;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: no ${what}`);
  return value;
}

const DAY_MS = 86_400_000;

/** Each agency's catalog: assessment and category ids by name. */
type Catalog = Map<string, { assessments: Map<string, string>; categories: Map<string, string> }>;

async function insertId(tx: Queryable, sql: string, params: unknown[]): Promise<string> {
  const result = await tx.query<{ id: string }>(`${sql} RETURNING id::text AS id`, params);
  return required(result.rows[0]?.id, 'inserted id');
}

async function seedCatalog(tx: Queryable, agencyIds: readonly string[]): Promise<Catalog> {
  const catalog: Catalog = new Map();
  for (const agencyId of agencyIds) {
    await tx.query('INSERT INTO agency_settings (agency_id, roi_term_days) VALUES ($1::uuid, $2)', [
      agencyId,
      DEMO_ROI_TERM_DAYS,
    ]);
    const assessments = new Map<string, string>();
    for (const assessment of DEMO_ASSESSMENTS) {
      const id = await insertId(
        tx,
        `INSERT INTO assessment_definitions (agency_id, name, description, fields, portal_enabled)
         VALUES ($1::uuid, $2, $3, $4::jsonb, $5)`,
        [
          agencyId,
          assessment.name,
          assessment.description,
          JSON.stringify(assessment.fields),
          assessment.portalEnabled,
        ],
      );
      assessments.set(assessment.name, id);
    }
    const categories = new Map<string, string>();
    for (const category of DEMO_DOCUMENT_CATEGORIES) {
      const id = await insertId(
        tx,
        'INSERT INTO document_categories (agency_id, name, predefined_names) VALUES ($1::uuid, $2, $3::jsonb)',
        [agencyId, category.name, JSON.stringify(category.predefinedNames)],
      );
      categories.set(category.name, id);
    }
    catalog.set(agencyId, { assessments, categories });
  }
  return catalog;
}

/** Seeds the demo agencies' catalogs, the request history and documents added without a request. */
export async function seedDemoRequests(
  tx: Queryable,
  context: DemoRequestContext,
): Promise<{ requests: number; records: number }> {
  const catalog = await seedCatalog(tx, context.agencyIds);
  const at = (daysAgo: number) => new Date(context.now.getTime() - daysAgo * DAY_MS).toISOString();
  const dateOf = (daysAgo: number) => at(daysAgo).slice(0, 10);
  const clientName = (index: number) =>
    `${FIRST_NAMES[index % FIRST_NAMES.length]} ${LAST_NAMES[(index * 7) % LAST_NAMES.length]}`;
  const staff = (username: DemoStaffName) => ({
    id: required(context.staffIds.get(username), username),
    agencyId: required(context.staffAgencies.get(username), `${username}'s agency`),
  });
  const storeFile = async (file: DemoFile, index: number): Promise<ReceivedFile> => ({
    ...(await context.files.putBuffer(file.bytes(clientName(index)))),
    name: file.name,
    contentType: file.contentType,
  });
  let records = 0;

  for (const spec of DEMO_REQUESTS) {
    const sender = staff(spec.staff);
    const entries = required(catalog.get(sender.agencyId), 'catalog');
    const clientId = required(context.clientIds[spec.client], `client ${spec.client}`);
    const assessmentId = spec.assessment
      ? required(entries.assessments.get(spec.assessment), spec.assessment)
      : null;
    const categoryId = spec.category ? required(entries.categories.get(spec.category), spec.category) : null;
    const description = requestDescription(spec);
    const id = randomUUID();
    const sentAt = at(spec.sentDaysAgo);
    const status = typeof spec.outcome === 'string' ? spec.outcome : 'viewed';
    await tx.query(
      `INSERT INTO portal_requests (id, client_id, agency_id, sender_staff_id, type, private, assessment_definition_id,
                                    document_category_id, document_name, description, status, sent_at, viewed_at,
                                    cancelled_at, expires_at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7::uuid, $8::uuid, $9, $10, $11, $12::timestamptz,
               $13::timestamptz, $14::timestamptz, $15::timestamptz)`,
      [
        id,
        clientId,
        sender.agencyId,
        sender.id,
        spec.type,
        spec.private ?? false,
        assessmentId,
        categoryId,
        spec.documentName ?? '',
        description,
        status,
        sentAt,
        status === 'viewed' ? at(spec.sentDaysAgo - 0.1) : null,
        status === 'cancelled' ? at(spec.sentDaysAgo - 1) : null,
        at(spec.sentDaysAgo - REQUEST_EXPIRY_DAYS),
      ],
    );
    if (typeof spec.outcome === 'string') continue;
    const fulfilledAt = at(spec.outcome.fulfilledDaysAgo);
    const base = {
      clientId,
      agencyId: sender.agencyId,
      private: spec.private ?? false,
      requestId: id,
      requestedByStaffId: sender.id,
      submittedBy: 'client' as const,
      submittedAt: fulfilledAt,
    };
    const fulfilment = spec.outcome.with;
    const recordId =
      fulfilment.kind === 'document'
        ? await insertDocumentRecord(
            tx,
            {
              ...base,
              categoryId: categoryId ?? '',
              categoryName: spec.category ?? '',
              name: spec.documentName ?? '',
            },
            [await storeFile(fulfilment.file, spec.client)],
          )
        : await insertRecord(tx, {
            ...base,
            kind: fulfilment.kind,
            title: fulfilment.kind === 'location' ? fulfilment.location.address : description,
            data: recordData(fulfilment, {
              assessmentId: assessmentId ?? '',
              assessmentName: spec.assessment ?? '',
              signedName: clientName(spec.client),
              signedDate: dateOf(spec.outcome.fulfilledDaysAgo),
              assessmentDate: dateOf(spec.outcome.fulfilledDaysAgo),
            }),
          });
    records++;
    await tx.query(
      `UPDATE portal_requests SET status = 'completed', completed_at = $2::timestamptz, record_id = $3::uuid
        WHERE id = $1::uuid`,
      [id, fulfilledAt, recordId],
    );
    const notice = fulfilmentNotice(clientName(spec.client), { description, type: spec.type });
    await tx.query(
      `INSERT INTO staff_notifications (staff_id, kind, client_id, request_id, record_id, title, body, read, created_at)
       VALUES ($1::uuid, 'request_fulfilled', $2::uuid, $3::uuid, $4::uuid, $5, $6, $7, $8::timestamptz)`,
      [
        sender.id,
        clientId,
        id,
        recordId,
        notice.title,
        notice.body,
        spec.notificationRead ?? false,
        fulfilledAt,
      ],
    );
  }

  for (const document of DEMO_UNASKED_DOCUMENTS) {
    const clientId = required(context.clientIds[document.client], `client ${document.client}`);
    const adder = document.staff ? staff(document.staff) : undefined;
    const clientAgency = await tx.query<{ agency_id: string }>(
      'SELECT agency_id::text AS agency_id FROM clients WHERE id = $1::uuid',
      [clientId],
    );
    const agencyId = adder?.agencyId ?? required(clientAgency.rows[0]?.agency_id, 'client agency');
    const categoryId = document.category
      ? required(catalog.get(agencyId)?.categories.get(document.category), document.category)
      : '';
    await insertDocumentRecord(
      tx,
      {
        clientId,
        agencyId,
        private: document.private,
        requestId: null,
        requestedByStaffId: adder?.id ?? null,
        submittedBy: adder ? 'staff' : 'client',
        submittedAt: at(document.daysAgo),
        categoryId,
        categoryName: document.category ?? '',
        name: document.name,
      },
      [await storeFile(document.file, document.client)],
    );
    records++;
  }
  return { requests: DEMO_REQUESTS.length, records };
}

/** What a request asks for in words, as POST /api/requests would describe it. */
function requestDescription(spec: DemoRequest): string {
  if (spec.type === 'assessment') return spec.assessment ?? '';
  if (spec.type === 'document') return `${spec.category}: ${spec.documentName}`;
  return REQUEST_TYPE_LABELS[spec.type];
}

function recordData(
  fulfilment: Exclude<DemoFulfilment, { kind: 'document' }>,
  facts: {
    assessmentId: string;
    assessmentName: string;
    signedName: string;
    signedDate: string;
    assessmentDate: string;
  },
): RecordData {
  switch (fulfilment.kind) {
    case 'assessment': {
      const definition = DEMO_ASSESSMENTS.find((assessment) => assessment.name === facts.assessmentName);
      return {
        definitionId: facts.assessmentId,
        definitionName: facts.assessmentName,
        assessmentDate: facts.assessmentDate,
        fields: definition?.fields ?? [],
        answers: fulfilment.answers,
      };
    }
    case 'location':
      return fulfilment.location;
    case 'roi':
      return {
        signedName: facts.signedName,
        signedDate: facts.signedDate,
        ...roiTerm(facts.signedDate, DEMO_ROI_TERM_DAYS),
        active: fulfilment.active,
      };
  }
}
