import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type Browser, type BrowserContext, expect, type Page, type Response, test } from '@playwright/test';
import { DEFAULT_PORTAL_DIR } from '../../server/portal-host/routes';
import { DEMO_PORTAL_PASSWORD } from '../support/portal-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { screenshotPath } from './support/portico-stack';

/*
 * What a client's phone downloads and meets when it opens the Customer Portal before signing in:
 * Clients often browse on prepaid data over slow networks. The first load must stay small, fetch
 * no other page's code and only the language shown, and make no request that fails (nor log an
 * error). Needs the built portal (npm run build).
 */

const PHONE = { width: 390, height: 844 };
const FIRST_LOAD_LIMIT = 150 * 1024;

let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer();
});

test.afterAll(async () => {
  await server?.close();
});

const portal = (path = '/') => `${server.url}/portal${path}`;

function phone(browser: Browser, locale = 'en-US'): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale });
}

/** Everything that went wrong on a page: failed requests, error answers, console errors. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) =>
    problems.push(`failed ${request.url()}: ${request.failure()?.errorText ?? ''}`),
  );
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return problems;
}

/** Every answer the page received, with the bytes it took on the wire (headers and encoded body). */
function watchTransfers(page: Page): { url: string; bytes: Promise<number> }[] {
  const transfers: { url: string; bytes: Promise<number> }[] = [];
  page.on('response', (response: Response) => {
    transfers.push({
      url: response.url(),
      bytes: response
        .finished()
        .then(() => response.request().sizes())
        .then((sizes) => sizes.responseHeadersSize + sizes.responseBodySize),
    });
  });
  return transfers;
}

/** The portal's pages other than sign-in, by their module names (server/portal/src/pages). */
function otherPages(): string[] {
  const pages = readdirSync(resolve('server/portal/src/pages'))
    .filter((name) => name.endsWith('Page.tsx') && name !== 'SignInPage.tsx')
    .map((name) => basename(name, '.tsx'));
  expect(pages.length).toBeGreaterThan(5);
  return pages;
}

const assetFiles = () => readdirSync(join(DEFAULT_PORTAL_DIR, 'assets'));

test('opening the portal before signing in fails no request and logs no error', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  const problems = watchProblems(page);
  await page.goto(portal());
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);

  // Signed in, each section fetches its own page; signing out and reloading stays clean too.
  await page.getByLabel('Username').fill('marcus');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();
  for (const [link, heading] of [
    ['Messages', 'Messages'],
    ['Requests', 'Requests'],
    ['Documents', 'Documents'],
  ] as const) {
    await page.getByRole('navigation').getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(problems).toEqual([]);
  await context.close();
});

test('the sign-in page downloads at most 150 KiB, no other page and one language', async ({ browser }) => {
  const pages = otherPages();
  for (const [locale, shown, other, title] of [
    ['en-US', 'en', 'es', 'Sign in'],
    ['es-US', 'es', 'en', 'Iniciar sesión'],
  ] as const) {
    const context = await phone(browser, locale);
    const page = await context.newPage();
    const transfers = watchTransfers(page);
    await page.goto(portal());
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
    await page.waitForLoadState('networkidle');
    const urls = transfers.map((t) => new URL(t.url).pathname);
    const bytes = (await Promise.all(transfers.map((t) => t.bytes))).reduce((sum, n) => sum + n, 0);
    expect(bytes, `${locale}: ${urls.join(', ')}`).toBeLessThanOrEqual(FIRST_LOAD_LIMIT);
    for (const name of pages)
      expect(
        urls.filter((url) => url.includes(`/assets/${name}-`)),
        `${locale} loaded ${name}`,
      ).toEqual([]);
    expect(urls.some((url) => url.includes(`/assets/${shown}-`))).toBe(true);
    expect(urls.filter((url) => url.includes(`/assets/${other}-`))).toEqual([]);
    await context.close();
  }
  const assets = assetFiles();
  // The pages really are chunks of their own, and so are the two dictionaries.
  for (const name of [...pages, 'en', 'es'])
    expect(
      assets.some((file) => file.startsWith(`${name}-`) && file.endsWith('.js')),
      `no chunk for ${name}`,
    ).toBe(true);
});

test('the other language comes on demand, and says so when it cannot', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  await page.goto(portal());
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Could not reach the agency. Check your connection and try again.',
  );
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('portal-language-offline') });

  await context.setOffline(false);
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await context.close();
});

test('a page whose code cannot be downloaded says so and offers to reload', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  // As when the connection drops, or a newer portal on the server replaced the page's chunk.
  const dashboardChunk = /\/portal\/assets\/DashboardPage-[^/]+\.js$/;
  await page.route(dashboardChunk, (route) => route.abort('internetdisconnected'));
  await page.goto(portal());
  await page.getByLabel('Username').fill('aaliyah');
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Could not reach the agency.');
  await expect(page.getByRole('heading', { level: 1, name: 'This page did not open' })).toBeVisible();
  // The rest of the portal still works around it.
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Messages' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('portal-page-not-downloaded') });

  await page.unroute(dashboardChunk);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('portal-first-load-dashboard') });
  await context.close();
});
