import type { Migration } from './index';

/** The change lock the stamp trigger took until migration 012 removed it. */
const CHANGE_LOCK = 7_366_001;

/**
 * Mass sending: one message or request to many clients, fanned out by the server in batches
 * (server/mass-send/). Also re-stamps a client when its portal account changes, so the replicated
 * `portalConnected` flag reaches desktops (the recipients picker lists only connected clients).
 */
export const massSendingSchema: Migration = {
  id: 5,
  name: 'mass sending',
  statements: [
    /*
     * One row per send. The id comes from the desktop's outbox, which makes a resubmitted job
     * harmless. What is sent is stored as the single sends store it: sanitized HTML and its text for
     * a message (with the pictures its sender may show), the request's target for a request. Not
     * replicated: desktops read jobs through /api/mass-sends. `failures` counts batches in a row
     * that failed, so a job that can never finish is ended instead of retried forever.
     */
    `CREATE TABLE mass_send_jobs (
       id uuid PRIMARY KEY,
       sender_staff_id uuid NOT NULL REFERENCES users(id),
       agency_id uuid NOT NULL REFERENCES agencies(id),
       kind text NOT NULL CHECK (kind IN ('message', 'document', 'assessment', 'location', 'roi')),
       private boolean NOT NULL DEFAULT false,
       description text NOT NULL,
       body_html text NOT NULL DEFAULT '',
       body_text text NOT NULL DEFAULT '',
       attachment_ids uuid[] NOT NULL DEFAULT '{}',
       assessment_definition_id uuid REFERENCES assessment_definitions(id),
       document_category_id uuid REFERENCES document_categories(id),
       document_name text NOT NULL DEFAULT '',
       status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
       error text,
       total integer NOT NULL CHECK (total > 0),
       sent integer NOT NULL DEFAULT 0 CHECK (sent >= 0),
       skipped integer NOT NULL DEFAULT 0 CHECK (skipped >= 0),
       failures integer NOT NULL DEFAULT 0,
       created_at timestamptz NOT NULL DEFAULT now(),
       worked_at timestamptz,
       finished_at timestamptz,
       CHECK (sent + skipped <= total),
       CHECK ((status IN ('done', 'failed')) = (finished_at IS NOT NULL)),
       CHECK ((kind = 'message') = (body_html <> '')),
       CHECK ((kind = 'assessment') = (assessment_definition_id IS NOT NULL)),
       CHECK ((kind = 'document') = (document_category_id IS NOT NULL AND document_name <> ''))
     )`,
    'CREATE INDEX mass_send_jobs_sender ON mass_send_jobs (sender_staff_id, created_at)',
    // What the workers look for: open jobs, the one that waited longest for a batch first.
    `CREATE INDEX mass_send_jobs_open ON mass_send_jobs (worked_at NULLS FIRST, created_at)
       WHERE status IN ('queued', 'running')`,
    /*
     * One row per distinct recipient, in the order staff saw the list. Batches take the lowest
     * pending positions and commit with the job's counts, so the rows still pending are always the
     * positions after sent + skipped: a batch finds its rows with one index range. item_id is the
     * message or request made for the client.
     *
     * No foreign keys, on purpose: client_id may be an id the server does not know, which is
     * skipped as not_visible exactly like a client the sender may not see, so the answer does not
     * tell which ids exist; job_id rows are only ever written in the transaction that creates their
     * job, and checking 5,000 of them against it cost about a tenth of the fan-out's floor. Half
     * of each page is left free so marking a row sent or skipped is a HOT update, touching no index.
     */
    `CREATE TABLE mass_send_recipients (
       job_id uuid NOT NULL,
       position integer NOT NULL CHECK (position > 0),
       client_id uuid NOT NULL,
       outcome text NOT NULL DEFAULT 'pending' CHECK (outcome IN ('pending', 'sent', 'skipped')),
       reason text CHECK (reason IN ('active_roi', 'no_portal_account', 'not_visible')),
       item_id uuid,
       PRIMARY KEY (job_id, position),
       UNIQUE (job_id, client_id),
       CHECK ((outcome = 'skipped') = (reason IS NOT NULL)),
       CHECK ((outcome = 'sent') = (item_id IS NOT NULL))
     ) WITH (fillfactor = 50)`,
    /*
     * The id of what a job makes for one client, from the job and the client: a batch that runs
     * again after a crash makes the same ids, and ON CONFLICT DO NOTHING stores nothing twice.
     * md5 of the name in UUID version 3 form (version and variant bits set, as desktops' schemas
     * check them). Written as one expression so the planner inlines it into the batch's INSERTs.
     */
    `CREATE FUNCTION portico_derived_uuid(name text) RETURNS uuid AS $$
       SELECT overlay(overlay(md5(name) PLACING '3' FROM 13 FOR 1) PLACING '8' FROM 17 FOR 1)::uuid
     $$ LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE`,
    /*
     * A YYYY-MM-DD text as a date, or NULL exactly when shared/domain/dates.ts' isValidIsoDate
     * refuses it: four-digit year, real month and day. Years below 100 are refused too, because
     * JavaScript's Date.UTC reads them as 1900-1999 and the check fails there. Never raises, so one
     * malformed record cannot stop a batch.
     */
    `CREATE FUNCTION portico_iso_date(value text) RETURNS date AS $$
     DECLARE
       y integer;
       m integer;
       d integer;
     BEGIN
       IF value !~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
         RETURN NULL;
       END IF;
       y := substr(value, 1, 4)::integer;
       m := substr(value, 6, 2)::integer;
       d := substr(value, 9, 2)::integer;
       IF y < 100 OR m NOT BETWEEN 1 AND 12 OR d < 1 THEN
         RETURN NULL;
       END IF;
       IF d > extract(day FROM make_date(y, m, 1) + interval '1 month' - interval '1 day') THEN
         RETURN NULL;
       END IF;
       RETURN make_date(y, m, d);
     END
     $$ LANGUAGE plpgsql IMMUTABLE STRICT`,
    /*
     * A client's replicated document carries portalConnected (an active client_accounts row), but
     * client_accounts is not replicated: without a new seq on the client, a desktop would never
     * learn of an invitation accepted or an account disconnected. Re-stamping leaves access_seq as
     * it is: connecting changes no one's visibility. The change lock comes first, before the
     * client's row lock, in the order every writer takes them (db/change-lock.ts).
     */
    `CREATE FUNCTION portico_restamp_portal_client() RETURNS trigger AS $$
     BEGIN
       PERFORM pg_advisory_xact_lock(${CHANGE_LOCK});
       IF TG_OP = 'INSERT' THEN
         UPDATE clients SET access_seq = access_seq WHERE id = NEW.client_id;
       ELSIF TG_OP = 'DELETE' THEN
         UPDATE clients SET access_seq = access_seq WHERE id = OLD.client_id;
       ELSE
         UPDATE clients SET access_seq = access_seq WHERE id IN (OLD.client_id, NEW.client_id);
       END IF;
       RETURN NULL;
     END
     $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER client_accounts_restamp AFTER INSERT OR DELETE ON client_accounts
       FOR EACH ROW EXECUTE FUNCTION portico_restamp_portal_client()`,
    // Only changes that move portalConnected: a new password or a session does not re-stamp.
    `CREATE TRIGGER client_accounts_restamp_change AFTER UPDATE ON client_accounts
       FOR EACH ROW WHEN (OLD.active IS DISTINCT FROM NEW.active OR OLD.client_id IS DISTINCT FROM NEW.client_id)
       EXECUTE FUNCTION portico_restamp_portal_client()`,
  ],
};
