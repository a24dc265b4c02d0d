import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MessageDoc, ThreadDoc } from '../../shared/replication/documents';
import { recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import { type Viewer, viewerParams } from '../authz/viewer';
import { lockClient } from '../db/client-lock';
import type { Database, Queryable } from '../db/database';
import { badRequest, forbidden, notFound, parseInput } from '../http/errors';
import { loadClientForViewer } from '../replication/collections/clients';
import { MESSAGE_COLUMNS, type MessageRow, messageToDoc } from '../replication/collections/messages';
import { loadThreadForViewer, threadToDoc } from '../replication/collections/threads';
import { messageHtmlSchema, prepareMessageBody } from './body';
import {
  appendMessage,
  lockOrCreatePairThread,
  lockThread,
  type MessageSender,
  previouslySent,
  type ThreadCore,
} from './conversation-store';

const uuid = (what: string) => z.string().uuid(`The ${what} must be a UUID.`);

const sendSchema = z.object({
  id: uuid('message id'),
  clientId: uuid('client id'),
  threadId: uuid('conversation id').nullable(),
  html: messageHtmlSchema,
});

const settingsPatchSchema = z
  .strictObject(
    { allowClientContact: z.boolean().optional(), displayInPortal: z.boolean().optional() },
    { error: 'Only allowClientContact and displayInPortal can be changed here.' },
  )
  .refine((patch) => Object.keys(patch).length > 0, 'Say which setting to change.');

const CLIENT_NOT_AVAILABLE = 'That client does not exist or is not available to you.';
const THREAD_NOT_AVAILABLE = 'That conversation does not exist or is not available to you.';

/** The staff member's own conversation named by a send, locked, or the reason it cannot be used. */
async function ownThread(
  tx: Queryable,
  viewer: Viewer,
  threadId: string,
  clientId: string,
): Promise<ThreadCore> {
  const thread = await lockThread(tx, threadId);
  if (!thread) throw notFound(THREAD_NOT_AVAILABLE);
  if (thread.staff_id !== viewer.userId) {
    const visible = (await loadThreadForViewer(tx, viewer, threadId))?.visible ?? false;
    if (!visible) throw notFound(THREAD_NOT_AVAILABLE);
    throw forbidden('You can reply only in your own conversations. Send the client a new message instead.');
  }
  if (thread.client_id !== clientId) throw badRequest('That conversation is with another client.');
  return thread;
}

async function messageForViewer(db: Queryable, viewer: Viewer, id: string): Promise<MessageDoc> {
  const result = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages m JOIN clients c ON c.id = m.client_id WHERE m.id = $4::uuid`,
    [...viewerParams(viewer), id],
  );
  const row = result.rows[0];
  if (!row?.visible) throw notFound(CLIENT_NOT_AVAILABLE);
  const { _deleted, ...doc } = messageToDoc(row);
  return doc;
}

async function threadDocForViewer(db: Queryable, viewer: Viewer, id: string): Promise<ThreadDoc> {
  const row = await loadThreadForViewer(db, viewer, id);
  if (!row?.visible) throw notFound(THREAD_NOT_AVAILABLE);
  const { _deleted, ...doc } = threadToDoc(row);
  return doc;
}

interface SettingsRow {
  allow_client_contact: boolean;
  display_in_portal: boolean;
}

const toSettings = (row: SettingsRow | undefined) => ({
  allowClientContact: row?.allow_client_contact ?? false,
  displayInPortal: row?.display_in_portal ?? false,
});

/** Staff sending messages from their desktop, and their MY INFO settings. */
export function registerMessagingRoutes(app: FastifyInstance, db: Database): void {
  app.post('/api/messages', async (request, reply) => {
    const { viewer } = await requireStaff(db, request);
    const body = parseInput(sendSchema, request.body, 'message');
    const prepared = prepareMessageBody(body.html);
    const sender: MessageSender = { kind: 'staff', viewer };
    const created = await db.transaction(async (tx) => {
      // One at a time per client: a conversation is started once, and a client joining the portal
      // meanwhile (which delivers waiting messages) is either before or after this send.
      await lockClient(tx, body.clientId);
      if (await previouslySent(tx, body.id, sender)) return false;
      const client = await loadClientForViewer(tx, viewer, body.clientId);
      if (!client?.visible || client.deleted) throw notFound(CLIENT_NOT_AVAILABLE);
      const thread = body.threadId
        ? await ownThread(tx, viewer, body.threadId, body.clientId)
        : await lockOrCreatePairThread(
            tx,
            { clientId: body.clientId, staffId: viewer.userId, staffAgencyId: viewer.agencyId },
            'staff',
          );
      await appendMessage(tx, thread, { id: body.id, sender, body: prepared });
      await recordAudit(tx, {
        actor: staffActor(viewer.userId),
        action: 'message.send',
        subject: { kind: 'message', id: body.id },
        clientId: body.clientId,
        agencyId: thread.agency_id,
        private: thread.private,
        details: { threadId: thread.id },
      });
      return true;
    });
    const message = await messageForViewer(db, viewer, body.id);
    const thread = await threadDocForViewer(db, viewer, message.threadId);
    return reply.status(created ? 201 : 200).send({ message, thread });
  });

  app.get('/api/me/settings', async (request) => {
    const { user } = await requireStaff(db, request);
    const result = await db.query<SettingsRow>(
      'SELECT allow_client_contact, display_in_portal FROM users WHERE id = $1::uuid',
      [user.id],
    );
    return toSettings(result.rows[0]);
  });

  app.patch('/api/me/settings', async (request) => {
    const { user } = await requireStaff(db, request);
    const patch = parseInput(settingsPatchSchema, request.body, 'settings');
    // users is replicated (the directory), so the change reaches desktops like any other.
    const row = await db.transaction(async (tx) => {
      const result = await tx.query<SettingsRow>(
        `UPDATE users SET allow_client_contact = coalesce($2, allow_client_contact),
                display_in_portal = coalesce($3, display_in_portal)
          WHERE id = $1::uuid RETURNING allow_client_contact, display_in_portal`,
        [user.id, patch.allowClientContact ?? null, patch.displayInPortal ?? null],
      );
      await recordAudit(tx, {
        actor: staffActor(user.id),
        action: 'settings.change',
        subject: { kind: 'user', id: user.id },
        details: patch,
      });
      return result.rows[0];
    });
    return toSettings(row);
  });
}
