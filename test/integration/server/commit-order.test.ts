import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullAll } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { waitUntil } from '../../support/wait';

/*
 * Pulls resume after the highest seq they have seen, so a change must never commit with a lower
 * seq than one already visible. The stamp trigger's advisory lock makes each writer wait for the
 * previous one to commit. Only PostgreSQL has concurrent connections (PGlite runs one at a time),
 * so this file runs only when DATABASE_URL is set.
 */
describe.runIf(process.env.DATABASE_URL)('change sequence follows commit order', () => {
  let ts: TestServer;
  let ids: string[];
  let sam: string;
  const connections: pg.Client[] = [];

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    sam = await signIn(ts.url, 'sam');
    for (let i = 0; i < 2; i++) {
      const client = new pg.Client({ connectionString: ts.database.databaseUrl });
      await client.connect();
      connections.push(client);
    }
  });
  afterAll(async () => {
    for (const client of connections) await client.end();
    await ts.close();
  });

  const waitingForAdvisoryLock = async () => {
    const result = await ts.server.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND NOT granted",
    );
    return (result.rows[0]?.n ?? 0) > 0;
  };

  it('makes a second writer wait for the first to commit, so no pull later sees a lower seq', async () => {
    const [first, second] = connections as [pg.Client, pg.Client];
    const clientA = idAt(ids, 20);
    const clientB = idAt(ids, 40);
    const start = (await pullAll(ts.url, sam, 'clients', { limit: 1000 })).checkpoint;
    const update = 'UPDATE clients SET phone = $2 WHERE id = $1 RETURNING seq::int AS seq';

    await first.query('BEGIN');
    const seqA = (await first.query<{ seq: number }>(update, [clientA, '(555) 000-0001'])).rows[0]?.seq ?? -1;
    await second.query('BEGIN');
    let secondStamped = false;
    const secondUpdate = second.query<{ seq: number }>(update, [clientB, '(555) 000-0002']).then((result) => {
      secondStamped = true;
      return result.rows[0]?.seq ?? -1;
    });

    await waitUntil(waitingForAdvisoryLock, 'the second writer waits for the change lock');
    expect(secondStamped).toBe(false);
    expect((await pullAll(ts.url, sam, 'clients', { from: start })).documents).toEqual([]);

    await first.query('COMMIT');
    const seqB = await secondUpdate;
    expect(seqB).toBeGreaterThan(seqA);

    // The first is committed and the second is not: a pull now reaches seqA.
    const middle = await pullAll(ts.url, sam, 'clients', { from: start });
    expect(middle.documents.map((doc) => [doc.id, doc.serverSeq])).toEqual([[clientA, seqA]]);

    await second.query('COMMIT');
    // Resuming after seqA still finds the second change: it was stamped after the first committed.
    const rest = await pullAll(ts.url, sam, 'clients', { from: middle.checkpoint });
    expect(rest.documents.map((doc) => [doc.id, doc.serverSeq])).toEqual([[clientB, seqB]]);
  });
});
