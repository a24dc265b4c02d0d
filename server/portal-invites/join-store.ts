import { hashToken } from '../auth/sessions';
import { lockClient } from '../db/client-lock';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import { ALREADY_CONNECTED, lockClientInvites } from './connection-store';

/*
 * The client's side of an invitation: opening the link, then choosing a username and password.
 * The messages are for the person holding the phone, so each says what to do next.
 */

export const INVITE_ERRORS = {
  unknown: new HttpError(
    404,
    'invite_not_found',
    'This invitation link is not valid. Check that you opened the whole link, or ask your case manager for a new one.',
  ),
  expired: new HttpError(
    410,
    'invite_expired',
    'This invitation has expired. Ask your case manager for a new one.',
  ),
  replaced: new HttpError(
    410,
    'invite_replaced',
    'This invitation was replaced by a newer one. Open the latest link your case manager sent you.',
  ),
  cancelled: new HttpError(
    410,
    'invite_cancelled',
    'This invitation was cancelled. Ask your case manager for a new one.',
  ),
  accepted: new HttpError(
    410,
    'invite_used',
    'This invitation has already been used. Sign in with the username and password you chose.',
  ),
} as const;

export const USERNAME_TAKEN = new HttpError(
  409,
  'username_taken',
  'That username is already taken. Choose another one.',
);

export interface OpenInvite {
  id: string;
  clientId: string;
  firstName: string;
  lastName: string;
  expiresAt: string;
}

interface InviteRow {
  id: string;
  client_id: string;
  first_name: string;
  last_name: string;
  expires_at: string;
  status: 'pending' | 'accepted' | 'cancelled' | 'replaced';
  live: boolean;
  client_deleted: boolean;
}

/** The invitation behind a token while it can still be used, or the error that says why not. */
export async function openInvite(db: Queryable, token: string): Promise<OpenInvite> {
  const result = await db.query<InviteRow>(
    `SELECT i.id::text AS id, i.client_id::text AS client_id, c.first_name, c.last_name, i.expires_at, i.status,
            i.expires_at > now() AS live, c.deleted AS client_deleted
       FROM portal_invites i JOIN clients c ON c.id = i.client_id
      WHERE i.token_hash = $1`,
    [hashToken(token)],
  );
  const row = result.rows[0];
  if (!row || row.client_deleted) throw INVITE_ERRORS.unknown;
  if (row.status !== 'pending') throw INVITE_ERRORS[row.status];
  if (!row.live) throw INVITE_ERRORS.expired;
  return {
    id: row.id,
    clientId: row.client_id,
    firstName: row.first_name,
    lastName: row.last_name,
    expiresAt: row.expires_at,
  };
}

/**
 * Creates the client's account from an invitation (or brings back the account of a client who was
 * disconnected, under the new name and password) and closes the invitation.
 */
export async function acceptInvite(
  tx: Queryable,
  token: string,
  username: string,
  passwordHash: string,
): Promise<{ accountId: string; invite: OpenInvite }> {
  // The client's invite lock, as every invite change takes it, then the client's row (db/client-lock.ts):
  // a staff send in progress finishes first, so the messages waiting for this client, delivered
  // below, include it. Then a fresh look at the invitation: a resend or cancel may have happened.
  const clientId = (await openInvite(tx, token)).clientId;
  await lockClientInvites(tx, clientId);
  await lockClient(tx, clientId);
  const invite = await openInvite(tx, token);
  const taken = await tx.query(
    'SELECT 1 FROM client_accounts WHERE username = $1 AND client_id <> $2::uuid',
    [username, invite.clientId],
  );
  if (taken.rows.length > 0) throw USERNAME_TAKEN;
  const existing = await tx.query<{ id: string; active: boolean }>(
    'SELECT id::text AS id, active FROM client_accounts WHERE client_id = $1::uuid',
    [invite.clientId],
  );
  const previous = existing.rows[0];
  if (previous?.active) throw ALREADY_CONNECTED;
  const account = previous
    ? await tx.query<{ id: string }>(
        `UPDATE client_accounts SET username = $2, password_hash = $3, active = true, connected_at = now(),
                disconnected_at = NULL
          WHERE id = $1::uuid RETURNING id::text AS id`,
        [previous.id, username, passwordHash],
      )
    : await tx.query<{ id: string }>(
        `INSERT INTO client_accounts (client_id, username, password_hash)
         VALUES ($1::uuid, $2, $3) RETURNING id::text AS id`,
        [invite.clientId, username, passwordHash],
      );
  // A used link is no longer anyone's to copy: its sealed token goes with it.
  await tx.query(
    `UPDATE portal_invites SET status = 'accepted', closed_at = now(), token_sealed = NULL WHERE id = $1::uuid`,
    [invite.id],
  );
  // What staff wrote while the client was not connected reaches them now; the rows' new change
  // sequence carries that to every desktop showing them as waiting.
  await tx.query(
    'UPDATE messages SET delivered_at = now() WHERE client_id = $1::uuid AND delivered_at IS NULL',
    [invite.clientId],
  );
  const accountId = account.rows[0]?.id;
  if (!accountId) throw new Error('creating a portal account returned no id');
  return { accountId, invite };
}
