import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AuditAction, recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import { canEditClient, type Viewer } from '../authz/viewer';
import type { Database, Queryable } from '../db/database';
import { forbidden, notFound, parseInput } from '../http/errors';
import { loadClientForViewer } from '../replication/collections/clients';
import { cancelInvite, connectionOf, disconnect, pendingInviteToken, sendInvite } from './connection-store';
import type { InviteLinkSealer } from './link-sealer';

const paramsSchema = z.object({ id: z.string().uuid('Client ids are UUIDs.') });

const CLIENT_NOT_AVAILABLE = 'That client does not exist or is not available to you.';
const OTHER_AGENCY =
  'Only staff of the client’s own agency can manage their Customer Portal account. Ask their agency to do it.';

/**
 * The client a staff member manages the portal account of: one they may see, of their own agency
 * (a shared record seen from another agency is looked at, not managed), or any for a system admin.
 */
async function manageableClient(db: Queryable, viewer: Viewer, request: FastifyRequest): Promise<string> {
  const { id } = parseInput(paramsSchema, request.params, 'client id');
  const client = await loadClientForViewer(db, viewer, id);
  if (!client?.visible || client.deleted) throw notFound(CLIENT_NOT_AVAILABLE);
  if (!canEditClient(viewer, client.agency_id)) throw forbidden(OTHER_AGENCY);
  return id;
}

/** Logs a change of a client's portal connection, in the change's transaction. */
function auditInvite(tx: Queryable, viewer: Viewer, action: AuditAction, clientId: string): Promise<void> {
  return recordAudit(tx, {
    actor: staffActor(viewer.userId),
    action,
    subject: { kind: 'client_account', id: clientId },
    clientId,
  });
}

/** Where clients' phones open the portal: PUBLIC_URL, or the address this request came in at. */
function serverOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** The token travels in the fragment: browsers never send it to the server or in a Referer. */
function inviteUrlOf(request: FastifyRequest, publicUrl: string | undefined, token: string): string {
  return `${serverOrigin(request, publicUrl)}/portal/join#${token}`;
}

/**
 * Staff managing a client's Customer Portal connection. Every answer is the connection as it now
 * is (shared/domain/portal-connection.ts); an invite or resend carries the new link, and while the
 * invitation is pending its link can be fetched again (audited) to copy it.
 */
export function registerPortalConnectionRoutes(
  app: FastifyInstance,
  db: Database,
  publicUrl: string | undefined,
  sealer: InviteLinkSealer,
): void {
  app.get('/api/clients/:id/portal', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    return { ...(await connectionOf(db, clientId)), inviteUrl: null };
  });

  app.post('/api/clients/:id/portal/invite', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    const { token, expiresAt } = await db.transaction(async (tx) => {
      const sent = await sendInvite(tx, clientId, viewer.userId, sealer);
      await auditInvite(tx, viewer, 'invite.send', clientId);
      return sent;
    });
    const inviteUrl = inviteUrlOf(request, publicUrl, token);
    return { ...(await connectionOf(db, clientId)), inviteUrl, expiresAt };
  });

  // The same link again, for staff who may manage the invitation; who fetched it is logged (never
  // the link itself), in the transaction that reads it.
  app.get('/api/clients/:id/portal/invite-link', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    const { token, expiresAt } = await db.transaction(async (tx) => {
      const pending = await pendingInviteToken(tx, clientId, sealer);
      await auditInvite(tx, viewer, 'invite.link_fetch', clientId);
      return pending;
    });
    return { inviteUrl: inviteUrlOf(request, publicUrl, token), expiresAt };
  });

  app.delete('/api/clients/:id/portal/invite', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    await db.transaction(async (tx) => {
      await cancelInvite(tx, clientId);
      await auditInvite(tx, viewer, 'invite.cancel', clientId);
    });
    return { ...(await connectionOf(db, clientId)), inviteUrl: null };
  });

  app.post('/api/clients/:id/portal/disconnect', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const clientId = await manageableClient(db, viewer, request);
    await db.transaction(async (tx) => {
      await disconnect(tx, clientId);
      await auditInvite(tx, viewer, 'invite.disconnect', clientId);
    });
    return { ...(await connectionOf(db, clientId)), inviteUrl: null };
  });
}
