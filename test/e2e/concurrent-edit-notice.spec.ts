import { expect, test } from '@playwright/test';
import type { FieldEdit } from '../../shared/replication/protocol';
import { currentClient, type Doc, push } from '../support/api';
import { demoClients, HARBOR } from '../support/demo-lookup';
import { signIn } from '../support/test-server';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * Issue 14, "no silent overwrite", as Priya sees it: she changed a client's phone offline, Casey
 * changed it a second later and synced first; when her desktop synced, Casey's value stayed. Her
 * Inbox tells her so, with both values, and opening it shows the client's profile with the value
 * that stayed. The two pushes are the ones their desktops send (HTTP, with fieldEdits).
 */

let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

async function pushPhone(token: string, base: Doc<'clients'>, phone: string, at: number): Promise<void> {
  const fieldEdits: Record<string, FieldEdit> = {
    phone: { from: base.phone, at: new Date(at).toISOString() },
  };
  const answer = await push(stack.server.url, token, 'clients', [
    { assumedMasterState: base, newDocumentState: { ...base, phone }, fieldEdits },
  ]);
  expect(answer.refusals).toEqual([]);
}

test('the staff member whose change did not stay is told in the Inbox, with both values', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const client = (await demoClients(stack.server.server.db)).find((row) => row.agency === HARBOR);
  if (!client) throw new Error('no Harbor client');
  const [casey, priya] = await Promise.all([
    signIn(stack.server.url, 'casey'),
    signIn(stack.server.url, 'priya'),
  ]);
  const base = await currentClient(stack.server.url, casey, client.id);
  const priyaEditedAt = Date.now() - 120_000;
  await pushPhone(casey, base, '(555) 222-0202', priyaEditedAt + 1000);
  await pushPhone(priya, base, '(555) 111-0101', priyaEditedAt);

  await signInAsStaff(page, stack.appUrl, 'priya');
  const rail = page.getByRole('navigation', { name: 'Main' });
  await rail.getByRole('link', { name: /^Inbox/ }).click();
  await page.getByRole('tab', { name: /^Notifications/ }).click();
  const row = page
    .getByRole('list', { name: 'Notifications' })
    .getByRole('listitem')
    .filter({ hasText: 'phone number was not kept' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(
    `Your change to ${client.first_name} ${client.last_name}’s phone number was not kept`,
  );
  await expect(row).toContainText('“(555) 111-0101”');
  await expect(row).toContainText('“(555) 222-0202”');
  await expect(row).toContainText(', unread');
  await page.screenshot({ path: screenshotPath('90-concurrent-edit-notice') });
  // The smallest window the app supports still shows the whole text: both values are the point.
  await page.setViewportSize({ width: 800, height: 600 });
  const body = row.locator('.thread-row__preview');
  await expect(body).toContainText('If yours is the right one, change it again.');
  expect(await body.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await page.screenshot({ path: screenshotPath('90b-concurrent-edit-notice-800') });

  await row.getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('heading', { name: `${client.first_name} ${client.last_name}` })).toBeVisible();
  await expect(page.getByText('(555) 222-0202')).toBeVisible();
  await page.screenshot({ path: screenshotPath('91-concurrent-edit-profile') });
});
