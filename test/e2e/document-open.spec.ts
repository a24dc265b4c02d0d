import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { OPEN_REFUSALS } from '../../shared/domain/document-viewing';
import { demoClients, HARBOR } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * Open on a document's file in the browser host: the file shows in a new tab, served so that even
 * a hostile upload cannot act as part of Portico; what a browser must not show is refused with the
 * reason, and Save still downloads it.
 */
let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

test('Open shows a document in a new tab, sandboxed, and says why when a file cannot be shown', async ({
  page,
}) => {
  const client = (await demoClients(stack.server.server.db)).find((c) => c.agency === HARBOR);
  if (!client) throw new Error('demo data changed: no Harbor client');
  const folder = mkdtempSync(join(tmpdir(), 'portico-e2e-open-'));
  const letter = join(folder, 'letter.txt');
  const hostile = join(folder, 'hostile.html');
  // Markup inside a text file: shown as text, never run.
  writeFileSync(letter, '<script>document.title = "ran"</script>Rent is due on the 1st.\n');
  writeFileSync(hostile, '<script>fetch("/host/staging", { method: "POST", body: "x" })</script>Hello');

  await signInAsStaff(page, stack.appUrl);
  await page.getByLabel('Search clients').fill(client.last_name);
  await page
    .getByRole('list', { name: 'Clients' })
    .getByRole('link', { name: new RegExp(`${client.last_name}, ${client.first_name}`) })
    .click();
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByRole('button', { name: 'Add document' }).click();
  const add = page.getByRole('dialog', { name: 'Add document' });
  // Cancel in the file chooser fires a bubbling `cancel` at the input: the dialog stays open.
  await add
    .locator('input[type="file"]')
    .evaluate((input) => input.dispatchEvent(new Event('cancel', { bubbles: true })));
  await expect(add).toBeVisible();
  await add.getByLabel('Category').selectOption({ label: 'Housing' });
  await add.getByLabel('Name', { exact: true }).fill('Landlord letters');
  await add.locator('input[type="file"]').setInputFiles([letter, hostile]);
  await add.getByRole('button', { name: 'Add document' }).click();
  await expect(add).toBeHidden();
  const record = page.getByRole('article', { name: 'Landlord letters' }).first();

  // Open: a new tab shows the file.
  const popup = page.waitForEvent('popup');
  await record.getByRole('button', { name: 'Open letter.txt' }).click();
  const tab = await popup;
  await tab.waitForURL(/\/host\/open\/[\w-]{43}\/letter\.txt$/);
  await expect(tab.locator('body')).toContainText('<script>document.title = "ran"</script>Rent is due');
  // Its own opaque origin, no way back to Portico's window, nothing run.
  expect(
    await tab.evaluate(() => [self.origin, window.opener, document.contentType, document.title]),
  ).toEqual(['null', null, 'text/plain', '']);
  await tab.screenshot({ path: screenshotPath('50-document-opened-in-tab') });

  // The URL is served only to this app's pages and only while its token lasts.
  const url = tab.url();
  const served = await fetch(url);
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  expect(served.headers.get('x-content-type-options')).toBe('nosniff');
  expect(served.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
  expect((await fetch(url, { headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  const guessed = url.replace(/\/host\/open\/[\w-]{43}\//, `/host/open/${'A'.repeat(43)}/`);
  expect((await fetch(guessed)).status).toBe(404);
  await tab.close();

  // An HTML file is not shown from the app's origin at all: Open says why, Save still keeps a copy.
  const pages = page.context().pages().length;
  await record.getByRole('button', { name: 'Open hostile.html' }).click();
  await expect(record.getByRole('alert')).toHaveText(OPEN_REFUSALS.notInBrowser('hostile.html'));
  expect(page.context().pages()).toHaveLength(pages);
  await page.screenshot({ path: screenshotPath('51-document-open-refused') });
  const download = page.waitForEvent('download');
  await record.getByRole('button', { name: 'Save hostile.html' }).click();
  expect((await download).suggestedFilename()).toBe('hostile.html');
});
