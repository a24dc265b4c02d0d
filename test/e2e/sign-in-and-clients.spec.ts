import { expect, test } from '@playwright/test';
import { demoClients, HARBOR, NORTHSIDE } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, startPorticoStack } from './support/portico-stack';

let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

test('a case manager signs in, finds a client and opens the profile', async ({ page }) => {
  const clients = await demoClients(stack.server.server.db);
  const hidden = clients.find((c) => c.agency === NORTHSIDE && !c.shared);
  const target = clients.find((c) => c.agency === HARBOR && c.shared);
  if (!hidden || !target) throw new Error('demo data changed');

  await page.goto(stack.appUrl);
  await expect(page.getByRole('heading', { name: /sign in/i })).toBeVisible();
  await page.screenshot({ path: screenshotPath('01-sign-in') });

  await page.getByLabel('Username').fill('casey');
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('The username or password is incorrect.');
  await page.screenshot({ path: screenshotPath('02-sign-in-error') });

  await page.getByLabel('Password').fill('Portico#2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const list = page.getByRole('list', { name: 'Clients' });
  await expect(list.getByRole('link').first()).toBeVisible();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /online|up to date/i })
      .first(),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('03-client-list') });

  // Another agency's record that is not shared never reaches this desktop.
  await page.getByLabel('Search clients').fill(hidden.last_name);
  await expect(
    list.getByRole('link', { name: new RegExp(`${hidden.last_name}, ${hidden.first_name}`) }),
  ).toHaveCount(0);

  await page.getByLabel('Search clients').fill(target.last_name);
  const row = list.getByRole('link', { name: new RegExp(`${target.last_name}, ${target.first_name}`) });
  await expect(row).toBeVisible();
  await page.screenshot({ path: screenshotPath('04-client-search') });

  await row.click();
  await expect(page.getByRole('heading', { level: 1, name: new RegExp(target.first_name) })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Care team' })).toBeVisible();
  const tabs = page.getByRole('tablist', { name: 'Client records' });
  for (const tab of [
    'Messages',
    'Customer Portal',
    'Documents',
    'Assessments',
    'Location',
    'Release of Information',
  ]) {
    await expect(tabs.getByRole('tab', { name: tab })).toBeVisible();
  }
  await expect(
    page.getByRole('img', { name: `Photo of ${target.first_name} ${target.last_name}` }),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('05-client-profile'), fullPage: true });
});
