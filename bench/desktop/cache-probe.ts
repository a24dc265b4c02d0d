import { performance } from 'node:perf_hooks';
import type { SessionUser } from '../../shared/domain/session';
import { type QueryTimings, searchPrefixes, timeCacheQueries } from './cache-queries';
import { openSyncedCache } from './open-synced-cache';
import { reportResult } from './probe-protocol';
import { readEveryRow } from './read-every-row';

/*
 * Runs in a fresh process against a synced desktop's data folder (the desktop stopped). Modes:
 * - reopen: open the cache as the desktop does and answer a first client search; then, if asked,
 *   time the Inbox and client search many times, and their plain-SQL floors.
 * - floor: read every row of the same SQLite file and JSON.parse it.
 * Times start once this module's imports are loaded: under tsx, loading is mostly transpiling
 * TypeScript, which says nothing about the product.
 */

export interface ProbeInput {
  mode: 'reopen' | 'floor';
  dataDir: string;
  user: SessionUser;
  /** Runs of each local query; 0 skips them. */
  queryRuns: number;
  seed: number;
}

export interface ProbeResult {
  ms: number;
  rssMb: number;
  rows?: number;
  queries?: QueryTimings;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.argv[2] ?? '{}') as ProbeInput;
  const started = performance.now();
  if (input.mode === 'floor') {
    const rows = readEveryRow(input.dataDir, input.user.id);
    const ms = performance.now() - started;
    reportResult({ ms, rssMb: process.memoryUsage().rss / 2 ** 20, rows } satisfies ProbeResult);
    return;
  }
  const cache = await openSyncedCache(input.dataDir, input.user);
  const first = await cache.clients.search(searchPrefixes(input.seed, 1)[0] ?? 'a', 100);
  const ms = performance.now() - started;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  if (first.length === 0) throw new Error('the first search found nobody: is the cache synced?');
  const queries = input.queryRuns > 0 ? await timeCacheQueries(cache, input, input.queryRuns) : undefined;
  await cache.close();
  reportResult({ ms, rssMb, queries } satisfies ProbeResult);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
