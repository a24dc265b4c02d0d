import type { Migration } from './index';

/** Calendar "today" in UTC, as authz/viewer.ts's TODAY_SQL. */
const TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/**
 * Who could see a client, and until when (issue 12, docs/architecture.md "Removals").
 *
 * A removal (the id of a row a desktop may no longer see) must go only to a desktop that held the
 * row or may have. viewer.ts says who sees a client now; this table keeps the history the
 * removal rule needs: one row per period in which a client was visible beyond its own agency.
 *  - user_id NULL: the client was shared, so every staff member saw it;
 *  - otherwise a care-team membership (care_team_id) in force.
 * A client's own agency sees it always (clients and staff never change agency) and system
 * admins see everything (roles never change), so neither needs a row.
 *
 * Positions are the change capture's (migration 012): `from` when the period began, `until` when
 * it ended (NULL while it lasts). A desktop may hold a row of the client when some period covers
 * a moment at or after its checkpoint, i.e. it is still open or ended in a transaction no older
 * than the checkpoint's.
 *
 * Kept by triggers, so every writer agrees: sharing follows clients.shared; a membership's period
 * follows its row (dates, deleted) whenever the row is written, and the care-team sweeper writes
 * the rows of every membership that starts or ends by the calendar (bumpClientAccess).
 */
export const accessGrants: Migration = {
  id: 13,
  name: 'access grants: who could see a client beyond its agency, and until when',
  statements: [
    `CREATE TABLE access_grants (
       id bigserial PRIMARY KEY,
       client_id uuid NOT NULL REFERENCES clients(id),
       user_id uuid REFERENCES users(id),
       care_team_id uuid REFERENCES care_team(id),
       from_txid xid8 NOT NULL,
       from_seq bigint NOT NULL,
       until_txid xid8,
       until_seq bigint,
       CHECK ((user_id IS NULL) = (care_team_id IS NULL)),
       CHECK ((until_txid IS NULL) = (until_seq IS NULL))
     )`,
    'CREATE INDEX access_grants_client ON access_grants (client_id, user_id)',
    'CREATE INDEX access_grants_user ON access_grants (user_id) WHERE user_id IS NOT NULL',
    // At most one open period per shared client and per membership.
    `CREATE UNIQUE INDEX access_grants_open_shared ON access_grants (client_id)
       WHERE user_id IS NULL AND until_txid IS NULL`,
    `CREATE UNIQUE INDEX access_grants_open_membership ON access_grants (care_team_id)
       WHERE until_txid IS NULL`,
    `CREATE FUNCTION portico_client_shared_grant() RETURNS trigger AS $$
     BEGIN
       IF NEW.shared THEN
         INSERT INTO access_grants (client_id, from_txid, from_seq)
         SELECT NEW.id, pg_current_xact_id(), nextval('change_seq')
          WHERE NOT EXISTS (SELECT 1 FROM access_grants
                             WHERE client_id = NEW.id AND user_id IS NULL AND until_txid IS NULL);
       ELSE
         UPDATE access_grants SET until_txid = pg_current_xact_id(), until_seq = nextval('change_seq')
          WHERE client_id = NEW.id AND user_id IS NULL AND until_txid IS NULL;
       END IF;
       RETURN NULL;
     END
     $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER clients_shared_grant AFTER INSERT OR UPDATE OF shared ON clients
       FOR EACH ROW EXECUTE FUNCTION portico_client_shared_grant()`,
    `CREATE FUNCTION portico_care_team_grant() RETURNS trigger AS $$
     BEGIN
       IF NOT NEW.deleted AND NEW.start_date <= ${TODAY} AND (NEW.end_date IS NULL OR NEW.end_date >= ${TODAY}) THEN
         INSERT INTO access_grants (client_id, user_id, care_team_id, from_txid, from_seq)
         SELECT NEW.client_id, NEW.staff_id, NEW.id, pg_current_xact_id(), nextval('change_seq')
          WHERE NOT EXISTS (SELECT 1 FROM access_grants WHERE care_team_id = NEW.id AND until_txid IS NULL);
       ELSE
         UPDATE access_grants SET until_txid = pg_current_xact_id(), until_seq = nextval('change_seq')
          WHERE care_team_id = NEW.id AND until_txid IS NULL;
       END IF;
       RETURN NULL;
     END
     $$ LANGUAGE plpgsql`,
    `CREATE TRIGGER care_team_grant AFTER INSERT OR UPDATE ON care_team
       FOR EACH ROW EXECUTE FUNCTION portico_care_team_grant()`,
    // What is in force now, for databases that already have clients and care teams.
    `INSERT INTO access_grants (client_id, from_txid, from_seq)
     SELECT id, '0', 0 FROM clients WHERE shared`,
    `INSERT INTO access_grants (client_id, user_id, care_team_id, from_txid, from_seq)
     SELECT client_id, staff_id, id, '0', 0 FROM care_team
      WHERE NOT deleted AND start_date <= ${TODAY} AND (end_date IS NULL OR end_date >= ${TODAY})`,
  ],
};
