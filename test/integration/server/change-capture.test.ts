import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../../../server/authz/viewer';
import { COLLECTION_HANDLERS } from '../../../server/replication/collections';
import { EMPTY_CHECKPOINT, type ReplicationCheckpoint } from '../../../shared/replication/documents';
import { userId } from '../../support/demo-world';
import { startTestServer, type TestServer } from '../../support/test-server';

/*
 * The guarantee change capture gives (migration 012, docs/architecture.md "Change capture"): a
 * desktop pulling continuously from its checkpoint while many transactions write, each with its
 * own delays between its statements and commit, ends up with every committed row exactly once and
 * nothing from a transaction that rolled back. Writers touch different clients, so nothing but the
 * capture itself orders them. Twenty seeds, on PostgreSQL (PGlite runs one transaction at a time).
 */

const WRITERS = 8;
const TRANSACTIONS_PER_WRITER = 5;
const SEEDS = 20;
const PAGE = 7;

/** A small seeded generator (mulberry32), so a failing seed can be run again. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(process.env.DATABASE_URL)('change capture under concurrent writers', () => {
  let ts: TestServer;
  let viewer: Viewer;
  let agencyId: string;
  const writers: pg.Client[] = [];

  beforeAll(async () => {
    ts = await startTestServer();
    const sam = await userId(ts.server.db, 'sam');
    const agency = await ts.server.db.query<{ agency_id: string }>(
      'SELECT agency_id::text AS agency_id FROM users WHERE id = $1::uuid',
      [sam],
    );
    agencyId = agency.rows[0]?.agency_id ?? '';
    viewer = { userId: sam, agencyId, role: 'system_admin' };
    for (let i = 0; i < WRITERS; i++) {
      const client = new pg.Client({ connectionString: ts.database.databaseUrl });
      await client.connect();
      writers.push(client);
    }
  });
  afterAll(async () => {
    for (const client of writers) await client.end();
    await ts.close();
  });

  /** One writer's transactions: new clients, an update of its own, delays anywhere, some rolled back. */
  async function write(
    client: pg.Client,
    writer: number,
    next: () => number,
  ): Promise<{ committed: string[]; rolledBack: string[] }> {
    const committed: string[] = [];
    const rolledBack: string[] = [];
    for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
      const made: string[] = [];
      await client.query('BEGIN');
      await pause(next() * 12);
      const rows = 1 + Math.floor(next() * 3);
      for (let r = 0; r < rows; r++) {
        const inserted = await client.query<{ id: string }>(
          `INSERT INTO clients (agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth)
           VALUES ($1::uuid, $2, 'Capture', lower($2), 'capture', '1990-01-01') RETURNING id::text AS id`,
          [agencyId, `W${writer}T${t}R${r}`],
        );
        made.push(inserted.rows[0]?.id ?? '');
        await pause(next() * 8);
      }
      // A later statement of the same transaction changes a row it wrote: still one row to receive.
      if (made[0]) await client.query("UPDATE clients SET phone = '(555) 010-0000' WHERE id = $1", [made[0]]);
      await pause(next() * 12);
      if (next() < 0.15) {
        await client.query('ROLLBACK');
        rolledBack.push(...made);
      } else {
        await client.query('COMMIT');
        committed.push(...made);
      }
    }
    return { committed, rolledBack };
  }

  it(`delivers every committed row exactly once to a reader pulling all along (${SEEDS} seeds)`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const next = random(seed);
      let checkpoint: ReplicationCheckpoint = EMPTY_CHECKPOINT;
      // Start after everything already there.
      for (;;) {
        const page = await COLLECTION_HANDLERS.clients.pull(ts.server.db, viewer, checkpoint, 1000);
        if (page.checkpoint) checkpoint = page.checkpoint;
        if (page.documents.length < 1000) break;
      }
      const received: string[] = [];
      const pullOnce = async () => {
        const page = await COLLECTION_HANDLERS.clients.pull(ts.server.db, viewer, checkpoint, PAGE);
        for (const doc of page.documents) received.push(doc.id);
        if (page.checkpoint) checkpoint = page.checkpoint;
        return page.documents.length;
      };
      let writing = true;
      const reading = (async () => {
        while (writing) {
          await pullOnce();
          await pause(next() * 3);
        }
      })();
      const outcomes = await Promise.all(
        writers.map((client, writer) => write(client, writer, random(seed * 100 + writer))),
      );
      writing = false;
      await reading;
      while ((await pullOnce()) === PAGE) {}

      const committed = outcomes.flatMap((outcome) => outcome.committed);
      const rolledBack = new Set(outcomes.flatMap((outcome) => outcome.rolledBack));
      expect(committed.length, `seed ${seed}`).toBeGreaterThan(0);
      // Only this seed's rows: the server's own sweepers may re-stamp demo clients meanwhile.
      const ours = received.filter((id) => rolledBack.has(id) || committed.includes(id));
      expect(
        ours.filter((id) => rolledBack.has(id)),
        `seed ${seed}`,
      ).toEqual([]);
      expect(ours.sort(), `seed ${seed}`).toEqual([...committed].sort());
    }
  }, 120_000);

  it('lets writers to different clients hold their transactions open at the same time', async () => {
    const [a, b] = writers as [pg.Client, pg.Client];
    await a.query('BEGIN');
    await b.query('BEGIN');
    const insert = `INSERT INTO clients (agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth)
                    VALUES ($1::uuid, $2, 'Parallel', lower($2), 'parallel', '1990-01-01') RETURNING id`;
    // Neither waits for the other: with a lock between them the second insert would not return
    // while the first transaction is open.
    const timeout = (what: string) =>
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} waited`)), 5_000));
    await Promise.race([a.query(insert, [agencyId, 'First']), timeout('the first writer')]);
    await Promise.race([b.query(insert, [agencyId, 'Second']), timeout('the second writer')]);
    const waiting = await ts.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    expect(waiting.rows[0]?.n).toBe(0);
    await b.query('COMMIT');
    await a.query('COMMIT');
  });
});
