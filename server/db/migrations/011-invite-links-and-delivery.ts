import type { Migration } from './index';

/**
 * Two things a new user tripped on (issue 11).
 *
 * Invitation links staff can copy again while the invitation is pending: the token, sealed with a
 * key kept outside the database (portal-invites/link-sealer.ts), beside the hash that finds the
 * invitation. Cleared when the invitation stops being pending. Invitations made before this
 * migration have none: their link was shown once, and a resend makes one that can be copied again.
 *
 * When each message reached its client: `messages.delivered_at`, null while it waits for a client
 * who is not connected to the Customer Portal, set when they join. Messages written from now on get
 * it from their writer (now, when the client can read it at once). For those already stored, the
 * client could read it when it was sent if it is theirs or they had an account then (active now,
 * or disconnected later); otherwise it still waits. Every message row is written, so its change
 * sequence moves and desktops pull every message again with its value (their caches migrate
 * messages to schema version 1 with a provisional value until then).
 */
export const inviteLinksAndDelivery: Migration = {
  id: 11,
  name: 'invite links staff can copy again; message delivery to clients who join later',
  statements: [
    'ALTER TABLE portal_invites ADD COLUMN token_sealed text',
    'ALTER TABLE messages ADD COLUMN delivered_at timestamptz',
    `UPDATE messages m SET delivered_at = CASE
       WHEN m.sender_kind = 'client' THEN m.sent_at
       WHEN EXISTS (SELECT 1 FROM client_accounts a
                     WHERE a.client_id = m.client_id AND (a.active OR m.sent_at < a.disconnected_at))
         THEN m.sent_at
     END`,
    // Mass sends (only to connected clients) and the portal's own messages are read at once.
    'ALTER TABLE messages ALTER COLUMN delivered_at SET DEFAULT now()',
  ],
};
