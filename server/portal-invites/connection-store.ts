import { randomBytes, randomUUID } from 'node:crypto';
import { PORTAL_INVITE_DAYS } from '../../shared/domain/portal-account';
import type { PortalConnectionState } from '../../shared/domain/portal-connection';
import { hashToken } from '../auth/sessions';
import { lockClient } from '../db/client-lock';
import type { Queryable } from '../db/database';
import { HttpError, notFound } from '../http/errors';
import type { InviteLinkSealer } from './link-sealer';

/*
 * A client's Customer Portal connection as staff manage it: Not Connected, Invite Pending (resend,
 * cancel; invitations expire) and Connected (until Disconnect). Every change runs in a transaction
 * holding the client's invite lock, so two staff members clicking at once cannot leave two open
 * invitations or invite a client who was just connected.
 */

/** Advisory-lock namespace for per-client invite changes (the other int is the client's hash). */
const INVITE_LOCK = 7_366_100;

export interface ConnectionView {
  state: PortalConnectionState;
  /**
   * The open invitation: while it works (`invite_pending`), and after it expired (state
   * `not_connected`, expiresAt in the past) so staff can see why the client could not join.
   */
  invite: { sentAt: string; expiresAt: string; sentBy: string; linkAvailable: boolean } | null;
  account: { username: string; connectedAt: string } | null;
}

export const NO_PENDING_INVITE = notFound('This client has no pending invitation to cancel.');
export const ALREADY_CONNECTED = new HttpError(
  409,
  'already_connected',
  'This client is already connected to the Customer Portal. Disconnect them first to send a new invitation.',
);
export const NO_PENDING_LINK = notFound(
  'This client has no pending invitation. Send an invite to make a link.',
);
export const LINK_EXPIRED = new HttpError(
  410,
  'invite_expired',
  'This invitation has expired. Resend the invite to make a new link.',
);
export const LINK_UNAVAILABLE = new HttpError(
  409,
  'invite_link_unavailable',
  'This invitation’s link can no longer be shown here. Resend the invite to make a new link; the old one stops working.',
);
export const NOT_CONNECTED = new HttpError(
  409,
  'not_connected',
  'This client is not connected to the Customer Portal.',
);

export async function lockClientInvites(tx: Queryable, clientId: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [INVITE_LOCK, clientId]);
}

export async function connectionOf(db: Queryable, clientId: string): Promise<ConnectionView> {
  const account = await db.query<{ username: string; connected_at: string }>(
    'SELECT username, connected_at FROM client_accounts WHERE client_id = $1::uuid AND active',
    [clientId],
  );
  const connected = account.rows[0];
  if (connected)
    return {
      state: 'connected',
      invite: null,
      account: { username: connected.username, connectedAt: connected.connected_at },
    };
  const invite = await db.query<{
    sent_at: string;
    expires_at: string;
    sent_by: string;
    live: boolean;
    sealed: boolean;
  }>(
    `SELECT i.sent_at, i.expires_at, u.display_name AS sent_by, i.expires_at > now() AS live,
            i.token_sealed IS NOT NULL AS sealed
       FROM portal_invites i JOIN users u ON u.id = i.sent_by
      WHERE i.client_id = $1::uuid AND i.status = 'pending'`,
    [clientId],
  );
  const open = invite.rows[0];
  return {
    state: open?.live ? 'invite_pending' : 'not_connected',
    invite: open
      ? {
          sentAt: open.sent_at,
          expiresAt: open.expires_at,
          sentBy: open.sent_by,
          linkAvailable: open.live && open.sealed,
        }
      : null,
    account: null,
  };
}

async function isConnected(tx: Queryable, clientId: string): Promise<boolean> {
  const result = await tx.query('SELECT 1 FROM client_accounts WHERE client_id = $1::uuid AND active', [
    clientId,
  ]);
  return result.rows.length > 0;
}

/**
 * Sends a new invitation, or resends one: the open invitation is marked replaced, so its link stops
 * working, and a fresh token with a fresh expiry takes its place. Returns the token; its sealed copy
 * is kept so staff can copy the link again while the invitation is pending (see link-sealer.ts).
 */
export async function sendInvite(
  tx: Queryable,
  clientId: string,
  staffId: string,
  sealer: InviteLinkSealer,
): Promise<{ token: string; expiresAt: string }> {
  await lockClientInvites(tx, clientId);
  if (await isConnected(tx, clientId)) throw ALREADY_CONNECTED;
  await tx.query(
    `UPDATE portal_invites SET status = 'replaced', closed_at = now(), token_sealed = NULL
      WHERE client_id = $1::uuid AND status = 'pending'`,
    [clientId],
  );
  const id = randomUUID();
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + PORTAL_INVITE_DAYS * 86_400_000).toISOString();
  await tx.query(
    `INSERT INTO portal_invites (id, client_id, token_hash, token_sealed, sent_by, expires_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5::uuid, $6::timestamptz)`,
    [id, clientId, hashToken(token), sealer.seal(token, id), staffId, expiresAt],
  );
  return { token, expiresAt };
}

/**
 * The token of the client's pending invitation, for staff to give the client again, or the error
 * that says why it cannot be given: none pending, expired, or sealed under a key this server no
 * longer has (or made before links were kept).
 */
export async function pendingInviteToken(
  db: Queryable,
  clientId: string,
  sealer: InviteLinkSealer,
): Promise<{ token: string; expiresAt: string }> {
  const result = await db.query<{
    id: string;
    token_sealed: string | null;
    expires_at: string;
    live: boolean;
  }>(
    `SELECT id::text AS id, token_sealed, expires_at, expires_at > now() AS live
       FROM portal_invites WHERE client_id = $1::uuid AND status = 'pending'`,
    [clientId],
  );
  const invite = result.rows[0];
  if (!invite) throw NO_PENDING_LINK;
  if (!invite.live) throw LINK_EXPIRED;
  const token = invite.token_sealed ? sealer.unseal(invite.token_sealed, invite.id) : null;
  if (!token) throw LINK_UNAVAILABLE;
  return { token, expiresAt: invite.expires_at };
}

export async function cancelInvite(tx: Queryable, clientId: string): Promise<void> {
  await lockClientInvites(tx, clientId);
  const result = await tx.query(
    `UPDATE portal_invites SET status = 'cancelled', closed_at = now(), token_sealed = NULL
      WHERE client_id = $1::uuid AND status = 'pending'`,
    [clientId],
  );
  if (result.rowCount === 0) throw NO_PENDING_INVITE;
}

/** Disables the client's account and ends every session it has, at once. */
export async function disconnect(tx: Queryable, clientId: string): Promise<void> {
  // The invite lock, then the client's row, in the order every invite change takes them.
  await lockClientInvites(tx, clientId);
  await lockClient(tx, clientId);
  const result = await tx.query<{ id: string }>(
    `UPDATE client_accounts SET active = false, disconnected_at = now()
      WHERE client_id = $1::uuid AND active RETURNING id::text AS id`,
    [clientId],
  );
  const account = result.rows[0];
  if (!account) throw NOT_CONNECTED;
  await tx.query(
    'UPDATE client_sessions SET revoked_at = now() WHERE account_id = $1::uuid AND revoked_at IS NULL',
    [account.id],
  );
}
