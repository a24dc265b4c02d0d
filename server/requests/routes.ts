import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { sendRequestSchema } from '../../shared/bridge/contract';
import {
  dueDateProblem,
  OTHER_DOCUMENT_NAME,
  REQUEST_EXPIRY_DAYS,
  REQUEST_TYPE_LABELS,
  type RequestType,
} from '../../shared/domain/requests';
import type { RequestDoc } from '../../shared/replication/documents';
import { recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import type { Viewer } from '../authz/viewer';
import { lockClient } from '../db/client-lock';
import type { Database, Queryable } from '../db/database';
import { badRequest, HttpError, notFound, parseInput } from '../http/errors';
import { loadClientForViewer } from '../replication/collections/clients';
import { loadRequestForViewer, requestToDoc } from '../replication/collections/requests';
import { agencyToday } from './agency-calendar';
import { loadAssessmentDefinition, loadDocumentCategory } from './catalog-store';
import { ensureRoiRequestAllowed } from './roi-check';

const uuid = (what: string) => z.string().uuid(`The ${what} must be a UUID.`);

/** What the server needs beyond the dialog's own schema: a request id, and ids it can look up. */
const envelopeSchema = z.object({
  id: uuid('request id'),
  clientId: uuid('client id'),
  assessmentDefinitionId: uuid('assessment id').optional(),
  documentCategoryId: uuid('document category id').optional(),
});

const CLIENT_NOT_AVAILABLE = 'That client does not exist or is not available to you.';

const REQUEST_ID_TAKEN = new HttpError(
  409,
  'request_id_taken',
  'This request id is already used by another request. Send it again with a new id.',
);

/** What a new request asks for, decided from the sender's agency catalog. */
interface RequestTarget {
  assessmentDefinitionId: string | null;
  documentCategoryId: string | null;
  documentName: string;
  description: string;
}

type SendInput = z.output<typeof sendRequestSchema>;

async function assessmentTarget(
  tx: Queryable,
  viewer: Viewer,
  id: string | undefined,
): Promise<RequestTarget> {
  const definition = id ? await loadAssessmentDefinition(tx, id) : undefined;
  if (!definition || definition.deleted || definition.agency_id !== viewer.agencyId)
    throw notFound('That assessment does not exist in your agency.');
  if (!definition.active || !definition.portal_enabled)
    throw badRequest('That assessment is not enabled to be requested through the Customer Portal.');
  return {
    assessmentDefinitionId: definition.id,
    documentCategoryId: null,
    documentName: '',
    description: definition.name,
  };
}

async function documentTarget(tx: Queryable, viewer: Viewer, input: SendInput): Promise<RequestTarget> {
  const category = input.documentCategoryId
    ? await loadDocumentCategory(tx, input.documentCategoryId)
    : undefined;
  if (!category || category.deleted || category.agency_id !== viewer.agencyId)
    throw notFound('That document category does not exist in your agency.');
  if (!category.active) throw badRequest('That document category is no longer in use.');
  const chosen = input.documentName ?? '';
  let name = chosen;
  if (chosen === OTHER_DOCUMENT_NAME) {
    // The dialog's schema already asks for it; checked again because a desktop may be out of date.
    name = input.otherName?.trim() ?? '';
    if (name === '') throw badRequest('Enter the Other Name.');
  } else if (!category.predefined_names.includes(chosen)) {
    throw badRequest(
      `${category.name} has no predefined name “${chosen}”. Choose one of its names, or Other.`,
    );
  }
  return {
    assessmentDefinitionId: null,
    documentCategoryId: category.id,
    documentName: name,
    description: `${category.name}: ${name}`,
  };
}

const FIXED_DESCRIPTIONS: Record<Exclude<RequestType, 'assessment' | 'document'>, string> = {
  location: REQUEST_TYPE_LABELS.location,
  roi: REQUEST_TYPE_LABELS.roi,
};

async function requestTarget(
  tx: Queryable,
  viewer: Viewer,
  input: SendInput,
  clientId: string,
): Promise<RequestTarget> {
  if (input.type === 'assessment') return assessmentTarget(tx, viewer, input.assessmentDefinitionId);
  if (input.type === 'document') return documentTarget(tx, viewer, input);
  if (input.type === 'roi') await ensureRoiRequestAllowed(tx, viewer, clientId);
  return {
    assessmentDefinitionId: null,
    documentCategoryId: null,
    documentName: '',
    description: FIXED_DESCRIPTIONS[input.type],
  };
}

/** A due date is a day of the agency's calendar from today until the request expires. */
async function checkDueDate(tx: Queryable, viewer: Viewer, dueDate: string): Promise<void> {
  const problem = dueDateProblem(dueDate, await agencyToday(tx, viewer.agencyId));
  if (problem) throw badRequest(problem);
}

async function requestDocForViewer(db: Queryable, viewer: Viewer, id: string): Promise<RequestDoc> {
  const row = await loadRequestForViewer(db, viewer, id);
  if (!row?.visible) throw notFound('That request does not exist or is not available to you.');
  const { _deleted, ...doc } = requestToDoc(row);
  return doc;
}

/** Staff sending Customer Portal requests from their desktop. */
export function registerRequestRoutes(app: FastifyInstance, db: Database): void {
  app.post('/api/requests', async (request, reply) => {
    const { viewer } = await requireStaff(db, request);
    const envelope = parseInput(envelopeSchema, request.body, 'request');
    const input = parseInput(sendRequestSchema, request.body, 'request');
    const created = await db.transaction(async (tx) => {
      // One at a time per client: a resend racing itself stores one request, and one active ROI per
      // client is checked and written without another send in between.
      await lockClient(tx, envelope.clientId);
      const existing = await tx.query<{ sender_staff_id: string }>(
        'SELECT sender_staff_id::text AS sender_staff_id FROM portal_requests WHERE id = $1::uuid',
        [envelope.id],
      );
      const previous = existing.rows[0];
      if (previous) {
        if (previous.sender_staff_id !== viewer.userId) throw REQUEST_ID_TAKEN;
        return false;
      }
      const client = await loadClientForViewer(tx, viewer, envelope.clientId);
      if (!client?.visible || client.deleted) throw notFound(CLIENT_NOT_AVAILABLE);
      const target = await requestTarget(tx, viewer, input, envelope.clientId);
      if (input.dueDate) await checkDueDate(tx, viewer, input.dueDate);
      await tx.query(
        `INSERT INTO portal_requests (id, client_id, agency_id, sender_staff_id, type, private, assessment_definition_id,
                                      document_category_id, document_name, description, status, sent_at, expires_at,
                                      due_date)
         VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7::uuid, $8::uuid, $9, $10, 'sent', now(),
                 now() + make_interval(days => $11::int), $12::date)`,
        [
          envelope.id,
          envelope.clientId,
          viewer.agencyId,
          viewer.userId,
          input.type,
          input.private,
          target.assessmentDefinitionId,
          target.documentCategoryId,
          target.documentName,
          target.description,
          REQUEST_EXPIRY_DAYS,
          input.dueDate ?? null,
        ],
      );
      await recordAudit(tx, {
        actor: staffActor(viewer.userId),
        action: 'request.send',
        subject: { kind: 'request', id: envelope.id },
        clientId: envelope.clientId,
        private: input.private,
        details: { type: input.type, description: target.description, dueDate: input.dueDate ?? null },
      });
      return true;
    });
    const stored = await requestDocForViewer(db, viewer, envelope.id);
    return reply.status(created ? 201 : 200).send({ request: stored });
  });
}
