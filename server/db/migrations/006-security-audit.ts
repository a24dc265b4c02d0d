import type { Migration } from './index';

/**
 * Staff and client account security (password history, sign-in lock-out, TOTP two-factor) and
 * the append-only audit log. None of these tables is replicated: they never reach a desktop.
 */
export const securityAuditSchema: Migration = {
  id: 6,
  name: 'account security and audit log',
  statements: [
    /*
     * Who did what, when and from where. No foreign keys on purpose: an entry must outlive
     * whatever it names, and a foreign key check would lock the named user's or client's row
     * from a transaction that may not hold the change lock (migration 012 has since removed it).
     *  - occurred_at: when it happened (a desktop reports views it showed while offline, later);
     *    recorded_at: when the server wrote it.
     *  - agency_id: the agency the action belongs to (the staff member's; for a client, the
     *    agency of the item acted on, or of the client). client_agency_id: the client's agency.
     *    An agency admin reads entries of their agency, and entries about their agency's clients
     *    unless the item is private to another agency (`private`).
     *  - dedup_key: set where repeats must collapse (a desktop's views, per client per minute).
     */
    `CREATE TABLE audit_log (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       occurred_at timestamptz NOT NULL DEFAULT now(),
       recorded_at timestamptz NOT NULL DEFAULT now(),
       actor_kind text NOT NULL CHECK (actor_kind IN ('staff', 'client', 'system')),
       actor_id uuid,
       actor_name text NOT NULL DEFAULT '',
       agency_id uuid,
       action text NOT NULL CHECK (action ~ '^[a-z_]+\\.[a-z_]+$'),
       subject_kind text NOT NULL DEFAULT '',
       subject_id text NOT NULL DEFAULT '',
       client_id uuid,
       client_agency_id uuid,
       private boolean NOT NULL DEFAULT false,
       details jsonb NOT NULL DEFAULT '{}',
       ip text NOT NULL DEFAULT '',
       user_agent text NOT NULL DEFAULT '',
       dedup_key text UNIQUE
     )`,
    'CREATE INDEX audit_log_agency ON audit_log (agency_id, id)',
    'CREATE INDEX audit_log_client_agency ON audit_log (client_agency_id, id)',
    'CREATE INDEX audit_log_client ON audit_log (client_id, id)',
    'CREATE INDEX audit_log_actor ON audit_log (actor_id, id)',
    /*
     * Append-only, enforced by the database: any UPDATE, DELETE or TRUNCATE raises, whoever runs
     * it. Statement-level, so even one that would touch no row is refused. The server connects as
     * the table's owner, whom privileges do not bind; the REVOKE keeps any other role an operator
     * grants access from changing it too.
     */
    `CREATE FUNCTION portico_audit_append_only() RETURNS trigger AS $$
     BEGIN
       RAISE EXCEPTION 'The audit log is append-only: % is not allowed.', TG_OP
         USING ERRCODE = 'insufficient_privilege';
     END
     $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION portico_audit_append_only()`,
    'REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM PUBLIC',
    /*
     * Each client a mass send reaches is a send, logged like one: when a batch marks recipients
     * sent (mass-send/batch.ts), one entry per recipient, in the batch's own transaction and
     * statement, so the worker needs no change and a batch rolled back leaves no entry.
     */
    `CREATE FUNCTION portico_audit_mass_send_delivery() RETURNS trigger AS $$
     BEGIN
       INSERT INTO audit_log (actor_kind, actor_id, actor_name, agency_id, action, subject_kind, subject_id,
                              client_id, client_agency_id, private, details)
       SELECT 'staff', j.sender_staff_id, u.display_name, j.agency_id, 'mass_send.deliver',
              CASE WHEN j.kind = 'message' THEN 'message' ELSE 'request' END, n.item_id::text, n.client_id,
              c.agency_id, j.private, jsonb_build_object('massSendId', j.id, 'kind', j.kind)
         FROM new_rows n
         JOIN old_rows o ON o.job_id = n.job_id AND o.position = n.position
         JOIN mass_send_jobs j ON j.id = n.job_id
         JOIN users u ON u.id = j.sender_staff_id
         LEFT JOIN clients c ON c.id = n.client_id
        WHERE o.outcome = 'pending' AND n.outcome = 'sent';
       RETURN NULL;
     END
     $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER mass_send_recipients_audit AFTER UPDATE ON mass_send_recipients
       REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
       FOR EACH STATEMENT EXECUTE FUNCTION portico_audit_mass_send_delivery()`,
    /*
     * A staff member's earlier password hashes (argon2id), newest last; the current one is
     * users.password_hash. Only as many as the history rule needs are kept.
     */
    `CREATE TABLE password_history (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       user_id uuid NOT NULL REFERENCES users(id),
       password_hash text NOT NULL,
       replaced_at timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX password_history_user ON password_history (user_id, id)',
    /*
     * Failed sign-ins by username (staff and portal usernames are separate namespaces), so an
     * unknown username is counted and locked exactly like a real one and the answers tell nobody
     * which usernames exist. Rows older than the window are swept.
     */
    `CREATE TABLE sign_in_failures (
       account_kind text NOT NULL CHECK (account_kind IN ('staff', 'client')),
       username text NOT NULL,
       failed_at timestamptz NOT NULL DEFAULT now()
     )`,
    'CREATE INDEX sign_in_failures_username ON sign_in_failures (account_kind, username, failed_at)',
    `CREATE TABLE sign_in_locks (
       account_kind text NOT NULL CHECK (account_kind IN ('staff', 'client')),
       username text NOT NULL,
       locked_at timestamptz NOT NULL DEFAULT now(),
       locked_until timestamptz NOT NULL,
       PRIMARY KEY (account_kind, username)
     )`,
    /*
     * A staff member's TOTP secret (base32). enabled_at is NULL between setup and the first
     * correct code. last_step is the time step of the last code accepted: a code is accepted only
     * for a later step, so no code works twice.
     */
    `CREATE TABLE staff_totp (
       user_id uuid PRIMARY KEY REFERENCES users(id),
       secret text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       enabled_at timestamptz,
       last_step bigint NOT NULL DEFAULT 0
     )`,
  ],
};
