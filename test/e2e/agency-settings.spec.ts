import { expect, test } from '@playwright/test';
import type { AgencyPortalPreferences } from '../../shared/domain/nudges';
import { signIn as apiSignIn } from '../support/test-server';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * Agency settings in the staff app at 800x600: an agency admin sets the agency's quiet hours for
 * nudges and turns staff names on for the client's privacy page; the agency server keeps both.
 * Other staff have no such page.
 */

const WINDOW = { width: 800, height: 600 };

let stack: PorticoStack;

test.beforeAll(async () => {
  // A server and a desktop to start on a shared, busy machine.
  test.setTimeout(240_000);
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

const serverPreferences = async (token: string): Promise<AgencyPortalPreferences> => {
  const answer = await fetch(`${stack.server.url}/api/admin/portal-preferences`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(answer.status).toBe(200);
  return (await answer.json()) as AgencyPortalPreferences;
};

test('an agency admin sets quiet hours and staff names; other staff have no such page', async ({ page }) => {
  test.setTimeout(150_000);
  await page.setViewportSize(WINDOW);
  await signInAsStaff(page, stack.appUrl, 'alex');
  const rail = page.getByRole('navigation', { name: 'Main' });
  await rail.getByRole('link', { name: 'Agency settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Agency settings' })).toBeVisible();

  // The defaults: 9 pm to 8 am, names hidden.
  const from = page.getByLabel('From');
  const until = page.getByLabel('Until');
  const names = page.getByRole('switch', { name: 'Show staff names on the client’s privacy page' });
  await expect(from).toHaveValue('21:00');
  await expect(until).toHaveValue('08:00');
  await expect(names).not.toBeChecked();

  await from.fill('22:30');
  await until.fill('07:00');
  await names.check();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toHaveText(
    'Saved. Quiet hours 22:30 to 07:00; staff names shown.',
  );
  await page.screenshot({ path: screenshotPath('agency-settings') });

  // Kept by the agency server, for Harbor Light only.
  const alex = await apiSignIn(stack.server.url, 'alex');
  expect(await serverPreferences(alex)).toEqual({
    quietHours: { start: '22:30', end: '07:00' },
    showStaffNames: true,
  });
  const taylor = await apiSignIn(stack.server.url, 'taylor');
  expect(await serverPreferences(taylor)).toEqual({
    quietHours: { start: '21:00', end: '08:00' },
    showStaffNames: false,
  });
  // Opened again, the screen shows what the server kept.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Agency settings' })).toBeVisible();
  await expect(page.getByLabel('From')).toHaveValue('22:30');
  await expect(page.getByRole('switch', { name: /Show staff names/ })).toBeChecked();

  // A case manager has no Agency settings, even by address.
  await page.getByRole('button', { name: /Alex Rivera/ }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await signInAsStaff(page, stack.appUrl, 'casey');
  await expect(rail.getByRole('link', { name: 'Agency settings' })).toHaveCount(0);
  await page.goto(`${stack.appUrl}/#/agency-settings`);
  await expect(page.getByRole('heading', { level: 1, name: 'Agency settings' })).toHaveCount(0);
});
