import type { Migration } from './index';

/**
 * Customer Portal join flow: invitations staff send to a client (Not Connected, Invite Pending,
 * Connected), when an account was connected and disconnected, and when each portal session was
 * last used (sessions end after a spell without activity as well as at their absolute end).
 */
export const portalInvitesSchema: Migration = {
  id: 4,
  name: 'portal invites and idle sessions',
  statements: [
    /*
     * Only a hash of each invite token is kept, like session tokens: a copy of the database cannot
     * be used to join as someone else. A resend marks the old row `replaced` and adds a new one, so
     * an old link is refused with a reason and the history of who invited when is kept.
     */
    `CREATE TABLE portal_invites (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL REFERENCES clients(id),
       token_hash text NOT NULL UNIQUE,
       sent_by uuid NOT NULL REFERENCES users(id),
       sent_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'cancelled', 'replaced')),
       closed_at timestamptz,
       CHECK ((status = 'pending') = (closed_at IS NULL))
     )`,
    // One open invitation per client at a time, whatever races two staff members run.
    `CREATE UNIQUE INDEX portal_invites_one_pending ON portal_invites (client_id) WHERE status = 'pending'`,
    'CREATE INDEX portal_invites_client ON portal_invites (client_id, sent_at)',
    // Existing accounts were connected when they were created.
    'ALTER TABLE client_accounts ADD COLUMN connected_at timestamptz',
    'UPDATE client_accounts SET connected_at = created_at',
    'ALTER TABLE client_accounts ALTER COLUMN connected_at SET NOT NULL',
    'ALTER TABLE client_accounts ALTER COLUMN connected_at SET DEFAULT now()',
    'ALTER TABLE client_accounts ADD COLUMN disconnected_at timestamptz',
    // Slides forward on every authenticated request; a session idle too long is over.
    'ALTER TABLE client_sessions ADD COLUMN last_seen_at timestamptz NOT NULL DEFAULT now()',
  ],
};
