import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { clientActor, recordAudit } from '../audit/audit-log';
import type { PortalLimits } from '../config';
import { lockClient } from '../db/client-lock';
import type { Database, Queryable } from '../db/database';
import { forbidden, notFound, parseInput } from '../http/errors';
import { prepareMessageBody } from '../messaging/body';
import {
  appendMessage,
  type ExistingMessage,
  lockOrCreatePairThread,
  type MessageSender,
  previouslySent,
  sameSenderOrRefuse,
  type ThreadCore,
} from '../messaging/conversation-store';
import {
  ClientLimitReached,
  checkPortalMessageLength,
  enforceMessageLimits,
  portalMessageHtmlSchema,
  type RecentMessageCounts,
  recentMessageCountsSql,
} from './client-limits';
import { type ClientSession, requireClient } from './client-sessions';
import {
  clientMayInitiateSql,
  clientMayReplySql,
  listPortalThreads,
  portalContacts,
  portalMessagePage,
  portalMessageWithThread,
  portalThread,
} from './portal-views';

const threadParamsSchema = z.object({ id: z.string().uuid('Conversation ids are UUIDs.') });

/** `before`: the id of the oldest message shown, to read the page before it. */
const threadPageSchema = z.strictObject(
  { before: z.string().uuid('The message to read before is named by its id, a UUID.').optional() },
  { error: 'Only the message to read before can be asked for here.' },
);

/** The id is optional for a portal page, which may not keep one; given, it makes a resend harmless. */
const messageId = z.string().uuid('The message id must be a UUID.').optional();

const replySchema = z.object({ id: messageId, html: portalMessageHtmlSchema });

const seenSchema = z.strictObject(
  { upTo: z.string().uuid('The message seen is named by its id, a UUID.') },
  { error: 'Say only which message was seen last (upTo).' },
);

const newMessageSchema = z.object({
  id: messageId,
  staffId: z.string().uuid('The staff id must be a UUID.'),
  html: portalMessageHtmlSchema,
});

const NOT_ACCEPTING = 'This staff member is not accepting messages through the portal.';
const NO_SUCH_THREAD = 'That conversation does not exist.';

/** What a client's send checks, read in one statement once the client's row is locked. */
interface SendChecks extends RecentMessageCounts {
  /** A message already stored under the send's id, by anyone. */
  existing_thread_id: string | null;
  existing_client_id: string | null;
  existing_sender_kind: ExistingMessage['sender_kind'] | null;
  existing_sender_staff_id: string | null;
}

/** Select-list columns of SendChecks for message id `$3` by client `$2`, limits in `$4` and `$5`. */
const SEND_CHECKS_SQL = `
  e.thread_id::text AS existing_thread_id, e.client_id::text AS existing_client_id,
  e.sender_kind AS existing_sender_kind, e.sender_staff_id::text AS existing_sender_staff_id,
  ${recentMessageCountsSql('$2', '$4', '$5')}`;

const existingOf = (checks: SendChecks): ExistingMessage | undefined =>
  checks.existing_thread_id === null ||
  checks.existing_client_id === null ||
  checks.existing_sender_kind === null
    ? undefined
    : {
        thread_id: checks.existing_thread_id,
        client_id: checks.existing_client_id,
        sender_kind: checks.existing_sender_kind,
        sender_staff_id: checks.existing_sender_staff_id,
      };

/**
 * A reply's conversation, locked, with whether its client may still write in it and the send's
 * checks; none when the conversation does not exist. One round trip for what took five.
 */
async function lockReplyThread(
  tx: Queryable,
  threadId: string,
  clientId: string,
  messageId: string,
  limits: PortalLimits,
): Promise<(ThreadCore & SendChecks & { may_reply: boolean }) | undefined> {
  const result = await tx.query<ThreadCore & SendChecks & { may_reply: boolean }>(
    `SELECT t.id::text AS id, t.client_id::text AS client_id, t.staff_id::text AS staff_id,
            t.agency_id::text AS agency_id, t.private, t.started_by,
            ${clientMayReplySql('$2')} AS may_reply, ${SEND_CHECKS_SQL}
       FROM threads t JOIN users u ON u.id = t.staff_id LEFT JOIN messages e ON e.id = $3::uuid
      WHERE t.id = $1::uuid
        FOR UPDATE OF t`,
    [threadId, clientId, messageId, limits.messagesPerMinute, limits.messagesPerDay],
  );
  return result.rows[0];
}

/** A new message's checks: whether the client may start writing to the staff member (their agency when so). */
async function newMessageChecks(
  tx: Queryable,
  clientId: string,
  staffId: string,
  messageId: string,
  limits: PortalLimits,
): Promise<SendChecks & { staff_agency_id: string | null }> {
  const result = await tx.query<SendChecks & { staff_agency_id: string | null }>(
    `SELECT (SELECT u.agency_id::text FROM users u WHERE u.id = $1::uuid AND ${clientMayInitiateSql('u', '$2')})
              AS staff_agency_id,
            ${SEND_CHECKS_SQL}
       FROM (SELECT 1) one LEFT JOIN messages e ON e.id = $3::uuid`,
    [staffId, clientId, messageId, limits.messagesPerMinute, limits.messagesPerDay],
  );
  const checks = result.rows[0];
  if (!checks) throw new Error('the send checks returned no row');
  return checks;
}

/** Logs a client's message; it belongs to the conversation's agency, private as the conversation is. */
function auditClientSend(tx: Queryable, thread: ThreadCore, messageId: string): Promise<void> {
  return recordAudit(tx, {
    actor: clientActor(thread.client_id),
    action: 'portal.message_send',
    subject: { kind: 'message', id: messageId },
    clientId: thread.client_id,
    agencyId: thread.agency_id,
    private: thread.private,
    details: { threadId: thread.id, staffId: thread.staff_id },
  });
}

/** Answers a client's send with the stored message and its conversation (201 when new). */
async function answerSend(
  db: Queryable,
  reply: FastifyReply,
  session: ClientSession,
  id: string,
  created: boolean,
): Promise<FastifyReply> {
  const answer = await portalMessageWithThread(db, session.clientId, id);
  if (!answer) throw notFound(NO_SUCH_THREAD);
  return reply.status(created ? 201 : 200).send(answer);
}

/** Runs a client's send; a limit reached is answered with Retry-After. */
async function underLimits<T>(reply: FastifyReply, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof ClientLimitReached)
      void reply.header('retry-after', String(error.retryAfterSeconds));
    throw error;
  }
}

/** The Customer Portal's messaging for a signed-in client, within the client's limits (client-limits.ts). */
export function registerPortalRoutes(app: FastifyInstance, db: Database, limits: PortalLimits): void {
  app.get('/api/portal/threads', async (request) => {
    const session = await requireClient(db, request);
    return { threads: await listPortalThreads(db, session.clientId) };
  });

  app.get('/api/portal/threads/:id', async (request) => {
    const session = await requireClient(db, request);
    const { id } = parseInput(threadParamsSchema, request.params, 'conversation id');
    const { before } = parseInput(threadPageSchema, request.query, 'page');
    const thread = await portalThread(db, session.clientId, id);
    if (!thread) throw notFound(NO_SUCH_THREAD);
    const page = await portalMessagePage(db, session.clientId, id, before ?? null);
    // Opening the conversation (its latest page) is reading it; scrolling back is not news.
    if (thread.unread && !before) {
      await db.query('UPDATE threads SET client_unread = false WHERE id = $1::uuid AND client_unread', [id]);
    }
    return { thread: { ...thread, unread: before ? thread.unread : false }, ...page };
  });

  app.post('/api/portal/threads/:id/messages', async (request, reply) => {
    const session = await requireClient(db, request);
    const { id: threadId } = parseInput(threadParamsSchema, request.params, 'conversation id');
    const body = parseInput(replySchema, request.body, 'message');
    const prepared = prepareMessageBody(body.html);
    checkPortalMessageLength(prepared);
    const id = body.id ?? randomUUID();
    const sender: MessageSender = { kind: 'client', clientId: session.clientId };
    const created = await underLimits(reply, () =>
      db.transaction(async (tx) => {
        // The client's limits are counted and the message stored one at a time per client.
        await lockClient(tx, session.clientId);
        const thread = await lockReplyThread(tx, threadId, session.clientId, id, limits);
        // A resend of a stored message is answered with it, whatever the limits say now.
        const existing = thread ? existingOf(thread) : await previouslySent(tx, id, sender);
        if (existing && sameSenderOrRefuse(existing, sender)) return false;
        if (!thread || thread.client_id !== session.clientId) throw notFound(NO_SUCH_THREAD);
        if (!thread.may_reply) throw forbidden(NOT_ACCEPTING);
        enforceMessageLimits(thread, limits);
        await appendMessage(tx, thread, { id, sender, body: prepared });
        await auditClientSend(tx, thread, id);
        return true;
      }),
    );
    return answerSend(db, reply, session, id, created);
  });

  // The portal says which staff message it last had on the client's screen: that one and every
  // earlier delivered staff message of the conversation are seen now (at most once each).
  app.post('/api/portal/threads/:id/seen', async (request) => {
    const session = await requireClient(db, request);
    const { id } = parseInput(threadParamsSchema, request.params, 'conversation id');
    const { upTo } = parseInput(seenSchema, request.body, 'seen mark');
    const result = await db.query<{ id: string }>(
      `UPDATE messages m SET seen_at = now()
         FROM messages last
        WHERE last.id = $3::uuid AND last.thread_id = $1::uuid AND last.client_id = $2::uuid
          AND m.thread_id = $1::uuid AND m.client_id = $2::uuid AND m.sender_kind = 'staff'
          AND m.seen_at IS NULL AND m.delivered_at IS NOT NULL AND NOT m.deleted
          AND (m.sent_at, m.seq) <= (last.sent_at, last.seq)
       RETURNING m.id::text AS id`,
      [id, session.clientId, upTo],
    );
    if (result.rows.length === 0 && !(await portalThread(db, session.clientId, id)))
      throw notFound(NO_SUCH_THREAD);
    return { seen: result.rows.length };
  });

  app.get('/api/portal/contacts', async (request) => {
    const session = await requireClient(db, request);
    return { contacts: await portalContacts(db, session.clientId) };
  });

  app.post('/api/portal/messages', async (request, reply) => {
    const session = await requireClient(db, request);
    const body = parseInput(newMessageSchema, request.body, 'message');
    const prepared = prepareMessageBody(body.html);
    checkPortalMessageLength(prepared);
    const id = body.id ?? randomUUID();
    const sender: MessageSender = { kind: 'client', clientId: session.clientId };
    const created = await underLimits(reply, () =>
      db.transaction(async (tx) => {
        await lockClient(tx, session.clientId);
        const checks = await newMessageChecks(tx, session.clientId, body.staffId, id, limits);
        const existing = existingOf(checks);
        if (existing && sameSenderOrRefuse(existing, sender)) return false;
        // Unknown staff, not on the care team, or not accepting: one answer, so ids reveal nothing.
        const agencyId = checks.staff_agency_id;
        if (!agencyId) throw forbidden(NOT_ACCEPTING);
        enforceMessageLimits(checks, limits);
        const thread = await lockOrCreatePairThread(
          tx,
          { clientId: session.clientId, staffId: body.staffId, staffAgencyId: agencyId },
          'client',
        );
        await appendMessage(tx, thread, { id, sender, body: prepared });
        await auditClientSend(tx, thread, id);
        return true;
      }),
    );
    return answerSend(db, reply, session, id, created);
  });
}
