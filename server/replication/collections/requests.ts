import { isOpenRequest, type RequestStatus } from '../../../shared/domain/requests';
import type { RequestDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import type { PushRow } from '../../../shared/replication/protocol';
import { recordAudit, staffActor } from '../../audit/audit-log';
import { portalItemSeenSinceSql, portalItemVisibleSql, type Viewer, viewerParams } from '../../authz/viewer';
import { lockClientsOfRows } from '../../db/client-lock';
import type { Queryable } from '../../db/database';
import {
  accessChangedSinceSql,
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  openPushedRow,
  type PushOutcome,
  positionOrderSql,
  pushedUuids,
} from '../collection-handler';

export interface RequestRow {
  id: string;
  client_id: string;
  agency_id: string;
  sender_staff_id: string;
  type: RequestDoc['type'];
  private: boolean;
  assessment_definition_id: string | null;
  document_category_id: string | null;
  document_name: string;
  description: string;
  status: RequestStatus;
  sent_at: string;
  viewed_at: string | null;
  completed_at: string | null;
  cancelled_at: string | null;
  expires_at: string;
  due_date: string | null;
  record_id: string | null;
  txid: number;
  seq: number;
  access_seq: number;
  deleted: boolean;
  updated_at: string;
  visible: boolean;
  /** Past its expiry date, whether or not the sweeper has marked it expired yet. */
  past_expiry: boolean;
}

/** Columns of `portal_requests r JOIN clients c`, with whether the viewer ($1–$3) may see each request. */
export const REQUEST_COLUMNS = `r.id::text AS id, r.client_id::text AS client_id, r.agency_id::text AS agency_id,
  r.sender_staff_id::text AS sender_staff_id, r.type, r.private,
  r.assessment_definition_id::text AS assessment_definition_id, r.document_category_id::text AS document_category_id,
  r.document_name, r.description, r.status, r.sent_at, r.viewed_at, r.completed_at, r.cancelled_at, r.expires_at,
  r.due_date, r.record_id::text AS record_id, r.txid, r.seq, r.access_seq, r.deleted, r.updated_at,
  ${portalItemVisibleSql('r', 'c')} AS visible, r.expires_at <= now() AS past_expiry`;

export const FROM_REQUESTS = 'FROM portal_requests r JOIN clients c ON c.id = r.client_id';

export function requestToDoc(row: RequestRow): WithDeletedFlag<RequestDoc> {
  return {
    id: row.id,
    clientId: row.client_id,
    agencyId: row.agency_id,
    senderStaffId: row.sender_staff_id,
    type: row.type,
    private: row.private,
    assessmentDefinitionId: row.assessment_definition_id ?? '',
    documentCategoryId: row.document_category_id ?? '',
    documentName: row.document_name,
    description: row.description,
    status: row.status,
    sentAt: row.sent_at,
    viewedAt: row.viewed_at ?? '',
    completedAt: row.completed_at ?? '',
    cancelledAt: row.cancelled_at ?? '',
    expiresAt: row.expires_at,
    dueDate: row.due_date ?? '',
    recordId: row.record_id ?? '',
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

/**
 * What a desktop that lost sight of a request receives: its id and the deletion. The enum fields
 * hold a fixed value only because the desktop's schema allows no empty one; they say nothing.
 */
function redactedRequest(row: { id: string; seq: number; updated_at: string }): WithDeletedFlag<RequestDoc> {
  return {
    id: row.id,
    clientId: '',
    agencyId: '',
    senderStaffId: '',
    type: 'assessment',
    private: false,
    assessmentDefinitionId: '',
    documentCategoryId: '',
    documentName: '',
    description: '',
    status: 'sent',
    sentAt: '',
    viewedAt: '',
    completedAt: '',
    cancelledAt: '',
    expiresAt: '',
    dueDate: '',
    recordId: '',
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: true,
  };
}

export function requestRowToDocForViewer(row: RequestRow): WithDeletedFlag<RequestDoc> {
  return row.visible ? requestToDoc(row) : redactedRequest(row);
}

/** One request as `viewer` sees it (undefined when it does not exist); `forUpdate` locks it. */
export async function loadRequestForViewer(
  db: Queryable,
  viewer: Viewer,
  id: string,
  forUpdate = false,
): Promise<RequestRow | undefined> {
  const result = await db.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} ${FROM_REQUESTS} WHERE r.id = $4::uuid ${forUpdate ? 'FOR UPDATE OF r' : ''}`,
    [...viewerParams(viewer), id],
  );
  return result.rows[0];
}

/** Every field of a request is the server's, except that its sender may cancel it (status, cancelledAt). */
const SERVER_FIELDS = [
  'clientId',
  'agencyId',
  'senderStaffId',
  'type',
  'private',
  'assessmentDefinitionId',
  'documentCategoryId',
  'documentName',
  'description',
  'sentAt',
  'viewedAt',
  'completedAt',
  'expiresAt',
  'recordId',
] as const;

/** Why a request that is no longer open cannot be changed, in words its sender understands. */
const CLOSED_MESSAGES: Record<Exclude<RequestStatus, 'sent' | 'viewed'>, string> = {
  completed: 'The client already fulfilled this request, so it can no longer be changed.',
  cancelled: 'This request was cancelled, so it can no longer be changed.',
  expired: 'This request has expired, so it can no longer be changed.',
};

async function applyRequestPush(
  tx: Queryable,
  viewer: Viewer,
  row: PushRow<'requests'>,
  outcome: PushOutcome<'requests'>,
): Promise<void> {
  const newState = row.newDocumentState;
  const opened = await openPushedRow<'requests', RequestRow>(row, outcome, {
    unknownMessage: 'Unknown request.',
    hiddenMessage: 'This request is not available to you.',
    load: (id) => loadRequestForViewer(tx, viewer, id, true),
    visible: (request) => request.visible,
    toDoc: requestToDoc,
    redacted: redactedRequest,
  });
  if (!opened) return;
  const { current, before, refuse } = opened;
  if (newState._deleted) return refuse('Requests cannot be deleted from the desktop. Cancel it instead.');
  if (newState.status === before.status && newState.cancelledAt === before.cancelledAt) {
    if (SERVER_FIELDS.every((field) => newState[field] === before[field])) return;
  }
  if (!isOpenRequest(before.status))
    return refuse(CLOSED_MESSAGES[before.status as keyof typeof CLOSED_MESSAGES]);
  if (SERVER_FIELDS.some((field) => newState[field] !== before[field]) || newState.status !== 'cancelled')
    return refuse('A request cannot be changed once it is sent; it can only be cancelled.');
  if (current.sender_staff_id !== viewer.userId)
    return refuse('Only the staff member who sent this request can cancel it.');
  if (current.past_expiry) return refuse(CLOSED_MESSAGES.expired);
  // The server stamps the time; whatever the desktop put in cancelledAt is not kept.
  await tx.query(
    `UPDATE portal_requests SET status = 'cancelled', cancelled_at = now() WHERE id = $1::uuid`,
    [current.id],
  );
  await recordAudit(tx, {
    actor: staffActor(viewer.userId),
    action: 'request.cancel',
    subject: { kind: 'request', id: current.id },
    clientId: current.client_id,
    agencyId: current.agency_id,
    private: current.private,
    details: { type: current.type },
  });
  outcome.changed = true;
}

export const requestsHandler: CollectionHandler<'requests'> = {
  name: 'requests',
  sourceTables: ['portal_requests'],
  visibleRows: (viewer) => ({
    from: FROM_REQUESTS.slice('FROM '.length),
    alias: 'r',
    visible: portalItemVisibleSql('r', 'c'),
    params: viewerParams(viewer),
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    // As for clients: a desktop starting from nothing is sent no removals.
    const result = await db.query<RequestRow>(
      `SELECT ${REQUEST_COLUMNS} ${FROM_REQUESTS}
        WHERE ${afterCheckpointSql('r', 4, 5, releaseBelow)}
          AND (${portalItemVisibleSql('r', 'c')}
            OR (${accessChangedSinceSql('r', 4, 5)} AND ${portalItemSeenSinceSql('r', 'c', 4)}))
        ORDER BY ${positionOrderSql('r')} LIMIT $6`,
      [...viewerParams(viewer), ...checkpointParams(checkpoint), limit],
    );
    return {
      documents: result.rows.map(requestRowToDocForViewer),
      checkpoint: nextCheckpoint(result.rows, checkpoint),
    };
  },
  async push(tx, viewer, rows) {
    const outcome: PushOutcome<'requests'> = { conflicts: [], refusals: [], changed: false };
    // The clients of every row of the push locked first, in id order (db/client-lock.ts).
    await lockClientsOfRows(tx, 'portal_requests', pushedUuids(rows));
    for (const row of rows) await applyRequestPush(tx, viewer, row, outcome);
    return outcome;
  },
};
