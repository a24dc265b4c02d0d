import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostPorts } from '../../../main/browser-host/host-ports';
import { collectionTableName, databaseFileName } from '../../../main/cache/sqlite-storage/sqlite-names';
import { CacheKeyStore } from '../../../main/services/cache/cache-key-store';
import { cacheNameFor } from '../../../main/services/cache/open-cache';
import type { SyncStatus } from '../../../shared/domain/views';
import { REPLICATED_SCHEMAS } from '../../../shared/replication/rx-schemas';
import { demoClients, HARBOR } from '../../support/demo-lookup';
import { userId } from '../../support/demo-world';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { type NetworkGate, startNetworkGate } from '../../support/network-gate';
import { startTestServer, type TestServer } from '../../support/test-server';

/*
 * The cache's checksums (docs/architecture.md "Checksums"). A desktop whose cache matches the
 * server compares and pulls nothing again; a desktop whose cached rows were changed behind the
 * storage's back (a direct write to the encrypted SQLite file while the app was closed) finds the
 * difference after its first sync settles, pulls the collection again and is whole, keeping an edit
 * it had not sent yet.
 */

const TIMEOUT_MS = 180_000;

/** The staff member's cache file, opened with the desktop's own key as the storage opens it. */
function openCacheBehindTheStorage(dataDir: string, staffId: string): Database.Database {
  const keys = new CacheKeyStore(join(dataDir, 'keys'), createHostPorts(dataDir).secureStorage);
  const db = new Database(join(dataDir, 'cache', databaseFileName(cacheNameFor(staffId))), {
    fileMustExist: true,
  });
  db.pragma(`cipher='sqlcipher'`);
  db.key(Buffer.from(keys.keyFor(staffId), 'utf8'));
  return db;
}

const CLIENTS_TABLE = collectionTableName('clients', REPLICATED_SCHEMAS.clients.version);

describe('cache checksums', () => {
  let server: TestServer;
  let caseyId: string;
  let visibleClients: number;
  let harborIds: string[];
  const running: { desktop?: DesktopProcess; gate?: NetworkGate; dataDirs: string[] } = { dataDirs: [] };

  beforeAll(async () => {
    server = await startTestServer();
    caseyId = await userId(server.server.db, 'casey');
    const clients = await demoClients(server.server.db);
    visibleClients = clients.filter((client) => client.agency === HARBOR || client.shared).length;
    harborIds = clients.filter((client) => client.agency === HARBOR).map((client) => client.id);
  });

  afterAll(async () => {
    await running.desktop?.stop();
    await running.gate?.close();
    for (const dataDir of running.dataDirs) removeDataDir(dataDir);
    await server?.close();
  });

  async function integrity(desktop: DesktopProcess): Promise<SyncStatus['integrity']> {
    return (await desktop.api.sync.status()).integrity;
  }

  it(
    'a matching cache is compared and nothing is pulled again; a tampered one is found and healed',
    async () => {
      const gate = await startNetworkGate(server.url);
      running.gate = gate;
      const desktop = await startDesktop({ serverUrl: gate.url });
      running.desktop = desktop;
      running.dataDirs.push(desktop.dataDir);
      await desktop.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
      await eventually('the first sync', async () =>
        (await desktop.api.clients.count({ query: '' })) === visibleClients ? true : undefined,
      );
      const firstCheck = await eventually(
        'the first comparison',
        async () => (await integrity(desktop)).checkedAt ?? undefined,
        60_000,
      );
      expect((await integrity(desktop)).repairs).toEqual([]);
      // Sync now compares again: still nothing to repair.
      await desktop.api.sync.now();
      await eventually(
        'a second comparison',
        async () => ((await integrity(desktop)).checkedAt !== firstCheck ? true : undefined),
        60_000,
      );
      expect((await integrity(desktop)).repairs).toEqual([]);

      const [tampered, removed, edited] = harborIds;
      if (!tampered || !removed || !edited) throw new Error('fewer than three Harbor clients');
      const original = await desktop.api.clients.get({ id: tampered });
      expect(original).not.toBeNull();

      // An edit made offline and not yet sent when the app closes.
      gate.cut();
      await eventually('offline', async () =>
        (await desktop.api.sync.status()).state === 'offline' ? true : undefined,
      );
      await desktop.api.clients.update({ id: edited, patch: { phone: '555-0142' } });
      await desktop.stop();

      const cache = openCacheBehindTheStorage(desktop.dataDir, caseyId);
      try {
        const row = cache.prepare(`SELECT data FROM "${CLIENTS_TABLE}" WHERE id = ?`).get(tampered) as {
          data: string;
        };
        const doc = JSON.parse(row.data) as { firstName: string };
        doc.firstName = 'Tampered';
        // The row changes; its revision and write time stay, so RxDB cannot tell it was touched.
        cache
          .prepare(`UPDATE "${CLIENTS_TABLE}" SET data = ? WHERE id = ?`)
          .run(JSON.stringify(doc), tampered);
        expect(cache.prepare(`DELETE FROM "${CLIENTS_TABLE}" WHERE id = ?`).run(removed).changes).toBe(1);
      } finally {
        cache.close();
      }

      const restarted = await startDesktop({ serverUrl: gate.url, dataDir: desktop.dataDir });
      running.desktop = restarted;
      expect((await restarted.api.session.get())?.user.username).toBe('casey');
      expect((await restarted.api.clients.get({ id: tampered }))?.client.firstName).toBe('Tampered');
      expect(await restarted.api.clients.get({ id: removed })).toBeNull();

      gate.restore();
      await restarted.api.sync.now();
      const repairs = await eventually(
        'the clients collection found different',
        async () => {
          const found = (await integrity(restarted)).repairs;
          return found.length > 0 ? found : undefined;
        },
        60_000,
      );
      expect(repairs.map((repair) => repair.collection)).toEqual(['clients']);
      expect(repairs[0]?.found).toBe(visibleClients - 1);
      expect(repairs[0]?.expected).toBe(visibleClients);
      await eventually(
        'the tampered row healed',
        async () =>
          (await restarted.api.clients.get({ id: tampered }))?.client.firstName === original?.client.firstName
            ? true
            : undefined,
        60_000,
      );
      await eventually('the removed row back', async () =>
        (await restarted.api.clients.get({ id: removed })) ? true : undefined,
      );
      await eventually(
        'a comparison that matches after the re-pull',
        async () => {
          const now = await integrity(restarted);
          return now.checkedAt && now.checkedAt > (repairs[0]?.at ?? '') ? true : undefined;
        },
        60_000,
      );
      expect((await integrity(restarted)).repairs).toHaveLength(1);
      expect((await restarted.api.clients.get({ id: edited }))?.client.phone).toBe('555-0142');
      await eventually('the offline edit at the server', async () => {
        const result = await server.server.db.query<{ phone: string }>(
          'SELECT phone FROM clients WHERE id = $1::uuid',
          [edited],
        );
        return result.rows[0]?.phone === '555-0142' ? true : undefined;
      });
    },
    TIMEOUT_MS,
  );
});
