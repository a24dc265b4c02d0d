import type { SenderKind } from '../../shared/replication/documents';
import { type Viewer, viewerParams } from '../authz/viewer';
import type { Queryable } from '../db/database';
import { clientMayReadAttachmentSql, staffMayReadAttachmentSql } from '../files/attachment-access';
import { HttpError } from '../http/errors';
import { type MessageBody, referencedAttachmentIds } from './body';
import { previewOf } from './preview';

/*
 * Writing conversations, shared by staff sends and the Customer Portal. Every function here runs
 * in a transaction that locked the client's row first (db/client-lock.ts): that serializes "find
 * or create the thread" and "has this message id been used" for the client, so two identical
 * requests at once cannot both insert.
 */

/** What deciding about a thread needs; its visibility is checked by the caller. */
export interface ThreadCore {
  id: string;
  client_id: string;
  staff_id: string;
  agency_id: string;
  private: boolean;
  started_by: SenderKind;
}

const THREAD_CORE = `id::text AS id, client_id::text AS client_id, staff_id::text AS staff_id,
  agency_id::text AS agency_id, private, started_by`;

export type MessageSender = { kind: 'staff'; viewer: Viewer } | { kind: 'client'; clientId: string };

export async function lockThread(tx: Queryable, id: string): Promise<ThreadCore | undefined> {
  const result = await tx.query<ThreadCore>(
    `SELECT ${THREAD_CORE} FROM threads WHERE id = $1::uuid FOR UPDATE`,
    [id],
  );
  return result.rows[0];
}

/**
 * The one conversation between a client and a staff member, created when it does not exist yet.
 * A new one belongs to the staff member's agency and is not private.
 */
export async function lockOrCreatePairThread(
  tx: Queryable,
  pair: { clientId: string; staffId: string; staffAgencyId: string },
  startedBy: SenderKind,
): Promise<ThreadCore> {
  const existing = await tx.query<ThreadCore>(
    `SELECT ${THREAD_CORE} FROM threads WHERE client_id = $1::uuid AND staff_id = $2::uuid FOR UPDATE`,
    [pair.clientId, pair.staffId],
  );
  const found = existing.rows[0];
  if (found) return found;
  const created = await tx.query<ThreadCore>(
    `INSERT INTO threads (client_id, staff_id, agency_id, started_by, last_sender_kind)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $4) RETURNING ${THREAD_CORE}`,
    [pair.clientId, pair.staffId, pair.staffAgencyId, startedBy],
  );
  const thread = created.rows[0];
  if (!thread) throw new Error('creating a thread returned no row');
  return thread;
}

export interface ExistingMessage {
  thread_id: string;
  client_id: string;
  sender_kind: SenderKind;
  sender_staff_id: string | null;
}

const MESSAGE_ID_TAKEN = new HttpError(
  409,
  'message_id_taken',
  'This message id is already used by another message. Send it again with a new id.',
);

/**
 * Makes a resend harmless: when `id` is already a message by the same sender, returns it (the
 * caller answers with it and writes nothing); when it is someone else's, refuses with 409.
 */
export async function previouslySent(
  tx: Queryable,
  id: string,
  sender: MessageSender,
): Promise<ExistingMessage | undefined> {
  const result = await tx.query<ExistingMessage>(
    `SELECT thread_id::text AS thread_id, client_id::text AS client_id, sender_kind,
            sender_staff_id::text AS sender_staff_id FROM messages WHERE id = $1::uuid`,
    [id],
  );
  const existing = result.rows[0];
  return existing && sameSenderOrRefuse(existing, sender);
}

/** A stored message under a send's id: the same sender's (a resend), or refused with 409. */
export function sameSenderOrRefuse(existing: ExistingMessage, sender: MessageSender): ExistingMessage {
  const same =
    sender.kind === 'staff'
      ? existing.sender_kind === 'staff' && existing.sender_staff_id === sender.viewer.userId
      : existing.sender_kind === 'client' && existing.client_id === sender.clientId;
  if (!same) throw MESSAGE_ID_TAKEN;
  return existing;
}

/**
 * Adds a message to a thread and brings the thread up to date: its latest message, and that the
 * other side has something new to read. The sender's own unread mark stays as it was: writing is
 * not reading (a staff member may write from the client's profile without opening the thread),
 * so only opening the thread or Mark as read clears it.
 */
export async function appendMessage(
  tx: Queryable,
  thread: ThreadCore,
  message: { id: string; sender: MessageSender; body: MessageBody },
): Promise<void> {
  const { sender, body } = message;
  // A client not connected to the Customer Portal cannot read it yet: it waits, undelivered, until
  // they join (join-store.ts delivers it). Under the client's row lock, so a join cannot slip between.
  // The message and its thread's update are one statement: one round trip fewer on every send.
  await tx.query(
    `WITH stored AS (
       INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id, body_html,
                             body_text, sent_at, delivered_at)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $6, $7::uuid, $8, $9, now(),
               CASE WHEN $6 = 'client' OR EXISTS (SELECT 1 FROM client_accounts a WHERE a.client_id = $3::uuid AND a.active)
                    THEN now() END)
       RETURNING 1
     )
     UPDATE threads SET last_message_at = now(), last_message_preview = $10, last_sender_kind = $6,
            staff_unread = staff_unread OR $6 = 'client', client_unread = client_unread OR $6 = 'staff'
      WHERE id = $2::uuid AND EXISTS (SELECT 1 FROM stored)`,
    [
      message.id,
      thread.id,
      thread.client_id,
      thread.agency_id,
      thread.private,
      sender.kind,
      sender.kind === 'staff' ? sender.viewer.userId : null,
      body.html,
      body.text,
      previewOf(body.text),
    ],
  );
  await recordAttachments(tx, message.id, sender, referencedAttachmentIds(body.html));
}

/** Notes which uploaded pictures a message shows, keeping only those its sender may see. */
async function recordAttachments(
  tx: Queryable,
  messageId: string,
  sender: MessageSender,
  fileIds: string[],
): Promise<void> {
  if (fileIds.length === 0) return;
  if (sender.kind === 'staff') {
    await tx.query(
      `INSERT INTO message_attachments (message_id, file_id)
       SELECT $4::uuid, f.id FROM files f WHERE f.id = ANY($5::uuid[]) AND ${staffMayReadAttachmentSql('f')}`,
      [...viewerParams(sender.viewer), messageId, fileIds],
    );
    return;
  }
  await tx.query(
    `INSERT INTO message_attachments (message_id, file_id)
     SELECT $1::uuid, f.id FROM files f WHERE f.id = ANY($2::uuid[]) AND ${clientMayReadAttachmentSql('f', '$3')}`,
    [messageId, fileIds, sender.clientId],
  );
}
