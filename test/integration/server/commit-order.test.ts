import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullAll } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Writers to different clients no longer queue behind one lock (migration 012), yet a pull must
 * never move its checkpoint past a row that commits later with a lower position. The release
 * watermark holds back everything written by transactions newer than the oldest one still running.
 * Only PostgreSQL has concurrent connections (PGlite runs one at a time), so this file runs only
 * when DATABASE_URL is set. test/integration/server/change-capture.test.ts runs many writers.
 */
describe.runIf(process.env.DATABASE_URL)('change capture follows transaction order', () => {
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

  const update = 'UPDATE clients SET phone = $2 WHERE id = $1 RETURNING seq::int AS seq';

  it('lets writers to different clients work at once, and holds back a later commit until the older one ends', async () => {
    const [first, second] = connections as [pg.Client, pg.Client];
    const clientA = idAt(ids, 20);
    const clientB = idAt(ids, 40);
    const start = (await pullAll(ts.url, sam, 'clients', { limit: 1000 })).checkpoint;

    await first.query('BEGIN');
    const seqA = (await first.query<{ seq: number }>(update, [clientA, '(555) 000-0001'])).rows[0]?.seq ?? -1;
    await second.query('BEGIN');
    // Both transactions are open and hold their rows: the second writes and commits at once, with
    // the first still running. (Before 012 this waited for the first to commit.)
    const seqB =
      (await second.query<{ seq: number }>(update, [clientB, '(555) 000-0002'])).rows[0]?.seq ?? -1;
    expect(seqB).toBeGreaterThan(seqA);
    await second.query('COMMIT');

    // The second is committed, but the first, older, is still running: a checkpoint past the
    // second would skip the first when it commits, so nothing is released yet.
    expect((await pullAll(ts.url, sam, 'clients', { from: start })).documents).toEqual([]);

    await first.query('COMMIT');
    const both = await pullAll(ts.url, sam, 'clients', { from: start });
    expect(both.documents.map((doc) => [doc.id, doc.serverSeq])).toEqual([
      [clientA, seqA],
      [clientB, seqB],
    ]);
    expect((await pullAll(ts.url, sam, 'clients', { from: both.checkpoint })).documents).toEqual([]);
  });

  it('orders by transaction: a row stamped later by an older transaction comes before a newer one’s', async () => {
    const [first, second] = connections as [pg.Client, pg.Client];
    const clientA = idAt(ids, 21);
    const clientB = idAt(ids, 41);
    const start = (await pullAll(ts.url, sam, 'clients', { limit: 1000 })).checkpoint;

    // The first transaction gets its id first (by writing something unreplicated) but stamps its
    // client only after the second has stamped and committed.
    await first.query('BEGIN');
    await first.query('SELECT pg_current_xact_id()');
    await second.query('BEGIN');
    const seqB =
      (await second.query<{ seq: number }>(update, [clientB, '(555) 000-0003'])).rows[0]?.seq ?? -1;
    await second.query('COMMIT');
    const seqA = (await first.query<{ seq: number }>(update, [clientA, '(555) 000-0004'])).rows[0]?.seq ?? -1;
    expect(seqA).toBeGreaterThan(seqB);
    expect((await pullAll(ts.url, sam, 'clients', { from: start })).documents).toEqual([]);
    await first.query('COMMIT');

    const both = await pullAll(ts.url, sam, 'clients', { from: start });
    expect(both.documents.map((doc) => [doc.id, doc.serverSeq])).toEqual([
      [clientA, seqA],
      [clientB, seqB],
    ]);
  });

  it('is not held back by a transaction running in another database', async () => {
    // The server's maintenance database: same cluster, another database.
    const url = new URL(ts.database.databaseUrl ?? '');
    url.pathname = '/postgres';
    const elsewhere = new pg.Client({ connectionString: url.toString() });
    await elsewhere.connect();
    try {
      await elsewhere.query('BEGIN');
      await elsewhere.query('SELECT pg_current_xact_id()');
      const [writer] = connections as [pg.Client];
      const clientA = idAt(ids, 22);
      const start = (await pullAll(ts.url, sam, 'clients', { limit: 1000 })).checkpoint;
      const seqA =
        (await writer.query<{ seq: number }>(update, [clientA, '(555) 000-0005'])).rows[0]?.seq ?? -1;
      const pulled = await pullAll(ts.url, sam, 'clients', { from: start });
      expect(pulled.documents.map((doc) => [doc.id, doc.serverSeq])).toEqual([[clientA, seqA]]);
    } finally {
      await elsewhere.query('ROLLBACK');
      await elsewhere.end();
    }
  });
});
