import type { Migration } from './index';

/** Every table the stamp trigger fires on (001, 002, 003). */
export const REPLICATED_TABLES = [
  'agencies',
  'users',
  'programs',
  'clients',
  'care_team',
  'enrollments',
  'threads',
  'messages',
  'agency_settings',
  'assessment_definitions',
  'document_categories',
  'portal_requests',
  'client_records',
  'staff_notifications',
] as const;

/**
 * Change capture without a global lock (issue 12, docs/architecture.md "Change capture").
 *
 * Until now the stamp trigger took one advisory lock until commit, so rows committed in seq order
 * and a pull could resume after the highest seq it had seen; every writer in the system queued
 * behind that lock. Now a row's position is (txid, seq): the id of the transaction that last wrote
 * it, then its seq. Transaction ids are handed out in order and a transaction writes with one id,
 * so everything a transaction that is still running will ever write has a txid at or above the
 * oldest running transaction's. A pull returns only rows below that watermark (portico_release()):
 * those are all committed, and no later commit can land below them, so a checkpoint never skips
 * a row. Writers no longer wait for each other unless they touch the same rows.
 *
 * access_txid joins access_seq: the position at which a row's visibility last changed.
 * Rows written before this migration keep txid 0: they are older than every new write.
 */
export const changeCaptureByTransaction: Migration = {
  id: 12,
  name: 'change capture by transaction id, without the global change lock',
  statements: [
    ...REPLICATED_TABLES.flatMap((table) => [
      `ALTER TABLE ${table} ADD COLUMN txid xid8 NOT NULL DEFAULT '0', ADD COLUMN access_txid xid8 NOT NULL DEFAULT '0'`,
      `CREATE INDEX ${table}_position ON ${table} (txid, seq)`,
      `DROP INDEX ${table}_seq`,
    ]),
    `CREATE OR REPLACE FUNCTION portico_stamp_change() RETURNS trigger AS $$
     BEGIN
       NEW.txid := pg_current_xact_id();
       NEW.seq := nextval('change_seq');
       NEW.updated_at := now();
       IF NEW.access_seq = -1 THEN
         NEW.access_seq := NEW.seq;
         NEW.access_txid := NEW.txid;
       END IF;
       PERFORM pg_notify('portico_changes', TG_TABLE_NAME);
       RETURN NEW;
     END
     $$ LANGUAGE plpgsql`,
    // As in 005, minus the change lock: the client's row lock is all the re-stamp needs.
    `CREATE OR REPLACE FUNCTION portico_restamp_portal_client() RETURNS trigger AS $$
     BEGIN
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
    /*
     * The release watermark: every row whose txid is below it is committed and visible to the
     * statement that asks, and no transaction can commit a row below it any more. It is the oldest
     * transaction still running, or the next id to be handed out when none is.
     *
     * The snapshot lists running transactions of the whole cluster. One that belongs to another
     * database (a parallel test database, another application on the same server) can never write
     * here, so it is left out, else a long transaction elsewhere would hold every desktop back.
     * It is left out only when pg_stat_activity positively shows it in another database (matched
     * on the low 32 bits, the xid the view shows): a transaction that has just ended, a prepared
     * one, or one whose details this role may not read is kept, which can only delay a row.
     *
     * STABLE, so it reads the calling statement's snapshot: the watermark and the rows it guards
     * come from the same instant. Callers use it as an uncorrelated subquery, worked out once.
     */
    `CREATE FUNCTION portico_release() RETURNS xid8 AS $$
       SELECT coalesce(
                (SELECT min(x.xid) FROM pg_snapshot_xip(s.snap) AS x(xid)
                  WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                     WHERE a.backend_xid IS NOT NULL
                                       AND a.datname IS DISTINCT FROM current_database()
                                       AND a.backend_xid::text::bigint = (x.xid::text::numeric % 4294967296)::bigint)),
                pg_snapshot_xmax(s.snap))
         FROM (SELECT pg_current_snapshot() AS snap) s
     $$ LANGUAGE sql STABLE`,
  ],
};
