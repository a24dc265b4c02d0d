import type { Migration } from './index';

/**
 * A client stops sharing their record with one agency (issue 17, the portal's privacy page).
 *
 * `client_share_withdrawals` holds one row per period in which a client withdrew sharing with an
 * agency: opened when the client stops sharing, closed when they share again (the row is kept, so
 * the history stays). While a period is open, no staff member of that agency sees the client,
 * whether through sharing (`clients.shared`) or a care-team membership (authz/viewer.ts). The
 * client's own agency can never be withdrawn (the server refuses it; the CHECK cannot see the
 * client's agency, so the rule lives in sharing/withdrawal-store.ts).
 *
 * Positions are the change capture's (migrations 012, 013): `from` when the withdrawal began,
 * `until` when the client shared again. The removal rule (clientSeenSinceSql) reads them to know
 * that an agency's desktops could not have seen the client during a withdrawal, so a desktop of
 * that agency that starts after it is never told the ids of the client's rows.
 *
 * Whoever writes a row also re-stamps the client's rows (bumpClientAccess) in the same
 * transaction, so every desktop pulls again and the live hub sees a client row change.
 *
 * Staff are told in their Inbox: two more kinds of `staff_notifications`.
 */
export const shareWithdrawals: Migration = {
  id: 41,
  name: 'clients withdraw sharing of their record with an agency',
  statements: [
    `CREATE TABLE client_share_withdrawals (
       id bigserial PRIMARY KEY,
       client_id uuid NOT NULL REFERENCES clients(id),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       from_txid xid8 NOT NULL,
       from_seq bigint NOT NULL,
       until_txid xid8,
       until_seq bigint,
       withdrawn_at timestamptz NOT NULL DEFAULT now(),
       restored_at timestamptz,
       CHECK ((until_txid IS NULL) = (until_seq IS NULL)),
       CHECK ((until_txid IS NULL) = (restored_at IS NULL))
     )`,
    // At most one open withdrawal per client and agency; the visibility rule looks it up by both.
    `CREATE UNIQUE INDEX client_share_withdrawals_open ON client_share_withdrawals (client_id, agency_id)
       WHERE until_txid IS NULL`,
    'CREATE INDEX client_share_withdrawals_client ON client_share_withdrawals (client_id, agency_id)',
    'ALTER TABLE staff_notifications DROP CONSTRAINT staff_notifications_kind_check',
    `ALTER TABLE staff_notifications ADD CONSTRAINT staff_notifications_kind_check
       CHECK (kind IN ('request_fulfilled', 'sharing_withdrawn', 'sharing_restored'))`,
  ],
};
