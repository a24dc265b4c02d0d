import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/domain/views';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { startTestServer, type TestServer } from '../../support/test-server';

/*
 * The bulk first sync (main/services/sync/bulk-first-sync.ts): an empty cache fills from the
 * server's pages in large transactions, with RxDB's bookkeeping written beside the documents. What
 * it wrote must behave exactly like what RxDB's replication writes itself: edits of those documents
 * push without a conflict, the server's later changes to them arrive, and the cache's checksums
 * match the server's. The status shows documents so far of the total while it runs.
 */

const EXTRA_CLIENTS = 12_000;

describe('a first sync into an empty cache', () => {
  let server: TestServer;
  let desktop: DesktopProcess | undefined;

  beforeAll(async () => {
    server = await startTestServer();
    // More than one transaction's worth (10,000 documents) of clients.
    await server.server.db.query(
      `INSERT INTO clients (agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth, shared)
       SELECT a.id, 'Bulk', 'Client ' || g, 'bulk', 'client ' || g, DATE '1980-01-01' + (g % 9000), true
         FROM agencies a, generate_series(1, $1::int) g WHERE a.name = 'Harbor Light Outreach'`,
      [EXTRA_CLIENTS],
    );
  });

  afterAll(async () => {
    await desktop?.stop();
    if (desktop) removeDataDir(desktop.dataDir);
    await server?.close();
  });

  it('fills with progress, and what it wrote syncs both ways afterwards', async () => {
    const expected = await server.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM clients c JOIN agencies a ON a.id = c.agency_id
        WHERE (a.name = 'Harbor Light Outreach' OR c.shared) AND NOT c.deleted`,
    );
    const total = expected.rows[0]?.n ?? 0;
    desktop = await startDesktop({ serverUrl: server.url });
    const api = desktop.api;
    const seen: NonNullable<SyncStatus['firstSync']>[] = [];
    await api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    await eventually(
      'every client',
      async () => {
        const status = await api.sync.status();
        if (status.firstSync) seen.push(status.firstSync);
        return (await api.clients.count({ query: '' })) === total ? true : undefined;
      },
      120_000,
    );

    // Progress: a total announced with the first page, and a count that grows towards it.
    const announced = seen.filter((progress) => progress.total > 0);
    expect(announced.length).toBeGreaterThan(0);
    expect(Math.max(...announced.map((progress) => progress.total))).toBeGreaterThanOrEqual(total);
    for (const progress of announced) expect(progress.done).toBeLessThanOrEqual(progress.total);
    await eventually('the first sync to finish', async () =>
      (await api.sync.status()).firstSync === null ? true : undefined,
    );

    // The cache matches the server, collection by collection.
    await eventually(
      'a matching comparison',
      async () => ((await api.sync.status()).integrity.checkedAt ? true : undefined),
      60_000,
    );
    expect((await api.sync.status()).integrity.repairs).toEqual([]);

    // An edit of a bulk-written client pushes as an edit of the version the server has.
    const [bulk] = await api.clients.search({ query: 'bulk', limit: 1 });
    if (!bulk) throw new Error('no bulk client in the cache');
    await api.clients.update({ id: bulk.id, patch: { phone: '555-0199' } });
    await eventually('the edit at the server', async () => {
      const result = await server.server.db.query<{ phone: string }>(
        'SELECT phone FROM clients WHERE id = $1::uuid',
        [bulk.id],
      );
      return result.rows[0]?.phone === '555-0199' ? true : undefined;
    });
    expect((await api.sync.status()).refusals).toEqual([]);

    // The server's change to another bulk-written client reaches the cache.
    const other = await server.server.db.query<{ id: string }>(
      `SELECT id::text AS id FROM clients WHERE first_name = 'Bulk' AND id <> $1::uuid LIMIT 1`,
      [bulk.id],
    );
    const otherId = other.rows[0]?.id ?? '';
    await server.server.db.query(`UPDATE clients SET email = 'server.edit@example.org' WHERE id = $1::uuid`, [
      otherId,
    ]);
    await eventually('the server’s change in the cache', async () =>
      (await api.clients.get({ id: otherId }))?.client.email === 'server.edit@example.org' ? true : undefined,
    );
  }, 240_000);
});
