import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { AgencyServer } from '../../server/app';
import { cacheLocation, collectionTable, openCacheFile } from '../desktop/cache-file';
import { type BenchDesktop, startBenchDesktop } from '../desktop/desktop-process';
import { startTcpGate, type TcpGate } from '../desktop/tcp-gate';
import { progress } from '../lib/progress';
import { sleep } from '../lib/stats';
import { type Figure, rateFigure } from '../report';
import type { BenchWorld } from '../world/world';
import { type CollectionExpectation, totalDocuments } from './sync-expectations';
import type { SyncFloor } from './sync-floor';

const POLL_MS = 50;
const SYNC_TIMEOUT_MS = 6 * 60_000;

/** The synced desktop, kept for the figures that need a desktop with the whole agency in its cache. */
export interface SyncedDesktop {
  desktop: BenchDesktop;
  /** The desktop reaches the server only through this relay, so it can be taken offline. */
  gate: TcpGate;
  dataDir: string;
}

/**
 * Whether the last document of every collection is in the cache. Pulls are in seq order and each
 * page is written in one transaction, so that document's presence means every earlier one is
 * there: a primary-key lookup per collection instead of counting 300,000 rows while they arrive.
 */
function makeDoneCheck(
  cache: Database.Database,
  expectations: readonly CollectionExpectation[],
): () => boolean {
  const lookups = expectations.flatMap(({ collection, lastId }) =>
    lastId
      ? [{ statement: cache.prepare(`SELECT 1 FROM "${collectionTable(collection)}" WHERE id = ?`), lastId }]
      : [],
  );
  return () => lookups.every(({ statement, lastId }) => statement.get(lastId) !== undefined);
}

/** Counts live documents per collection once the sync is over, to prove the cache holds everything. */
function verifyCounts(cache: Database.Database, expectations: readonly CollectionExpectation[]): void {
  for (const { collection, count } of expectations) {
    const row = cache
      .prepare<[], { n: number }>(
        `SELECT count(*) AS n FROM "${collectionTable(collection)}" WHERE deleted = 0`,
      )
      .get();
    if ((row?.n ?? 0) !== count)
      throw new Error(`${collection}: ${row?.n ?? 0} in the cache, expected ${count}`);
  }
}

/**
 * Figure 1: a real desktop (the browser host process) signs in with an empty cache and pulls the
 * whole agency; timed from the sign-in call until the cache holds every document.
 */
export async function benchInitialSync(
  server: AgencyServer,
  world: BenchWorld,
  expectations: readonly CollectionExpectation[],
): Promise<{ syncMs: number; synced: SyncedDesktop }> {
  const gate = await startTcpGate(server.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-bench-desktop-'));
  const desktop = await startBenchDesktop({ serverUrl: gate.url, dataDir });
  try {
    return { syncMs: await syncFromEmpty(desktop, world, expectations), synced: { desktop, gate, dataDir } };
  } catch (error) {
    // Nothing may outlive a failed figure: the desktop is a process of its own.
    await desktop.stop();
    await gate.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** Milliseconds from the sign-in call until the cache holds everything. */
async function syncFromEmpty(
  desktop: BenchDesktop,
  world: BenchWorld,
  expectations: readonly CollectionExpectation[],
): Promise<number> {
  const { dataDir } = desktop;
  const total = totalDocuments(expectations);
  progress(`initial sync: signing in with an empty cache, ${total} documents to pull…`);

  const started = performance.now();
  await desktop.api.session.signIn({ username: world.staff.username, password: world.staff.password });
  const location = cacheLocation(dataDir, world.staff.id);
  const cache = openCacheFile(location.path, location.key);
  let syncMs: number;
  try {
    const done = makeDoneCheck(cache, expectations);
    let nextReport = started + 10_000;
    while (!done()) {
      if (performance.now() - started > SYNC_TIMEOUT_MS)
        throw new Error('the initial sync did not finish in time');
      if (performance.now() > nextReport) {
        progress(`  still syncing (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        nextReport += 10_000;
      }
      await sleep(POLL_MS);
    }
    syncMs = performance.now() - started;
    verifyCounts(cache, expectations);
  } finally {
    cache.close();
  }
  progress(`initial sync: ${total} documents in ${(syncMs / 1000).toFixed(1)} s`);

  return syncMs;
}

/**
 * The figure, against the faster of the floor's runs: it is measured before and after the sync,
 * and a burst of other work on the machine during one of them should not set the ratio.
 */
export function initialSyncFigure(total: number, syncMs: number, floors: readonly SyncFloor[]): Figure {
  const floorMs = Math.min(...floors.map((floor) => floor.selectMs + floor.insertMs));
  const rows = floors[0]?.rows ?? 0;
  // Issue 13: at least 0.75x the floor's rate. The document count is in the progress output.
  progress(`initial sync: ${total} documents into an empty cache`);
  return rateFigure('initial sync', (total / syncMs) * 1000, 'docs/s', (rows / floorMs) * 1000, 1 / 0.75);
}
