import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { currentClient, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { waitUntil } from '../../support/wait';

/*
 * Writers that change several clients' rows (the care team sweeper, a push of several clients)
 * lock the clients' rows first, in id order (db/client-lock.ts). A push and the sweeper racing for
 * the same clients then wait for each other instead of deadlocking.
 * PostgreSQL only: PGlite has one connection, so its writers never overlap.
 */
describe.runIf(process.env.DATABASE_URL)('writers and the client locks', () => {
  let ts: TestServer;
  let ids: string[];
  let sam: string;
  let other: pg.Client;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    sam = await signIn(ts.url, 'sam');
    other = new pg.Client({ connectionString: ts.database.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await ts.close();
  });

  const someoneWaitsForALock = async () => {
    const waiting = await ts.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return (waiting.rows[0]?.n ?? 0) > 0;
  };

  it('waits for a writer holding the client locks instead of deadlocking with it', async () => {
    const clientA = idAt(ids, 21);
    const clientB = idAt(ids, 22);
    const base = await currentClient(ts.url, sam, clientB);

    // Another writer, like the sweeper mid-run: it locked both clients in id order, has bumped one
    // and will bump the other.
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM clients WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [
      [clientA, clientB],
    ]);
    await other.query('UPDATE clients SET access_seq = -1 WHERE id = $1', [clientA]);
    const pushing = request(ts.url, '/api/replication/clients/push', {
      method: 'POST',
      token: sam,
      json: { rows: [{ assumedMasterState: base, newDocumentState: { ...base, phone: '(555) 999-0000' } }] },
    });
    await waitUntil(someoneWaitsForALock, 'the push waits for the client lock');

    let otherFailure: unknown;
    try {
      await other.query('UPDATE clients SET access_seq = -1 WHERE id = $1', [clientB]);
      await other.query('COMMIT');
    } catch (error) {
      otherFailure = error;
      await other.query('ROLLBACK');
    }
    const response = await pushing;
    expect(otherFailure).toBeUndefined();
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    // The other writer changed client B first, so the push is answered with the newer copy.
    const current = await currentClient(ts.url, sam, clientB);
    expect(response.body).toEqual({ conflicts: [current], refusals: [] });
    expect(current.phone).toBe(base.phone);
  });

  it('lets the care team sweeper wait for a push in progress instead of deadlocking with it', async () => {
    const clientId = idAt(ids, 25);
    // A membership that ended yesterday: the sweeper will bump its client.
    await ts.server.db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND label = 'Case manager'`,
      [clientId],
    );
    // A push that has started: it holds the client's lock and is about to change its row.
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE', [clientId]);
    const sweeping = sweepCareTeamTransitions(ts.server.db).then(
      (bumped) => ({ bumped }),
      (error: unknown) => ({ error }),
    );
    await waitUntil(someoneWaitsForALock, 'the sweeper waits for the client lock');

    let pushFailure: unknown;
    try {
      await other.query('SELECT id FROM clients WHERE id = $1 FOR UPDATE', [clientId]);
      await other.query("UPDATE clients SET phone = '(555) 888-0000' WHERE id = $1", [clientId]);
      await other.query('COMMIT');
    } catch (error) {
      pushFailure = error;
      await other.query('ROLLBACK');
    }
    expect(pushFailure).toBeUndefined();
    expect(await sweeping).toEqual({ bumped: 1 });
  });
});
