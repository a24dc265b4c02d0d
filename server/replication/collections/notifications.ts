import type {
  NotificationDoc,
  ReplicationCheckpoint,
  WithDeletedFlag,
} from '../../../shared/replication/documents';
import type { PullResponse, PushRow } from '../../../shared/replication/protocol';
import type { Viewer } from '../../authz/viewer';
import type { Queryable } from '../../db/database';
import {
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  openPushedRow,
  type PushOutcome,
  positionOrderSql,
} from '../collection-handler';

interface NotificationRow {
  id: string;
  staff_id: string;
  kind: NotificationDoc['kind'];
  client_id: string;
  request_id: string | null;
  record_id: string | null;
  title: string;
  body: string;
  read: boolean;
  created_at: string;
  txid: number;
  seq: number;
  deleted: boolean;
  updated_at: string;
}

const NOTIFICATION_COLUMNS = `n.id::text AS id, n.staff_id::text AS staff_id, n.kind, n.client_id::text AS client_id,
  n.request_id::text AS request_id, n.record_id::text AS record_id, n.title, n.body, n.read, n.created_at, n.txid, n.seq,
  n.deleted, n.updated_at`;

export function notificationToDoc(row: NotificationRow): WithDeletedFlag<NotificationDoc> {
  return {
    id: row.id,
    staffId: row.staff_id,
    kind: row.kind,
    clientId: row.client_id,
    requestId: row.request_id ?? '',
    recordId: row.record_id ?? '',
    title: row.title,
    body: row.body,
    createdAt: row.created_at,
    read: row.read,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

/** Everything in a notification is the server's, except whether its staff member has read it. */
const SERVER_FIELDS = [
  'staffId',
  'kind',
  'clientId',
  'requestId',
  'recordId',
  'title',
  'body',
  'createdAt',
] as const;

async function applyNotificationPush(
  tx: Queryable,
  viewer: Viewer,
  row: PushRow<'notifications'>,
  outcome: PushOutcome<'notifications'>,
): Promise<void> {
  const newState = row.newDocumentState;
  const unavailable = 'This notification is not available to you.';
  const opened = await openPushedRow<'notifications', NotificationRow>(row, outcome, {
    unknownMessage: unavailable,
    hiddenMessage: unavailable,
    // A notification is its staff member's alone: anyone else is told nothing, not even that it exists.
    load: async (id) =>
      (
        await tx.query<NotificationRow>(
          `SELECT ${NOTIFICATION_COLUMNS} FROM staff_notifications n WHERE n.id = $1::uuid AND n.staff_id = $2::uuid
            FOR UPDATE`,
          [id, viewer.userId],
        )
      ).rows[0],
    visible: () => true,
    toDoc: notificationToDoc,
  });
  if (!opened) return;
  const { current, before, refuse } = opened;
  if (newState._deleted !== before._deleted)
    return refuse('Notifications cannot be deleted from the desktop.');
  if (SERVER_FIELDS.some((field) => newState[field] !== before[field]))
    return refuse('Only the read or unread mark of a notification can be changed from the desktop.');
  if (typeof newState.read !== 'boolean')
    return refuse('The read or unread mark in this change could not be read, so it was not saved.');
  if (newState.read === before.read) return;
  await tx.query('UPDATE staff_notifications SET read = $2 WHERE id = $1::uuid', [current.id, newState.read]);
  outcome.changed = true;
}

/**
 * Every staff member's notifications after `checkpoint`, for the live hub, which routes each to its
 * own staff member's streams (replication/live-hub.ts). Never answers a request.
 */
export async function pullEveryonesNotifications(
  db: Queryable,
  checkpoint: ReplicationCheckpoint,
  limit: number,
  releaseBelow: number,
): Promise<PullResponse<'notifications'>> {
  const result = await db.query<NotificationRow>(
    `SELECT ${NOTIFICATION_COLUMNS} FROM staff_notifications n
      WHERE ${afterCheckpointSql('n', 1, 2, releaseBelow)} ORDER BY ${positionOrderSql('n')} LIMIT $3`,
    [...checkpointParams(checkpoint), limit],
  );
  return {
    documents: result.rows.map(notificationToDoc),
    checkpoint: nextCheckpoint(result.rows, checkpoint),
  };
}

/** Inbox notifications: each staff member pulls only their own. */
export const notificationsHandler: CollectionHandler<'notifications'> = {
  name: 'notifications',
  sourceTables: ['staff_notifications'],
  visibleRows: (viewer) => ({
    from: 'staff_notifications n',
    alias: 'n',
    visible: 'n.staff_id = $1::uuid',
    params: [viewer.userId],
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    const result = await db.query<NotificationRow>(
      `SELECT ${NOTIFICATION_COLUMNS} FROM staff_notifications n
        WHERE ${afterCheckpointSql('n', 2, 3, releaseBelow)} AND n.staff_id = $1::uuid ORDER BY ${positionOrderSql('n')} LIMIT $4`,
      [viewer.userId, ...checkpointParams(checkpoint), limit],
    );
    return {
      documents: result.rows.map(notificationToDoc),
      checkpoint: nextCheckpoint(result.rows, checkpoint),
    };
  },
  async push(tx, viewer, rows) {
    const outcome: PushOutcome<'notifications'> = { conflicts: [], refusals: [], changed: false };
    for (const row of rows) await applyNotificationPush(tx, viewer, row, outcome);
    return outcome;
  },
};
