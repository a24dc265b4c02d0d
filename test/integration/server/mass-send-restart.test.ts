import { afterEach, describe, expect, it } from 'vitest';
import { type AgencyServer, startAgencyServer } from '../../../server/app';
import { loadServerConfig, type ServerConfig } from '../../../server/config';
import type { MassSendWorkerOptions } from '../../../server/mass-send/worker';
import {
  finishedJob,
  insertClients,
  jobOf,
  messageCounts,
  resultsOf,
  startMassSend,
} from '../../support/mass-send';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';
import { signIn } from '../../support/test-server';
import { waitUntil } from '../../support/wait';

const HARBOR = 'Harbor Light Outreach';
const BODY = '<p>Cooling centers are open all weekend.</p>';

/*
 * A mass send survives its server: batches commit whole, so a server that stops (or dies) in the
 * middle leaves a job that any instance on the same database finishes, every recipient once.
 */
// Each test starts its own servers (two for a restart), which a busy machine makes slow.
describe('a mass send across server restarts', { timeout: 180_000 }, () => {
  let database: TestDatabase | undefined;
  const running = new Set<AgencyServer>();

  afterEach(async () => {
    for (const server of running) await server.close();
    running.clear();
    await database?.drop();
    database = undefined;
  });

  async function open(): Promise<ServerConfig> {
    database = await createTestDatabase();
    return {
      ...loadServerConfig({}),
      port: 0,
      databaseUrl: database.databaseUrl,
      dataDir: database.dataDir,
      seedDemo: true,
    };
  }

  async function start(config: ServerConfig, massSend: MassSendWorkerOptions = {}): Promise<AgencyServer> {
    const server = await startAgencyServer(config, { massSend });
    running.add(server);
    return server;
  }

  async function stop(server: AgencyServer): Promise<void> {
    running.delete(server);
    await server.close();
  }

  /** 1,100 connected clients with 100 unconnected ones spread among them. */
  async function recipients(server: AgencyServer): Promise<{ all: string[]; connected: string[] }> {
    const connected = await insertClients(server.db, {
      agency: HARBOR,
      count: 1100,
      prefix: 'Storm',
      connected: true,
    });
    const unconnected = await insertClients(server.db, {
      agency: HARBOR,
      count: 100,
      prefix: 'Offline',
      connected: false,
    });
    const all = connected.flatMap((id, index) => {
      const extra = index % 11 === 5 ? unconnected[Math.floor(index / 11)] : undefined;
      return extra ? [id, extra] : [id];
    });
    expect(all).toHaveLength(1200);
    return { all, connected };
  }

  /** Every recipient decided once, every connected one holding exactly one copy, nothing else made. */
  async function expectServedExactlyOnce(
    server: AgencyServer,
    jobId: string,
    all: string[],
    connected: string[],
  ): Promise<void> {
    const db = server.db;
    const pending = await db.query(
      `SELECT 1 FROM mass_send_recipients WHERE job_id = $1::uuid AND outcome = 'pending'`,
      [jobId],
    );
    expect(pending.rows).toHaveLength(0);
    const counts = await messageCounts(db, all);
    for (const id of connected) expect(counts.get(id), id).toBe(1);
    expect([...counts.values()].reduce((sum, count) => sum + count, 0)).toBe(connected.length);
    const copies = await db.query<{ messages: number; threads: number; clients: number }>(
      `SELECT count(*)::int AS messages, count(DISTINCT thread_id)::int AS threads,
              count(DISTINCT client_id)::int AS clients
         FROM messages WHERE id IN (SELECT item_id FROM mass_send_recipients WHERE job_id = $1::uuid)`,
      [jobId],
    );
    expect(copies.rows[0]).toEqual({ messages: 1100, threads: 1100, clients: 1100 });
    const threads = await db.query<{ count: number }>(
      'SELECT count(*)::int AS count FROM threads WHERE client_id = ANY($1::uuid[])',
      [all],
    );
    expect(threads.rows[0]?.count).toBe(1100);
  }

  it('finishes on a new instance after the first stopped mid-job, without duplicates or gaps', async () => {
    const config = await open();
    // The first instance commits its first batch; every later batch "crashes" before its commit.
    const first = await start(config, {
      batchSize: 200,
      beforeCommit: async ({ batch }) => {
        if (batch > 1) throw new Error('simulated crash before commit');
      },
    });
    const { all, connected } = await recipients(first);
    const casey = await signIn(first.url, 'casey');
    const job = await startMassSend(first.url, casey, { clientIds: all, html: BODY });
    await waitUntil(
      async () => (await jobOf(first.url, casey, job.id)).processed > 0,
      'the first batch committed',
    );
    // Let a second batch run (and roll back) before stopping, as a crash mid-batch would.
    await waitUntil(async () => {
      const failures = await first.db.query<{ failures: number }>(
        'SELECT failures FROM mass_send_jobs WHERE id = $1::uuid',
        [job.id],
      );
      return (failures.rows[0]?.failures ?? 0) > 0;
    }, 'a later batch rolled back');
    // Only whole batches were kept: the first one's copies, nothing of the batch that rolled back.
    const midway = await jobOf(first.url, casey, job.id);
    expect(midway).toMatchObject({ status: 'running', processed: 200 });
    const kept = await messageCounts(first.db, all);
    expect([...kept.values()].reduce((sum, count) => sum + count, 0)).toBe(midway.sent);
    await stop(first);

    const second = await start(config);
    const casey2 = await signIn(second.url, 'casey');
    const done = await finishedJob(second.url, casey2, job.id, 90_000);
    expect(done).toMatchObject({ status: 'done', total: 1200, processed: 1200, sent: 1100, skipped: 100 });
    await expectServedExactlyOnce(second, job.id, all, connected);
    const results = await resultsOf(second.url, casey2, job.id);
    expect(results.map((result) => result.clientId)).toEqual(all);
    expect(results.filter((result) => result.reason === 'no_portal_account')).toHaveLength(100);
  });

  it('stores nothing twice when batches run again after their marks were lost', async () => {
    const config = await open();
    const server = await start(config, { batchSize: 500 });
    const { all, connected } = await recipients(server);
    const casey = await signIn(server.url, 'casey');
    const job = await startMassSend(server.url, casey, { clientIds: all, html: BODY });
    await finishedJob(server.url, casey, job.id);
    const before = await server.db.query<{ count: number }>('SELECT count(*)::int AS count FROM messages');

    // As if the last 700 recipients had never been marked: the worker decides and sends again.
    await server.db.query(
      `UPDATE mass_send_recipients SET outcome = 'pending', reason = NULL, item_id = NULL
        WHERE job_id = $1::uuid AND position > 500`,
      [job.id],
    );
    await server.db.query(
      `UPDATE mass_send_jobs SET status = 'running', finished_at = NULL,
              sent = (SELECT count(*) FROM mass_send_recipients WHERE job_id = $1::uuid AND outcome = 'sent'),
              skipped = (SELECT count(*) FROM mass_send_recipients WHERE job_id = $1::uuid AND outcome = 'skipped')
        WHERE id = $1::uuid`,
      [job.id],
    );
    await server.db.query(`SELECT pg_notify('portico_mass_sends', $1)`, [job.id]);
    expect(await finishedJob(server.url, casey, job.id)).toMatchObject({ sent: 1100, skipped: 100 });
    const after = await server.db.query<{ count: number }>('SELECT count(*)::int AS count FROM messages');
    expect(after.rows[0]?.count).toBe(before.rows[0]?.count);
    await expectServedExactlyOnce(server, job.id, all, connected);
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'serves every recipient once when two instances work on one database at once',
    async () => {
      const config = await open();
      const one = await start(config, { batchSize: 100, pollMs: 50 });
      const two = await start(config, { batchSize: 100, pollMs: 50 });
      const { all, connected } = await recipients(one);
      const casey = await signIn(one.url, 'casey');
      const job = await startMassSend(one.url, casey, { clientIds: all, html: BODY });
      const done = await finishedJob(two.url, casey, job.id);
      expect(done).toMatchObject({ processed: 1200, sent: 1100, skipped: 100 });
      await expectServedExactlyOnce(one, job.id, all, connected);
    },
  );

  it('ends a job that keeps failing as failed, with a message, instead of retrying forever', async () => {
    const config = await open();
    const server = await start(config, {
      pollMs: 50,
      beforeCommit: async () => {
        throw new Error('simulated failure');
      },
    });
    const casey = await signIn(server.url, 'casey');
    const [client] = await insertClients(server.db, {
      agency: HARBOR,
      count: 1,
      prefix: 'Lone',
      connected: true,
    });
    const job = await startMassSend(server.url, casey, { clientIds: [client ?? ''], html: BODY });
    const ended = await finishedJob(server.url, casey, job.id);
    expect(ended).toMatchObject({ status: 'failed', processed: 0, sent: 0 });
    expect(ended.error).toMatch(/could not finish this send/);
    expect((await messageCounts(server.db, [client ?? ''])).size).toBe(0);
  });
});
