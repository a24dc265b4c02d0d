import { randomBytes } from 'node:crypto';
import { PORTAL_INVITE_DAYS } from '../../shared/domain/portal-account';
import type { PortalConnectionState } from '../../shared/domain/portal-connection';
import { hashToken } from '../auth/sessions';
import { takeChangeLock } from '../db/change-lock';
import type { Queryable } from '../db/database';
import { HttpError, notFound } from '../http/errors';

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
  invite: { sentAt: string; expiresAt: string; sentBy: string } | null;
  account: { username: string; connectedAt: string } | null;
}

export const NO_PENDING_INVITE = notFound('This client has no pending invitation to cancel.');
export const ALREADY_CONNECTED = new HttpError(
  409,
  'already_connected',
  'This client is already connected to the Customer Portal. Disconnect them first to send a new invitation.',
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
  const invite = await db.query<{ sent_at: string; expires_at: string; sent_by: string; live: boolean }>(
    `SELECT i.sent_at, i.expires_at, u.display_name AS sent_by, i.expires_at > now() AS live
       FROM portal_invites i JOIN users u ON u.id = i.sent_by
      WHERE i.client_id = $1::uuid AND i.status = 'pending'`,
    [clientId],
  );
  const open = invite.rows[0];
  return {
    state: open?.live ? 'invite_pending' : 'not_connected',
    invite: open ? { sentAt: open.sent_at, expiresAt: open.expires_at, sentBy: open.sent_by } : null,
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
 * working, and a fresh token with a fresh expiry takes its place. Returns the token (shown once).
 */
export async function sendInvite(
  tx: Queryable,
  clientId: string,
  staffId: string,
): Promise<{ token: string; expiresAt: string }> {
  await lockClientInvites(tx, clientId);
  if (await isConnected(tx, clientId)) throw ALREADY_CONNECTED;
  await tx.query(
    `UPDATE portal_invites SET status = 'replaced', closed_at = now()
      WHERE client_id = $1::uuid AND status = 'pending'`,
    [clientId],
  );
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + PORTAL_INVITE_DAYS * 86_400_000).toISOString();
  await tx.query(
    `INSERT INTO portal_invites (client_id, token_hash, sent_by, expires_at)
     VALUES ($1::uuid, $2, $3::uuid, $4::timestamptz)`,
    [clientId, hashToken(token), staffId, expiresAt],
  );
  return { token, expiresAt };
}

export async function cancelInvite(tx: Queryable, clientId: string): Promise<void> {
  await lockClientInvites(tx, clientId);
  const result = await tx.query(
    `UPDATE portal_invites SET status = 'cancelled', closed_at = now()
      WHERE client_id = $1::uuid AND status = 'pending'`,
    [clientId],
  );
  if (result.rowCount === 0) throw NO_PENDING_INVITE;
}

/** Disables the client's account and ends every session it has, at once. */
export async function disconnect(tx: Queryable, clientId: string): Promise<void> {
  // Changing an account re-stamps its (replicated) client: the change lock comes first.
  await takeChangeLock(tx);
  await lockClientInvites(tx, clientId);
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
