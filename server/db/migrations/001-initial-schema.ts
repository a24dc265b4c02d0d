import type { Migration } from './index';

/*
 * Replicated tables share four columns:
 *  - seq: the global change sequence of the row's latest version; pulls are ordered by (seq, id).
 *  - access_seq: the seq at which the row's visibility last changed (made private, unshared,
 *    care team ended). A pull sends a removal to a desktop that can no longer see a row only
 *    when access_seq is newer than its checkpoint, so nobody is sent removals for rows never seen.
 *    Writers ask for a bump by setting it to -1; the trigger fills in the new seq.
 *  - deleted: rows are never hard-deleted; a tombstone replicates like any other change.
 *  - updated_at.
 *
 * The stamp trigger takes a transaction-level advisory lock before drawing from the sequence,
 * so writers commit in seq order: a pull that has seen seq N has seen every lower seq too,
 * and no transaction that commits late can slip in behind a desktop's checkpoint.
 */
const replicatedColumns = `
  seq bigint NOT NULL DEFAULT 0,
  access_seq bigint NOT NULL DEFAULT 0,
  deleted boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()`;

const replicatedTables = ['agencies', 'users', 'programs', 'clients', 'care_team', 'enrollments'];

export const initialSchema: Migration = {
  id: 1,
  name: 'initial schema',
  statements: [
    'CREATE SEQUENCE change_seq',
    `CREATE FUNCTION portico_stamp_change() RETURNS trigger AS $$
     BEGIN
       PERFORM pg_advisory_xact_lock(7366001);
       NEW.seq := nextval('change_seq');
       NEW.updated_at := now();
       IF NEW.access_seq = -1 THEN
         NEW.access_seq := NEW.seq;
       END IF;
       PERFORM pg_notify('portico_changes', TG_TABLE_NAME);
       RETURN NEW;
     END
     $$ LANGUAGE plpgsql`,
    `CREATE TABLE agencies (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
       created_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns}
     )`,
    `CREATE TABLE users (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 1 AND 100),
       password_hash text NOT NULL,
       display_name text NOT NULL,
       title text NOT NULL DEFAULT '',
       role text NOT NULL CHECK (role IN ('staff', 'agency_admin', 'system_admin')),
       active boolean NOT NULL DEFAULT true,
       allow_client_contact boolean NOT NULL DEFAULT true,
       display_in_portal boolean NOT NULL DEFAULT true,
       created_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns}
     )`,
    `CREATE TABLE sessions (
       token_hash text PRIMARY KEY,
       user_id uuid NOT NULL REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       revoked_at timestamptz
     )`,
    'CREATE INDEX sessions_user ON sessions (user_id)',
    `CREATE TABLE files (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       storage_key text NOT NULL UNIQUE,
       content_type text NOT NULL,
       byte_size bigint NOT NULL CHECK (byte_size >= 0),
       sha256 text NOT NULL,
       original_name text NOT NULL,
       created_by uuid REFERENCES users(id),
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE programs (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       name text NOT NULL,
       description text NOT NULL DEFAULT '',
       active boolean NOT NULL DEFAULT true,
       ${replicatedColumns}
     )`,
    `CREATE TABLE clients (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
       last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
       first_name_key text NOT NULL,
       last_name_key text NOT NULL,
       date_of_birth date NOT NULL,
       phone text NOT NULL DEFAULT '',
       email text NOT NULL DEFAULT '',
       photo_file_id uuid REFERENCES files(id),
       shared boolean NOT NULL DEFAULT true,
       created_at timestamptz NOT NULL DEFAULT now(),
       ${replicatedColumns}
     )`,
    `CREATE TABLE care_team (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL REFERENCES clients(id),
       staff_id uuid NOT NULL REFERENCES users(id),
       label text NOT NULL DEFAULT '',
       start_date date NOT NULL,
       end_date date,
       ${replicatedColumns},
       CHECK (end_date IS NULL OR end_date >= start_date)
     )`,
    'CREATE INDEX care_team_client ON care_team (client_id)',
    'CREATE INDEX care_team_staff ON care_team (staff_id)',
    `CREATE TABLE enrollments (
       id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
       client_id uuid NOT NULL REFERENCES clients(id),
       program_id uuid NOT NULL REFERENCES programs(id),
       start_date date NOT NULL,
       exit_date date,
       ${replicatedColumns},
       CHECK (exit_date IS NULL OR exit_date >= start_date)
     )`,
    'CREATE INDEX enrollments_client ON enrollments (client_id)',
    'CREATE INDEX enrollments_program ON enrollments (program_id)',
    /*
     * Care-team access depends on the calendar: a membership that starts or ends changes what
     * its staff member may see without any row changing. The sweeper records which transitions
     * it has already applied here.
     */
    `CREATE TABLE care_team_transitions (
       care_team_id uuid PRIMARY KEY REFERENCES care_team(id),
       applied_state text NOT NULL CHECK (applied_state IN ('pending', 'active', 'ended'))
     )`,
    ...replicatedTables.flatMap((table) => [
      `CREATE INDEX ${table}_seq ON ${table} (seq, id)`,
      `CREATE TRIGGER ${table}_stamp BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION portico_stamp_change()`,
    ]),
    'CREATE INDEX clients_agency ON clients (agency_id)',
  ],
};
