import { rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgencyServer } from '../server/app';
import { startBenchDesktop, waitForSyncState } from './desktop/desktop-process';
import { benchCacheReopen } from './figures/cache-reopen';
import { benchEditorTyping } from './figures/editor-typing';
import { benchFileCheck } from './figures/file-check';
import { benchInitialSync, initialSyncFigure, type SyncedDesktop } from './figures/initial-sync';
import { benchLiveLatency } from './figures/live-latency';
import { benchMassSend } from './figures/mass-send';
import { benchPortalFirstLoad } from './figures/portal-first-load';
import { benchPullThroughput } from './figures/pull-throughput';
import { benchPushThroughput } from './figures/push-throughput';
import { benchRichText } from './figures/rich-text';
import { expectedSync, totalDocuments } from './figures/sync-expectations';
import { measureSyncFloor, type SyncFloor } from './figures/sync-floor';
import { withBenchServer } from './lib/bench-server';
import { profilePhase } from './lib/profile';
import { progress } from './lib/progress';
import { type Figure, printTable, writeResults } from './report';
import { benchScale } from './scale/bench-scale';
import { generateWorld } from './world/generate';
import { type BenchWorld, FULL_SCALE, type WorldScale } from './world/world';

const RESULTS = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
const DEFAULT_SEED = 20_261_125;

/** BENCH_SCALE shrinks the agency for trying the bench out quickly; its figures are not the issue's. */
function scaleFromEnv(): WorldScale {
  const factor = Number(process.env.BENCH_SCALE ?? '1');
  if (!(factor > 0 && factor <= 1)) throw new Error('BENCH_SCALE must be in (0, 1]');
  return {
    clients: Math.round(FULL_SCALE.clients * factor),
    messages: Math.round(FULL_SCALE.messages * factor),
    requests: Math.round(FULL_SCALE.requests * factor),
    staff: FULL_SCALE.staff,
  };
}

/** The bench's parts, each runnable alone with BENCH_ONLY (a comma-separated list of these names). */
const PARTS = ['agency', 'sync', 'scale', 'rich-text', 'editor', 'file-check', 'portal'] as const;
type Part = (typeof PARTS)[number];
/** `sync` is figure 1 alone, for working on it; `agency` measures it too, so it is not run by default. */
const DEFAULT_PARTS: readonly Part[] = PARTS.filter((part) => part !== 'sync');

function partsFromEnv(): ReadonlySet<Part> {
  const only = process.env.BENCH_ONLY;
  if (!only) return new Set(DEFAULT_PARTS);
  const chosen = only.split(',').map((name) => name.trim());
  const unknown = chosen.filter((name) => !(PARTS as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(
      `BENCH_ONLY names no part of the bench: ${unknown.join(', ')} (parts: ${PARTS.join(', ')})`,
    );
  return new Set(chosen as Part[]);
}

/** Figures that fail are reported and skipped, so one broken figure does not hide the others. */
class Run {
  readonly figures: Figure[] = [];
  readonly failures: string[] = [];

  async attempt<T>(what: string, work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await profilePhase(what.replaceAll(' ', '-'), work);
    } catch (error) {
      progress(`FAILED: ${what}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      this.failures.push(what);
      return undefined;
    }
  }

  /** Runs one figure module and keeps what it measured. */
  async measure(what: string, work: () => Promise<Figure | Figure[]>): Promise<void> {
    const measured = await this.attempt(what, work);
    if (measured) this.figures.push(...[measured].flat());
  }
}

async function syncFloor(server: AgencyServer): Promise<SyncFloor> {
  progress('initial sync floor: plain SELECT + JSON, plain SQLite bulk insert…');
  const floor = await measureSyncFloor(server.db);
  progress(
    `  ${floor.rows} rows: select + JSON ${floor.selectMs.toFixed(0)} ms, insert ${floor.insertMs.toFixed(0)} ms`,
  );
  return floor;
}

/** Figures 1–5, 8 and the mass send: the generated agency, its server and a real desktop. */
async function benchAgency(run: Run, server: AgencyServer): Promise<void> {
  const seed = Number(process.env.BENCH_SEED ?? DEFAULT_SEED);
  const world = await generateWorld(server.db, seed, scaleFromEnv());
  progress('pull: the clients collection over HTTP…');
  await run.measure('pull throughput', () => benchPullThroughput(server, world));
  await benchDesktop(run, server, world, seed);
  // Last: its 5,000 new messages are not part of the data set the desktop figures sync.
  await run.measure('mass send', () => benchMassSend(server, world));
}

/** Figure 1 alone (BENCH_ONLY=sync): the generated agency, its floor and the initial sync. */
async function benchSyncOnly(run: Run): Promise<void> {
  await withBenchServer(async (server) => {
    progress(`benchmarking the initial sync on ${server.db.kind}`);
    const world = await generateWorld(
      server.db,
      Number(process.env.BENCH_SEED ?? DEFAULT_SEED),
      scaleFromEnv(),
    );
    const expectations = await expectedSync(server.db, world);
    const floors = [await syncFloor(server)];
    const sync = await run.attempt('initial sync', () => benchInitialSync(server, world, expectations));
    if (!sync) return;
    await sync.synced.desktop.stop();
    await sync.synced.gate.close();
    floors.push(await syncFloor(server));
    run.figures.push(initialSyncFigure(totalDocuments(expectations), sync.syncMs, floors));
    rmSync(sync.synced.dataDir, { recursive: true, force: true });
  });
}

/** Figures 1–5: a real desktop syncs the agency, reopens its cache, follows live and pushes. */
async function benchDesktop(run: Run, server: AgencyServer, world: BenchWorld, seed: number): Promise<void> {
  const expectations = await expectedSync(server.db, world);
  const floors = [await syncFloor(server)];
  const sync = await run.attempt('initial sync', () => benchInitialSync(server, world, expectations));
  if (!sync) return;
  const synced: SyncedDesktop = sync.synced;
  let running = true;
  try {
    const user = (await synced.desktop.api.session.get())?.user;
    await synced.desktop.stop();
    running = false;
    floors.push(await syncFloor(server));
    run.figures.push(initialSyncFigure(totalDocuments(expectations), sync.syncMs, floors));
    if (user) await run.measure('cache reopen', () => benchCacheReopen(synced.dataDir, user, seed));

    progress('restarting the desktop on its synced cache…');
    synced.desktop = await startBenchDesktop({ serverUrl: synced.gate.url, dataDir: synced.dataDir });
    running = true;
    await waitForSyncState(synced.desktop.api, 'online');
    await run.measure('live latency', () => benchLiveLatency(server, world, synced));
    await run.measure('push throughput', () => benchPushThroughput(server, world, synced));
  } finally {
    if (running) await synced.desktop.stop();
    await synced.gate.close();
    // A synced cache is most of a gigabyte; BENCH_KEEP=1 keeps it for a closer look.
    if (process.env.BENCH_KEEP) progress(`kept the desktop's data folder: ${synced.dataDir}`);
    else rmSync(synced.dataDir, { recursive: true, force: true });
  }
}

/** The table in the issue's order: sync, cache, queries, live, push, rich text, editor, files, pull. */
function inIssueOrder(figures: readonly Figure[]): Figure[] {
  const order = [
    'initial sync',
    'cache reopen',
    'inbox',
    'client search',
    'live',
    'portal load',
    'concurrent sends',
    'push',
    'toHtml',
    'sanitizeHtml',
    'editor',
    'file check',
    'full pull',
    'mass send',
    'portal',
  ];
  const rank = (figure: Figure) => {
    const index = order.findIndex((prefix) => figure.name.startsWith(prefix));
    return index === -1 ? order.length : index;
  };
  return [...figures].sort((a, b) => rank(a) - rank(b));
}

/** The generated agency on its own server: figures 1–5, 8 and the mass send. */
async function benchAgencyParts(run: Run): Promise<void> {
  await withBenchServer(async (server) => {
    progress(`benchmarking on ${server.db.kind}`);
    await benchAgency(run, server).catch((error: unknown) => {
      progress(
        `FAILED: the agency figures: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      run.failures.push('the agency figures');
    });
  });
}

/** Other work on the machine shows in every figure; the load says how much there was. */
function machineNote(): string {
  const [one = 0, five = 0] = loadavg();
  return `load average ${one.toFixed(1)} (1 min), ${five.toFixed(1)} (5 min) on ${cpus().length} cores`;
}

async function main(): Promise<void> {
  const parts = partsFromEnv();
  const run = new Run();
  progress(machineNote());
  if (parts.has('agency')) await benchAgencyParts(run);
  if (parts.has('sync')) await benchSyncOnly(run);
  if (parts.has('scale')) await benchScale(run);
  if (parts.has('rich-text')) {
    progress('rich text: a 1MB message…');
    await run.measure('rich text', benchRichText);
  }
  if (parts.has('editor')) await run.measure('editor typing', benchEditorTyping);
  if (parts.has('file-check')) {
    progress('file check: 2GB against 1KB…');
    await run.measure('file check', benchFileCheck);
  }
  if (parts.has('portal')) await run.measure('portal first load', benchPortalFirstLoad);

  const figures = inIssueOrder(run.figures);
  progress(machineNote());
  printTable(figures);
  writeResults(RESULTS, figures);
  if (run.failures.length > 0) {
    console.error(`Not measured: ${run.failures.join(', ')}`);
    process.exit(1);
  }
  // Library handles (the database driver's timers) must not keep a finished bench alive.
  process.exit(0);
}

/**
 * `npm run bench`: every figure beside a floor measured in the same run on the same machine.
 * Runs on PostgreSQL when DATABASE_URL is set (in a scratch database, dropped afterwards), on
 * PGlite otherwise. Prints the table and writes bench/results.json. BENCH_ONLY=portal (or any
 * list of PARTS) runs only those parts.
 */
main().catch((error: unknown) => {
  console.error('The benchmark failed:', error);
  process.exit(1);
});
