import type { ThreadDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import type { PushRow } from '../../../shared/replication/protocol';
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

export interface ThreadRow {
  id: string;
  client_id: string;
  staff_id: string;
  agency_id: string;
  private: boolean;
  started_by: ThreadDoc['startedBy'];
  last_message_at: string;
  last_message_preview: string;
  last_sender_kind: ThreadDoc['lastSenderKind'];
  staff_unread: boolean;
  txid: number;
  seq: number;
  access_seq: number;
  deleted: boolean;
  updated_at: string;
  visible: boolean;
}

/** Columns of `threads t JOIN clients c`, with whether the viewer ($1–$3) may see each thread. */
export const THREAD_COLUMNS = `t.id::text AS id, t.client_id::text AS client_id, t.staff_id::text AS staff_id,
  t.agency_id::text AS agency_id, t.private, t.started_by, t.last_message_at, t.last_message_preview,
  t.last_sender_kind, t.staff_unread, t.txid, t.seq, t.access_seq, t.deleted, t.updated_at,
  ${portalItemVisibleSql('t', 'c')} AS visible`;

export function threadToDoc(row: ThreadRow): WithDeletedFlag<ThreadDoc> {
  return {
    id: row.id,
    clientId: row.client_id,
    staffId: row.staff_id,
    agencyId: row.agency_id,
    private: row.private,
    startedBy: row.started_by,
    lastMessageAt: row.last_message_at,
    lastMessagePreview: row.last_message_preview,
    lastSenderKind: row.last_sender_kind,
    staffUnread: row.staff_unread,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

/**
 * What a desktop that lost sight of a thread receives: its id and the deletion. The enum fields
 * hold a fixed value only because the desktop's schema allows no empty one; they say nothing.
 */
function redactedThread(row: { id: string; seq: number; updated_at: string }): WithDeletedFlag<ThreadDoc> {
  return {
    id: row.id,
    clientId: '',
    staffId: '',
    agencyId: '',
    private: false,
    startedBy: 'staff',
    lastMessageAt: '',
    lastMessagePreview: '',
    lastSenderKind: 'staff',
    staffUnread: false,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: true,
  };
}

export function threadRowToDocForViewer(row: ThreadRow): WithDeletedFlag<ThreadDoc> {
  return row.visible ? threadToDoc(row) : redactedThread(row);
}

/** One thread as `viewer` sees it (undefined when it does not exist); `forUpdate` locks it. */
export async function loadThreadForViewer(
  db: Queryable,
  viewer: Viewer,
  id: string,
  forUpdate = false,
): Promise<ThreadRow | undefined> {
  const result = await db.query<ThreadRow>(
    `SELECT ${THREAD_COLUMNS} FROM threads t JOIN clients c ON c.id = t.client_id
      WHERE t.id = $4::uuid ${forUpdate ? 'FOR UPDATE OF t' : ''}`,
    [...viewerParams(viewer), id],
  );
  return result.rows[0];
}

/** Everything in a thread is the server's to write, except the staff member's own unread mark. */
const SERVER_FIELDS = [
  'clientId',
  'staffId',
  'agencyId',
  'private',
  'startedBy',
  'lastMessageAt',
  'lastMessagePreview',
  'lastSenderKind',
] as const;

async function applyThreadPush(
  tx: Queryable,
  viewer: Viewer,
  row: PushRow<'threads'>,
  outcome: PushOutcome<'threads'>,
): Promise<void> {
  const newState = row.newDocumentState;
  const opened = await openPushedRow<'threads', ThreadRow>(row, outcome, {
    unknownMessage: 'Unknown conversation.',
    hiddenMessage: 'This conversation is not available to you.',
    load: (id) => loadThreadForViewer(tx, viewer, id, true),
    visible: (thread) => thread.visible,
    toDoc: threadToDoc,
    redacted: redactedThread,
  });
  if (!opened) return;
  const { current, before, refuse } = opened;
  if (newState._deleted) return refuse('Conversations cannot be deleted from the desktop.');
  if (SERVER_FIELDS.some((field) => newState[field] !== before[field]))
    return refuse('Only the read or unread mark of a conversation can be changed from the desktop.');
  if (typeof newState.staffUnread !== 'boolean')
    return refuse('The read or unread mark in this change could not be read, so it was not saved.');
  if (newState.staffUnread === before.staffUnread) return;
  if (current.staff_id !== viewer.userId)
    return refuse('Only the staff member in this conversation can mark it read or unread.');
  await tx.query('UPDATE threads SET staff_unread = $2 WHERE id = $1::uuid', [
    current.id,
    newState.staffUnread,
  ]);
  outcome.changed = true;
}

export const threadsHandler: CollectionHandler<'threads'> = {
  name: 'threads',
  sourceTables: ['threads'],
  visibleRows: (viewer) => ({
    from: 'threads t JOIN clients c ON c.id = t.client_id',
    alias: 't',
    visible: portalItemVisibleSql('t', 'c'),
    params: viewerParams(viewer),
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    // As for clients: a desktop starting from nothing is sent no removals.
    const result = await db.query<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM threads t JOIN clients c ON c.id = t.client_id
        WHERE ${afterCheckpointSql('t', 4, 5, releaseBelow)}
          AND (${portalItemVisibleSql('t', 'c')}
            OR (${accessChangedSinceSql('t', 4, 5)} AND ${portalItemSeenSinceSql('t', 'c', 4)}))
        ORDER BY ${positionOrderSql('t')} LIMIT $6`,
      [...viewerParams(viewer), ...checkpointParams(checkpoint), limit],
    );
    return {
      documents: result.rows.map(threadRowToDocForViewer),
      checkpoint: nextCheckpoint(result.rows, checkpoint),
    };
  },
  async push(tx, viewer, rows) {
    const outcome: PushOutcome<'threads'> = { conflicts: [], refusals: [], changed: false };
    // The clients of every row of the push locked first, in id order (db/client-lock.ts).
    await lockClientsOfRows(tx, 'threads', pushedUuids(rows));
    for (const row of rows) await applyThreadPush(tx, viewer, row, outcome);
    return outcome;
  },
};
