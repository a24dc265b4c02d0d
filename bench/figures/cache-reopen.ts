import type { SessionUser } from '../../shared/domain/session';
import type { ProbeInput, ProbeResult } from '../desktop/cache-probe';
import { runProbe } from '../desktop/probe-protocol';
import { progress } from '../lib/progress';
import { boundFigure, type Figure, ratioFigure } from '../report';

const PROBE = 'bench/desktop/cache-probe.ts';
const QUERY_RUNS = 1_000;
const QUERY_BOUND_MS = 10;
const RSS_BOUND_MB = 400;

/**
 * Figures 2 and 3, on the data folder of the desktop that synced (stopped, so nothing else has the
 * file open): each probe is a fresh process. The floor and the reopen run twice in turn and the
 * faster of each counts, so neither is the one that happened to meet a cold disk.
 */
export async function benchCacheReopen(dataDir: string, user: SessionUser, seed: number): Promise<Figure[]> {
  const input = (mode: ProbeInput['mode'], queryRuns: number): ProbeInput => ({
    mode,
    dataDir,
    user,
    queryRuns,
    seed,
  });
  progress('cache reopen: reading every row (floor), then reopening the cache, twice each…');
  const floors: ProbeResult[] = [];
  const reopens: ProbeResult[] = [];
  for (let round = 0; round < 2; round++) {
    floors.push(await runProbe<ProbeResult>(PROBE, input('floor', 0)));
    reopens.push(await runProbe<ProbeResult>(PROBE, input('reopen', round === 1 ? QUERY_RUNS : 0)));
  }
  const fastest = (results: ProbeResult[]) => Math.min(...results.map((r) => r.ms));
  const rss = Math.max(...reopens.map((r) => r.rssMb));
  const floorRss = Math.max(...floors.map((r) => r.rssMb));
  progress(
    `  reopen ${fastest(reopens).toFixed(0)} ms (${rss.toFixed(0)} MB), floor ${fastest(floors).toFixed(0)} ms`,
  );
  const queries = reopens[1]?.queries;
  if (!queries) throw new Error('the query probe reported no timings');
  return [
    ratioFigure('cache reopen to first client search', fastest(reopens), 'ms', fastest(floors), 1.5),
    boundFigure('cache reopen resident memory', rss, 'MB', RSS_BOUND_MB, floorRss),
    boundFigure(
      'inbox, latest 50 threads, p50',
      queries.inbox.p50,
      'ms',
      QUERY_BOUND_MS,
      queries.inboxFloor.p50,
    ),
    boundFigure(
      'inbox, latest 50 threads, p99',
      queries.inbox.p99,
      'ms',
      QUERY_BOUND_MS,
      queries.inboxFloor.p99,
    ),
    boundFigure(
      'client search by name prefix, p50',
      queries.search.p50,
      'ms',
      QUERY_BOUND_MS,
      queries.searchFloor.p50,
    ),
    boundFigure(
      'client search by name prefix, p99',
      queries.search.p99,
      'ms',
      QUERY_BOUND_MS,
      queries.searchFloor.p99,
    ),
  ];
}
