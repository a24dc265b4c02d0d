import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { CHANGE_LOCK } from '../../../server/db/change-lock';
import { currentClient, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { waitUntil } from '../../support/wait';

/*
 * Every write of a replicated row takes the change lock (in the stamp trigger). A push also locks
 * the client row it checks. If it took the row lock first and the change lock second, it could
 * deadlock with a writer that holds the change lock and then touches the same row (the care team
 * sweeper bumping several clients, another push). The same holds for the sweeper itself.
 * PostgreSQL only: PGlite has one connection, so its writers never overlap.
 */
describe.runIf(process.env.DATABASE_URL)('writers and the change lock', () => {
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

  const someoneWaitsForTheChangeLock = async () => {
    const waiting = await ts.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    return (waiting.rows[0]?.n ?? 0) > 0;
  };

  it('waits for a writer holding the change lock instead of deadlocking with it', async () => {
    const clientA = idAt(ids, 21);
    const clientB = idAt(ids, 22);
    const base = await currentClient(ts.url, sam, clientB);

    // Another writer, like the sweeper mid-run: it has bumped one client and will bump another.
    await other.query('BEGIN');
    await other.query('UPDATE clients SET access_seq = -1 WHERE id = $1', [clientA]);
    const pushing = request(ts.url, '/api/replication/clients/push', {
      method: 'POST',
      token: sam,
      json: { rows: [{ assumedMasterState: base, newDocumentState: { ...base, phone: '(555) 999-0000' } }] },
    });
    await waitUntil(someoneWaitsForTheChangeLock, 'the push waits for the change lock');

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
    // A push that has started: it holds the change lock and is about to lock the client's row.
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOCK]);
    const sweeping = sweepCareTeamTransitions(ts.server.db).then(
      (bumped) => ({ bumped }),
      (error: unknown) => ({ error }),
    );
    await waitUntil(someoneWaitsForTheChangeLock, 'the sweeper waits for the change lock');

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
