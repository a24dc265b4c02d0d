import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { startAgencyServer } from '../../server/app';
import { loadServerConfig } from '../../server/config';
import { createTestDatabase } from '../../test/support/test-database';
import { progress } from '../lib/progress';
import { median } from '../lib/stats';
import { atLeastFigure, boundFigure, type Figure } from '../report';

const HERE = dirname(fileURLToPath(import.meta.url));
const PORTAL_CONFIG = resolve(HERE, '../../server/portal/vite.config.ts');
const FLOOR_ROOT = resolve(HERE, '../portal-floor-page');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Lighthouse's own mobile screen (a Moto G Power), so both measurements see the same page. */
const PHONE = { width: 412, height: 823 };
const LIGHTHOUSE_RUNS = 3;
const TARGET_KIB = 150;
const TARGET_SCORE = 98;
const TARGET_LCP_MS = 1800;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** The portal as `npm run build` makes it (into out/portal), so the figures describe this source. */
async function buildPortal(): Promise<void> {
  await build({ configFile: PORTAL_CONFIG, logLevel: 'warn' });
}

/** The floor page, built and compressed the way the portal is. */
async function buildFloor(outDir: string): Promise<void> {
  await build({
    root: FLOOR_ROOT,
    configFile: false,
    logLevel: 'warn',
    plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(html|js)$/ })],
    build: { outDir, emptyOutDir: true },
  });
}

/** Serves the floor page as the agency server serves the portal: the brotli copy when accepted. */
function serveFloor(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://bench').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    const brotli =
      /\bbr\b/.test(String(request.headers['accept-encoding'] ?? '')) && existsSync(`${file}.br`);
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      vary: 'accept-encoding',
      ...(brotli ? { 'content-encoding': 'br' } : {}),
    });
    createReadStream(brotli ? `${file}.br` : file).pipe(response);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

/** Bytes on the wire (headers and encoded bodies) for a first visit until the page is quiet. */
async function firstLoadBytes(url: string, heading: string): Promise<{ bytes: number; files: string[] }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
    const page = await context.newPage();
    const sizes: Promise<number>[] = [];
    const files: string[] = [];
    page.on('response', (response) => {
      files.push(new URL(response.url()).pathname);
      sizes.push(
        response
          .finished()
          .then(() => response.request().sizes())
          .then((s) => s.responseHeadersSize + s.responseBodySize),
      );
    });
    await page.goto(url);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.waitForLoadState('networkidle');
    const bytes = (await Promise.all(sizes)).reduce((sum, n) => sum + n, 0);
    return { bytes, files };
  } finally {
    await browser.close();
  }
}

interface LighthouseRun {
  score: number;
  lcpMs: number;
  fcpMs: number;
  tbtMs: number;
  benchmarkIndex: number;
}

/**
 * Lighthouse's default audit (mobile, simulated slow 4G, 4x CPU slowdown), performance only, in
 * one headless Chromium for every run. Lighthouse is loaded here, not at the top, so a machine
 * where it cannot run still gets the other figures.
 */
async function lighthouseRuns(urls: readonly string[], runs: number): Promise<LighthouseRun[][]> {
  const [{ default: lighthouse }, { launch }] = await Promise.all([
    import('lighthouse'),
    import('chrome-launcher'),
  ]);
  const chrome = await launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
  try {
    const results: LighthouseRun[][] = urls.map(() => []);
    // In turn, so a burst of other work on the machine falls on both pages alike.
    for (let run = 0; run < runs; run++)
      for (const [index, url] of urls.entries()) {
        const answer = await lighthouse(url, {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance'],
        });
        const lhr = answer?.lhr;
        const score = lhr?.categories.performance?.score;
        if (!lhr || score === null || score === undefined)
          throw new Error(
            `Lighthouse gave no performance score for ${url}: ${lhr?.runtimeError?.message ?? ''}`,
          );
        for (const warning of lhr.runWarnings) progress(`  Lighthouse warns: ${warning}`);
        const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
        results[index]?.push({
          score: score * 100,
          lcpMs: audit('largest-contentful-paint'),
          fcpMs: audit('first-contentful-paint'),
          tbtMs: audit('total-blocking-time'),
          benchmarkIndex: lhr.environment.benchmarkIndex,
        });
      }
    return results;
  } finally {
    chrome.kill();
  }
}

function runsLine(label: string, runs: readonly LighthouseRun[]): string {
  const each = runs.map(
    (r) =>
      `${r.score.toFixed(0)} (FCP ${r.fcpMs.toFixed(0)}, LCP ${r.lcpMs.toFixed(0)}, TBT ${r.tbtMs.toFixed(0)} ms; CPU index ${r.benchmarkIndex.toFixed(0)})`,
  );
  return `  ${label}: ${each.join(', ')}`;
}

/**
 * The portal's first load on a phone, before signing in (issue 11, item 20): the bytes it
 * downloads, and Lighthouse's mobile performance score and largest contentful paint. The floor is
 * the plainest React page with a sign-in form (bench/portal-floor-page), built, compressed and
 * measured the same way. Lighthouse figures are skipped, with the reason, where it cannot run.
 */
export async function benchPortalFirstLoad(): Promise<Figure[]> {
  progress('portal: building the Customer Portal and the floor page with Vite…');
  await buildPortal();
  const floorDir = mkdtempSync(join(tmpdir(), 'portico-bench-portal-floor-'));
  const scratch = await createTestDatabase('bench');
  let floorServer: Server | undefined;
  try {
    await buildFloor(floorDir);
    floorServer = await serveFloor(floorDir);
    const server = await startAgencyServer({
      ...loadServerConfig({}),
      port: 0,
      dataDir: scratch.dataDir,
      databaseUrl: scratch.databaseUrl,
      seedDemo: false,
    });
    try {
      const portalUrl = `${server.url}/portal/`;
      const floorUrl = `http://127.0.0.1:${(floorServer.address() as AddressInfo).port}/`;
      progress('portal: first load in Chromium, bytes on the wire…');
      const portal = await firstLoadBytes(portalUrl, 'Sign in');
      const floor = await firstLoadBytes(floorUrl, 'Sign in');
      progress(`  portal ${(portal.bytes / 1024).toFixed(1)} KiB: ${portal.files.join(', ')}`);
      progress(`  floor ${(floor.bytes / 1024).toFixed(1)} KiB: ${floor.files.join(', ')}`);
      const figures = [
        boundFigure('portal first load bytes', portal.bytes / 1024, 'KiB', TARGET_KIB, floor.bytes / 1024),
      ];

      progress(`portal: Lighthouse mobile audit, ${LIGHTHOUSE_RUNS} runs each of the portal and the floor…`);
      let audits: LighthouseRun[][];
      try {
        audits = await lighthouseRuns([portalUrl, floorUrl], LIGHTHOUSE_RUNS);
      } catch (error) {
        progress(
          `  Lighthouse could not run, so its two figures are skipped: ${error instanceof Error ? error.message : String(error)}`,
        );
        return figures;
      }
      const [portalRuns = [], floorRuns = []] = audits;
      progress(runsLine('portal', portalRuns));
      progress(runsLine('floor', floorRuns));
      const middle = (runs: readonly LighthouseRun[], pick: (r: LighthouseRun) => number) =>
        median(runs.map(pick));
      figures.push(
        atLeastFigure(
          'portal lighthouse performance',
          middle(portalRuns, (r) => r.score),
          'score',
          TARGET_SCORE,
          middle(floorRuns, (r) => r.score),
        ),
        boundFigure(
          'portal lighthouse lcp',
          middle(portalRuns, (r) => r.lcpMs),
          'ms',
          TARGET_LCP_MS,
          middle(floorRuns, (r) => r.lcpMs),
        ),
      );
      return figures;
    } finally {
      await server.close();
    }
  } finally {
    if (floorServer) {
      const closing = floorServer;
      await new Promise<void>((done) => closing.close(() => done()));
    }
    await scratch.drop();
    rmSync(floorDir, { recursive: true, force: true });
  }
}
