import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../../server/seed/demo-data';
import { type DesktopProcess, startDesktop } from '../../support/desktop-process';
import { DEMO_PORTAL_PASSWORD } from '../../support/portal-client';
import { startTestServer, type TestServer } from '../../support/test-server';

export interface PorticoStack {
  server: TestServer;
  desktop: DesktopProcess;
  /** The renderer, served by the desktop's browser host. */
  appUrl: string;
  close(): Promise<void>;
}

/**
 * A fresh agency server with the demo data and one desktop (browser host) serving the built renderer.
 * `desktopEnv`: extra environment for the desktop, e.g. PORTICO_IDLE_LOCK_MS to lock within seconds.
 */
export async function startPorticoStack(
  options: {
    desktopEnv?: Record<string, string>;
    /** The agency server's options (SMTP_URL, SMS_URL, a nudge clock …). */
    server?: Parameters<typeof startTestServer>[0];
  } = {},
): Promise<PorticoStack> {
  const server = await startTestServer(options.server);
  const desktop = await startDesktop({
    serverUrl: server.url,
    dataDir: mkdtempSync(join(tmpdir(), 'portico-e2e-')),
    ...(options.desktopEnv ? { env: options.desktopEnv } : {}),
  });
  return {
    server,
    desktop,
    appUrl: desktop.url,
    async close() {
      await desktop.stop();
      await server.close();
    },
  };
}

/** Where screenshots go; CI keeps test-results/ as an artifact. */
export function screenshotPath(name: string): string {
  return join('test-results', 'screenshots', `${name}.png`);
}

/**
 * Signs a staff member (Casey, by default) in to the desktop app and waits until it has synced:
 * what most staff specs do first.
 */
export async function signInAsStaff(page: Page, appUrl: string, username = 'casey'): Promise<void> {
  await page.goto(appUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /online|up to date/i })
      .first(),
  ).toBeVisible();
}

/**
 * Signs a client in to the Customer Portal served by `serverUrl` (the demo clients share one
 * password) and waits for the home page's greeting.
 */
export async function signInToPortal(page: Page, serverUrl: string, username: string): Promise<void> {
  await page.goto(`${serverUrl}/portal/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();
}

/** Opens a client's profile from Clients, by searching their last name as staff do. */
export async function openClientProfile(
  page: Page,
  client: { firstName: string; lastName: string },
): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients', exact: true })
    .click();
  await page.getByLabel('Search clients').fill(client.lastName);
  await page
    .getByRole('list', { name: 'Clients' })
    .getByRole('link', { name: new RegExp(`${client.lastName}, ${client.firstName}`) })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: `${client.firstName} ${client.lastName}` }),
  ).toBeVisible();
}
