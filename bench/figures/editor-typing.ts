import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import { build } from 'vite';
import { progress } from '../lib/progress';
import { percentile } from '../lib/stats';
import { boundFigure, type Figure } from '../report';

const PAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../editor-page');
const KEYSTROKES = 200;
const BOUND_MS = 16;
const TEXT = 'Called the landlord, she agreed to hold the unit until Friday. ';
/** What the bench page puts on its window (see editor-page/main.tsx); this file has no DOM types. */
interface BenchPage {
  benchSamples: number[];
  benchReady?: boolean;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Builds the bench page as the renderer is built for release: Vite, production React. */
async function buildPage(outDir: string): Promise<void> {
  await build({
    root: PAGE_ROOT,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
}

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://bench').pathname;
    const file = normalize(join(root, path === '/' ? 'index.html' : path));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

/** Types KEYSTROKES characters at the end of paragraph 100 of `editable`; returns the page's samples. */
async function typeInto(page: Page, editable: string): Promise<number[]> {
  const paragraph = page.locator(`${editable} > :nth-child(100)`);
  await paragraph.click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    (globalThis as unknown as BenchPage).benchSamples = [];
  });
  for (let i = 0; i < KEYSTROKES; i++) {
    await page.keyboard.type(TEXT[i % TEXT.length] ?? 'x');
    await page.waitForFunction(
      (count) => (globalThis as unknown as BenchPage).benchSamples.length >= count,
      i + 1,
      { polling: 'raf' },
    );
  }
  return page.evaluate(() => (globalThis as unknown as BenchPage).benchSamples);
}

/**
 * Figure 6b: typing into the project's RichTextEditor holding 200 paragraphs, in Chromium, beside
 * the same typing into a plain contenteditable with the same paragraphs (the floor).
 */
export async function benchEditorTyping(): Promise<Figure[]> {
  const outDir = mkdtempSync(join(tmpdir(), 'portico-bench-editor-'));
  progress('editor: building the bench page with Vite…');
  await buildPage(outDir);
  const server = await serve(outDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const { port } = server.address() as AddressInfo;
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => (globalThis as unknown as BenchPage).benchReady === true);
    await page.locator('[data-slate-editor] > :nth-child(200)').waitFor();
    progress(`editor: typing ${KEYSTROKES} characters into the editor and into a plain contenteditable…`);
    // A few keystrokes first in each, so neither is measured while the page is still warming up.
    const warm = async (editable: string) => {
      await page.locator(`${editable} > :nth-child(1)`).click();
      await page.keyboard.type('ok ');
    };
    await warm('[data-slate-editor]');
    await warm('#plain');
    const editor = await typeInto(page, '[data-slate-editor]');
    const plain = await typeInto(page, '#plain');
    return [
      boundFigure(
        'editor: keystroke in a 200-paragraph document, p50',
        percentile(editor, 50),
        'ms',
        BOUND_MS,
        percentile(plain, 50),
      ),
      boundFigure(
        'editor: keystroke in a 200-paragraph document, p99',
        percentile(editor, 99),
        'ms',
        BOUND_MS,
        percentile(plain, 99),
      ),
    ];
  } finally {
    await browser.close();
    await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
    rmSync(outDir, { recursive: true, force: true });
  }
}
