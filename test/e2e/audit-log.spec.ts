import { expect, type Page, test } from '@playwright/test';
import { type PorticoStack, screenshotPath, startPorticoStack } from './support/portico-stack';

let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(stack.appUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('Portico#2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
}

test('an agency admin reads the agency’s audit log; other staff have no such page', async ({ page }) => {
  await signIn(page, 'alex');
  // Open a client record, so the log has a view to show.
  const first = page.getByRole('list', { name: 'Clients' }).getByRole('link').first();
  await first.click();
  await expect(page.getByRole('heading', { name: 'Care team' })).toBeVisible();
  const clientName = (await page.getByRole('heading', { level: 1 }).textContent())?.trim() ?? '';
  expect(clientName).not.toBe('');

  const rail = page.getByRole('navigation', { name: 'Main' });
  await rail.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { name: 'Audit log', level: 1 })).toBeVisible();
  const table = page.getByRole('table');
  await expect(table.getByRole('row').filter({ hasText: 'Signed in' }).first()).toBeVisible();
  await expect(table.getByRole('row').filter({ hasText: 'Alex Rivera' }).first()).toBeVisible();
  // Views reach the log from the desktop's queue once it is online.
  await expect
    .poll(
      async () => {
        await page.getByLabel('Show').selectOption({ label: 'Client records' });
        await page.getByLabel('Show').selectOption({ label: 'Everything' });
        return table.getByRole('row').filter({ hasText: 'Viewed a client record' }).count();
      },
      { timeout: 45_000, intervals: [2_000] },
    )
    .toBeGreaterThan(0);
  // The view names the client it was of, from this desktop's own copy of the client list.
  const view = table.getByRole('row').filter({ hasText: 'Viewed a client record' }).first();
  await expect(view.getByRole('cell', { name: clientName, exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('90-audit-log') });

  await page.getByRole('button', { name: /Alex Rivera/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signIn(page, 'casey');
  await expect(rail.getByRole('link', { name: 'Audit log' })).toHaveCount(0);
});
