import type { MessageDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import { portalItemSeenSinceSql, portalItemVisibleSql, viewerParams } from '../../authz/viewer';
import {
  accessChangedSinceSql,
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  positionOrderSql,
} from '../collection-handler';
import { refuseAllPushes } from './read-only-push';

export interface MessageRow {
  id: string;
  thread_id: string;
  client_id: string;
  agency_id: string;
  private: boolean;
  sender_kind: MessageDoc['senderKind'];
  sender_staff_id: string | null;
  body_html: string;
  body_text: string;
  sent_at: string;
  delivered_at: string | null;
  seen_at: string | null;
  txid: number;
  seq: number;
  access_seq: number;
  deleted: boolean;
  updated_at: string;
  visible: boolean;
}

/** Columns of `messages m JOIN clients c`, with whether the viewer ($1–$3) may see each message. */
export const MESSAGE_COLUMNS = `m.id::text AS id, m.thread_id::text AS thread_id, m.client_id::text AS client_id,
  m.agency_id::text AS agency_id, m.private, m.sender_kind, m.sender_staff_id::text AS sender_staff_id,
  m.body_html, m.body_text, m.sent_at, m.delivered_at, m.seen_at, m.txid, m.seq, m.access_seq, m.deleted, m.updated_at,
  ${portalItemVisibleSql('m', 'c')} AS visible`;

export function messageToDoc(row: MessageRow): WithDeletedFlag<MessageDoc> {
  return {
    id: row.id,
    threadId: row.thread_id,
    clientId: row.client_id,
    agencyId: row.agency_id,
    private: row.private,
    senderKind: row.sender_kind,
    senderStaffId: row.sender_staff_id ?? '',
    bodyHtml: row.body_html,
    bodyText: row.body_text,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at ?? '',
    seenAt: row.seen_at ?? '',
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

/** The id and the deletion only; the sender kind is a placeholder the desktop's schema requires. */
export function messageRowToDocForViewer(row: MessageRow): WithDeletedFlag<MessageDoc> {
  if (row.visible) return messageToDoc(row);
  return {
    id: row.id,
    threadId: '',
    clientId: '',
    agencyId: '',
    private: false,
    senderKind: 'staff',
    senderStaffId: '',
    bodyHtml: '',
    bodyText: '',
    sentAt: '',
    deliveredAt: '',
    seenAt: '',
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: true,
  };
}

const FROM_MESSAGES = 'FROM messages m JOIN clients c ON c.id = m.client_id';

/** Messages are sent through POST /api/messages (and the portal), never edited by replication. */
export const messagesHandler: CollectionHandler<'messages'> = {
  name: 'messages',
  sourceTables: ['messages'],
  visibleRows: (viewer) => ({
    from: FROM_MESSAGES.slice('FROM '.length),
    alias: 'm',
    visible: portalItemVisibleSql('m', 'c'),
    params: viewerParams(viewer),
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    // As for clients: a desktop starting from nothing is sent no removals.
    const result = await db.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} ${FROM_MESSAGES}
        WHERE ${afterCheckpointSql('m', 4, 5, releaseBelow)}
          AND (${portalItemVisibleSql('m', 'c')}
            OR (${accessChangedSinceSql('m', 4, 5)} AND ${portalItemSeenSinceSql('m', 'c', 4)}))
        ORDER BY ${positionOrderSql('m')} LIMIT $6`,
      [...viewerParams(viewer), ...checkpointParams(checkpoint), limit],
    );
    return {
      documents: result.rows.map(messageRowToDocForViewer),
      checkpoint: nextCheckpoint(result.rows, checkpoint),
    };
  },
  push: (tx, viewer, rows) =>
    refuseAllPushes(
      rows,
      async (ids) => {
        // Ids that are not UUIDs cannot name a message; the cast would fail the whole push.
        const uuids = ids.filter((id) =>
          /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id),
        );
        if (uuids.length === 0) return [];
        const result = await tx.query<MessageRow>(
          `SELECT ${MESSAGE_COLUMNS} ${FROM_MESSAGES} WHERE m.id = ANY($4::uuid[])`,
          [...viewerParams(viewer), uuids],
        );
        // Messages the viewer may not see come back redacted, so their content never leaks.
        return result.rows.map(messageRowToDocForViewer);
      },
      'Messages cannot be changed once they are sent.',
    ),
};
