import { REQUEST_TYPE_LABELS, type RequestStatus, type RequestType } from '../../shared/domain/requests';
import { clientActor, recordAudit } from '../audit/audit-log';
import type { Queryable } from '../db/database';
import { badRequest, HttpError, notFound } from '../http/errors';
import type { NewRecord } from './record-store';

/*
 * A client fulfilling a request: the record, the request's completion and the sender's
 * notification are written together, in one transaction that locked the client's row first.
 */

/** What fulfilling a request needs to know about it. */
export interface RequestToFulfil {
  id: string;
  client_id: string;
  agency_id: string;
  sender_staff_id: string;
  type: RequestType;
  private: boolean;
  assessment_definition_id: string | null;
  document_category_id: string | null;
  document_name: string;
  description: string;
  status: RequestStatus;
  past_expiry: boolean;
}

const REQUEST_CORE = `id::text AS id, client_id::text AS client_id, agency_id::text AS agency_id,
  sender_staff_id::text AS sender_staff_id, type, private, assessment_definition_id::text AS assessment_definition_id,
  document_category_id::text AS document_category_id, document_name, description, status,
  expires_at <= now() AS past_expiry`;

export const NO_SUCH_REQUEST = 'That request does not exist.';

/** What each type of request asks the client for, for messages about the wrong kind of answer. */
const ASKS_FOR: Record<RequestType, string> = {
  assessment: 'an assessment',
  document: 'documents',
  location: 'your location',
  roi: 'a signed Release of Information',
};

const CLOSED: Record<Exclude<RequestStatus, 'sent' | 'viewed'>, string> = {
  completed: 'You already completed this request.',
  cancelled: 'This request was cancelled, so it can no longer be completed.',
  expired: 'This request has expired. Ask your case manager to send it again.',
};

/** One of the client's own requests; `forUpdate` locks it. Anyone else's is "not found". */
export async function clientRequest(
  db: Queryable,
  clientId: string,
  requestId: string,
  forUpdate = false,
): Promise<RequestToFulfil> {
  const result = await db.query<RequestToFulfil>(
    `SELECT ${REQUEST_CORE} FROM portal_requests WHERE id = $1::uuid AND client_id = $2::uuid AND NOT deleted
     ${forUpdate ? 'FOR UPDATE' : ''}`,
    [requestId, clientId],
  );
  const row = result.rows[0];
  if (!row) throw notFound(NO_SUCH_REQUEST);
  return row;
}

/** Refuses a request that cannot be fulfilled now, or with this kind of answer. */
export function ensureFulfillable(request: RequestToFulfil, answer: RequestType): void {
  if (request.status !== 'sent' && request.status !== 'viewed')
    throw new HttpError(409, 'request_closed', CLOSED[request.status]);
  // The sweeper marks it expired within a minute; until then it is already past answering.
  if (request.past_expiry) throw new HttpError(409, 'request_closed', CLOSED.expired);
  if (request.type !== answer)
    throw badRequest(`This request asks for ${ASKS_FOR[request.type]}, not ${ASKS_FOR[answer]}.`);
}

/** The record a fulfilment creates takes its agency, privacy and requester from the request. */
export function recordForRequest(
  request: RequestToFulfil,
  record: Pick<NewRecord, 'title' | 'data'>,
): NewRecord {
  return {
    ...record,
    clientId: request.client_id,
    agencyId: request.agency_id,
    kind: request.type,
    private: request.private,
    requestId: request.id,
    requestedByStaffId: request.sender_staff_id,
    submittedBy: 'client',
  };
}

/** The sender's Inbox notification for a fulfilled request: its title and body. */
export function fulfilmentNotice(
  clientName: string,
  request: Pick<RequestToFulfil, 'description' | 'type'>,
): { title: string; body: string } {
  return {
    title: `${clientName} completed ${request.description}`,
    body: `It is on the ${REQUEST_TYPE_LABELS[request.type]} tab of ${clientName}’s record.`,
  };
}

/**
 * Marks the request completed with its record and tells its sender. The caller has locked the
 * request (clientRequest with forUpdate) and checked it with ensureFulfillable in this transaction.
 */
export async function completeRequest(
  tx: Queryable,
  request: RequestToFulfil,
  recordId: string,
  clientName: string,
): Promise<void> {
  await tx.query(
    `UPDATE portal_requests SET status = 'completed', completed_at = now(), record_id = $2::uuid WHERE id = $1::uuid`,
    [request.id, recordId],
  );
  const notice = fulfilmentNotice(clientName, request);
  await tx.query(
    `INSERT INTO staff_notifications (staff_id, kind, client_id, request_id, record_id, title, body)
     VALUES ($1::uuid, 'request_fulfilled', $2::uuid, $3::uuid, $4::uuid, $5, $6)`,
    [request.sender_staff_id, request.client_id, request.id, recordId, notice.title, notice.body],
  );
  await recordAudit(tx, {
    actor: clientActor(request.client_id),
    action: 'portal.request_fulfil',
    subject: { kind: 'request', id: request.id },
    clientId: request.client_id,
    agencyId: request.agency_id,
    private: request.private,
    details: { type: request.type, recordId },
  });
}

/**
 * Fulfils one of the client's requests: locks and rechecks it (a double submit finds it
 * completed), lets `write` store the record (built with recordForRequest), completes the request
 * and notifies its sender. Answers the record's id.
 */
export async function fulfilRequest(
  tx: Queryable,
  client: { clientId: string; name: string },
  requestId: string,
  answer: RequestType,
  write: (request: RequestToFulfil) => Promise<string>,
): Promise<string> {
  const request = await clientRequest(tx, client.clientId, requestId, true);
  ensureFulfillable(request, answer);
  const recordId = await write(request);
  await completeRequest(tx, request, recordId, client.name);
  return recordId;
}
