import { resolve } from 'node:path';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import type { AxeResults } from 'axe-core';
import { PORTAL_IDLE_TIMEOUT_MS, PORTAL_IDLE_WARNING_MS } from '../../shared/domain/portal-account';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { demoClientIds, idAt } from '../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../support/test-server';
import { catalogOf, inviteClient, sendRequest, sendRichMessage } from './support/portal-world';
import { screenshotPath, signInToPortal } from './support/portico-stack';

/*
 * Every Customer Portal page at phone size (360×740), scanned with axe-core for WCAG 2.1 A and AA
 * and photographed to test-results/screenshots/portal-*.png. The portal must be built first
 * (npm run build). Injecting axe with addScriptTag adds an inline script, which the portal's CSP
 * rightly refuses, so the scans run with the CSP bypassed; the last test loads the same pages
 * under the real CSP and checks that nothing is refused.
 */

const PHONE = { width: 360, height: 740 };
const AXE_PATH = resolve('node_modules/axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: TestServer;
let casey: string;
let ids: string[];
/** Requests sent to Marcus (demo client 0) for this test, by type. */
const marcusRequests = new Map<string, string>();

test.beforeAll(async () => {
  server = await startTestServer();
  casey = await signIn(server.url, 'casey');
  ids = await demoClientIds(server.server.db);
  const marcus = idAt(ids, 0);
  await sendRichMessage(server.url, casey, marcus);
  const catalog = await catalogOf(server.server.db, 'casey', 'Housing Needs Assessment');
  for (const type of ['assessment', 'document', 'location'] as const)
    marcusRequests.set(type, await sendRequest(server.url, casey, marcus, type, catalog));
});

test.afterAll(async () => {
  await server?.close();
});

const portal = (path = '/') => `${server.url}/portal${path}`;

async function phone(browser: Browser, options: { csp?: boolean } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, bypassCSP: !options.csp, locale: 'en-US' });
}

/** axe-core on the page as it is now; fails on any serious or critical violation. Then a photo. */
async function scan(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ path: AXE_PATH });
  const results = await page.evaluate((tags) => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<AxeResults> } }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: tags } });
  }, WCAG_TAGS);
  const serious = results.violations.filter(
    (violation) => violation.impact === 'serious' || violation.impact === 'critical',
  );
  const report = serious
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`)
    .join('\n');
  await page.screenshot({ path: screenshotPath(`portal-${name}`), fullPage: true });
  expect(serious, `axe on ${name}:\n${report}`).toEqual([]);
}

/** The five sections; named "Main" in English, "Principal" in Spanish. */
const nav = (page: Page) => page.getByRole('navigation');

test('every signed-in page passes axe at phone size, in English and in Spanish', async ({ browser }) => {
  // Twenty-odd scans of a few seconds each.
  test.setTimeout(240_000);
  const context = await phone(browser);
  const page = await context.newPage();

  await page.goto(portal());
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await scan(page, 'sign-in');
  await page.getByLabel('Username').fill('marcus');
  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is incorrect.');
  await scan(page, 'sign-in-error');

  await signInToPortal(page, server.url, 'marcus');
  await expect(page.getByRole('heading', { name: 'Requests for you' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your care team' })).toBeVisible();
  await expect(page.getByText('Casey Morgan').first()).toBeVisible();
  await scan(page, 'dashboard');

  await nav(page).getByRole('link', { name: 'Messages' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Messages' })).toBeVisible();
  const threads = page.getByRole('list', { name: 'Conversations' });
  await expect(threads.getByRole('link').first()).toBeVisible();
  await scan(page, 'messages');

  // The thread with the picture, the table and the link.
  await threads.getByRole('link', { name: /Casey Morgan/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Casey Morgan' })).toBeVisible();
  const picture = page.getByRole('img', { name: 'Map of the meeting place by the park' });
  await expect(picture).toBeVisible();
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  const link = page.getByRole('link', { name: /the transit site/ });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  const table = page.getByRole('region', { name: /Table/ });
  await expect(table.getByRole('table')).toBeVisible();
  // The table is wider than the phone: it scrolls inside its region, the page does not.
  expect(await table.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await scan(page, 'thread');

  await page.getByLabel('Your reply').fill('Thank you! See you Thursday.\n\nI will bring <my> ID.');
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('I will bring <my> ID.')).toBeVisible();
  await scan(page, 'thread-replied');

  await page.getByRole('link', { name: 'All messages' }).click();
  await page.getByRole('link', { name: 'New message' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'New message' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Casey Morgan/ })).toBeVisible();
  await scan(page, 'new-message');

  await nav(page).getByRole('link', { name: 'Requests' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Requests' })).toBeVisible();
  await expect(page.getByRole('link', { name: /Housing Needs Assessment/ })).toBeVisible();
  await scan(page, 'requests');

  await page.goto(portal(`/requests/${marcusRequests.get('assessment')}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();
  const send = page.getByRole('button', { name: 'Send answers' });
  await expect(send).toBeDisabled();
  await expect(page.getByLabel('Assessment date')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await scan(page, 'request-assessment');

  await page.goto(portal(`/requests/${marcusRequests.get('document')}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await scan(page, 'request-document');
  await page.getByLabel('Choose files').setInputFiles([
    { name: 'lease-page-1.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(20 * 1024 * 1024) },
    {
      name: 'lease-page-2.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.alloc(MAX_UPLOAD_BYTES - 18 * 1024 * 1024),
    },
  ]);
  // Checked before sending: the product's exact words, then how much to take away.
  await expect(
    page.getByRole('alert').getByText(PRODUCT_TEXTS.invalidFileSize, { exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('at least 2 MB smaller');
  await expect(page.getByRole('button', { name: 'Upload', exact: true })).toBeDisabled();
  await scan(page, 'request-document-too-large');

  await page.goto(portal(`/requests/${marcusRequests.get('location')}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Location' })).toBeVisible();
  await scan(page, 'request-location');
  await context.setGeolocation(null);
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page.getByRole('alert')).toContainText(/did not allow|cannot share/);
  await scan(page, 'request-location-refused');

  await nav(page).getByRole('link', { name: 'Documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Documents' })).toBeVisible();
  await scan(page, 'documents');

  // This server sends no email or texts (no SMTP_URL, SMS_URL): Settings says notices are off.
  await nav(page).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByText(/Notices by email or text are off/)).toBeVisible();
  await scan(page, 'settings-off');
  await page.getByRole('link', { name: 'Who can see my record, and who looked at it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My privacy' })).toBeVisible();
  await expect(page.locator('.reason-list')).toContainText('Harbor Light Outreach keeps your record.');
  await scan(page, 'privacy');

  await page.goto(portal('/no/such/page'));
  await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
  await scan(page, 'not-found');
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await nav(page).getByRole('link', { name: 'Documents' }).click();

  // Spanish, chosen on any page and remembered.
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Documentos' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await scan(page, 'es-documents');
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Documentos' })).toBeVisible();
  await nav(page).getByRole('link', { name: 'Inicio' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hola, Marcus' })).toBeVisible();
  await scan(page, 'es-dashboard');
  await nav(page).getByRole('link', { name: 'Mensajes' }).click();
  await page
    .getByRole('list', { name: 'Conversaciones' })
    .getByRole('link', { name: /Casey Morgan/ })
    .click();
  await expect(page.getByRole('img', { name: 'Map of the meeting place by the park' })).toBeVisible();
  await scan(page, 'es-thread');
  await page.goto(portal(`/requests/${marcusRequests.get('assessment')}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Evaluación' })).toBeVisible();
  await scan(page, 'es-request-assessment');
  await page.goto(portal('/privacy'));
  await expect(page.getByRole('heading', { level: 1, name: 'Mi privacidad' })).toBeVisible();
  await expect(page.locator('.reason-list')).toContainText('Harbor Light Outreach guarda su expediente.');
  await scan(page, 'es-privacy');
  await nav(page).getByRole('link', { name: 'Ajustes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ajustes' })).toBeVisible();
  await scan(page, 'es-settings-off');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Iniciar sesión' })).toBeVisible();
  await scan(page, 'es-sign-in');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await context.close();
});

test('a client joins from an invitation and signs a release of information', async ({ browser }) => {
  const devon = idAt(ids, 6);
  const context = await phone(browser);
  const page = await context.newPage();

  // An expired link says so, in words the client can act on.
  const stale = await inviteClient(server.url, casey, idAt(ids, 8));
  await server.server.db.query(
    `UPDATE portal_invites SET expires_at = now() - interval '1 day' WHERE client_id = $1::uuid AND status = 'pending'`,
    [idAt(ids, 8)],
  );
  await page.goto(stale);
  await expect(page.getByRole('alert')).toHaveText(
    'This invitation has expired. Ask your case manager for a new one.',
  );
  await scan(page, 'join-expired');

  const link = await inviteClient(server.url, casey, devon);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  await expect(page.getByText('Welcome, Devon!')).toBeVisible();
  await scan(page, 'join');

  await page.getByLabel('Username').fill('devon');
  await page.getByLabel(/^Password/).fill('short');
  await page.getByLabel('Type the password again').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(
    page
      .getByText(
        'Use at least 10 characters, with at least one letter and one number. Common passwords such as “password123” are not accepted.',
      )
      .last(),
  ).toBeVisible();
  await scan(page, 'join-error');
  await page.getByLabel(/^Password/).fill('walk2thepark');
  await page.getByLabel('Type the password again').fill('walk2thepark');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Hello, Devon' })).toBeVisible();

  const catalog = await catalogOf(server.server.db, 'casey', 'Housing Needs Assessment');
  const roi = await sendRequest(server.url, casey, devon, 'roi', catalog);
  await page.goto(portal(`/requests/${roi}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Release of Information' })).toBeVisible();
  await expect(page.getByText('What is shared')).toBeVisible();
  await scan(page, 'request-roi');
  const devonName = await server.server.db.query<{ name: string }>(
    `SELECT first_name || ' ' || last_name AS name FROM clients WHERE id = $1::uuid`,
    [devon],
  );
  await page.getByLabel('Your full name').fill(devonName.rows[0]?.name ?? '');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await scan(page, 'request-done');
  await context.close();
});

test('warns before signing an idle client out, then signs them out', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  await page.clock.install();
  await signInToPortal(page, server.url, 'aaliyah');
  await page.clock.fastForward(PORTAL_IDLE_TIMEOUT_MS - PORTAL_IDLE_WARNING_MS + 30_000);
  const warning = page.getByRole('dialog', { name: 'Are you still there?' });
  await expect(warning).toBeVisible();
  await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await scan(page, 'idle-warning');
  await page.clock.fastForward(PORTAL_IDLE_WARNING_MS);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByText(/signed out after 30 minutes without activity/)).toBeVisible();
  await scan(page, 'signed-out-idle');
  await context.close();
});

test('the pages run under their strict Content Security Policy without a refusal', async ({ browser }) => {
  const context = await phone(browser, { csp: true });
  const page = await context.newPage();
  const refusals: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
  });
  const first = await page.goto(portal());
  expect(first?.headers()['content-security-policy']).toContain("default-src 'none'");
  await signInToPortal(page, server.url, 'marcus');
  for (const path of [
    '/messages',
    '/requests',
    '/documents',
    '/settings',
    '/privacy',
    `/requests/${marcusRequests.get('assessment')}`,
  ]) {
    await page.goto(portal(path));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  }
  await page.goto(portal('/messages'));
  await page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('link', { name: /Casey Morgan/ })
    .click();
  const picture = page.getByRole('img', { name: 'Map of the meeting place by the park' });
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
  expect(refusals).toEqual([]);
  await context.close();
});
