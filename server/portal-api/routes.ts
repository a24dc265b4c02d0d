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
  lockOrCreatePairThread,
  lockThread,
  type MessageSender,
  previouslySent,
  type ThreadCore,
} from '../messaging/conversation-store';
import {
  ClientLimitReached,
  checkMessageLimits,
  checkPortalMessageLength,
  portalMessageHtmlSchema,
} from './client-limits';
import { type ClientSession, requireClient } from './client-sessions';
import {
  clientMayInitiateSql,
  listPortalThreads,
  portalContacts,
  portalMessage,
  portalMessages,
  portalThread,
} from './portal-views';

const threadParamsSchema = z.object({ id: z.string().uuid('Conversation ids are UUIDs.') });

/** The id is optional for a portal page, which may not keep one; given, it makes a resend harmless. */
const messageId = z.string().uuid('The message id must be a UUID.').optional();

const replySchema = z.object({ id: messageId, html: portalMessageHtmlSchema });

const newMessageSchema = z.object({
  id: messageId,
  staffId: z.string().uuid('The staff id must be a UUID.'),
  html: portalMessageHtmlSchema,
});

const NOT_ACCEPTING = 'This staff member is not accepting messages through the portal.';
const NO_SUCH_THREAD = 'That conversation does not exist.';

/** Whether client may start writing to a staff member; their agency when so. */
async function initiableStaffAgency(
  tx: Queryable,
  clientId: string,
  staffId: string,
): Promise<string | undefined> {
  const result = await tx.query<{ agency_id: string }>(
    `SELECT u.agency_id::text AS agency_id FROM users u WHERE u.id = $2::uuid AND ${clientMayInitiateSql('u', '$1')}`,
    [clientId, staffId],
  );
  return result.rows[0]?.agency_id;
}

/** Whether the staff member in `thread` may still be written to by its client. */
async function mayReply(tx: Queryable, thread: ThreadCore): Promise<boolean> {
  if (thread.started_by === 'client')
    return (await initiableStaffAgency(tx, thread.client_id, thread.staff_id)) !== undefined;
  const staff = await tx.query<{ ok: boolean }>(
    'SELECT active AND NOT deleted AS ok FROM users WHERE id = $1::uuid',
    [thread.staff_id],
  );
  return staff.rows[0]?.ok ?? false;
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
  const message = await portalMessage(db, session.clientId, id);
  const thread = message && (await portalThread(db, session.clientId, message.threadId));
  if (!message || !thread) throw notFound(NO_SUCH_THREAD);
  return reply.status(created ? 201 : 200).send({ message, thread });
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
    const thread = await portalThread(db, session.clientId, id);
    if (!thread) throw notFound(NO_SUCH_THREAD);
    const messages = await portalMessages(db, session.clientId, id);
    if (thread.unread) {
      await db.query('UPDATE threads SET client_unread = false WHERE id = $1::uuid AND client_unread', [id]);
    }
    return { thread: { ...thread, unread: false }, messages };
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
        // A resend of a stored message is answered with it, whatever the limits say now.
        if (await previouslySent(tx, id, sender)) return false;
        const thread = await lockThread(tx, threadId);
        if (!thread || thread.client_id !== session.clientId) throw notFound(NO_SUCH_THREAD);
        if (!(await mayReply(tx, thread))) throw forbidden(NOT_ACCEPTING);
        await checkMessageLimits(tx, session.clientId, limits);
        await appendMessage(tx, thread, { id, sender, body: prepared });
        await auditClientSend(tx, thread, id);
        return true;
      }),
    );
    return answerSend(db, reply, session, id, created);
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
        if (await previouslySent(tx, id, sender)) return false;
        // Unknown staff, not on the care team, or not accepting: one answer, so ids reveal nothing.
        const agencyId = await initiableStaffAgency(tx, session.clientId, body.staffId);
        if (!agencyId) throw forbidden(NOT_ACCEPTING);
        await checkMessageLimits(tx, session.clientId, limits);
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
