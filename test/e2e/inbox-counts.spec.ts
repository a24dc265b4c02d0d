import { expect, test } from '@playwright/test';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * Issue 11, items 2 and 3: with 1 unread conversation and 7 unread notifications the Inbox badge
 * said 15 and the Unread tab 8 over one row; and writing to the client from their profile marked
 * their unread message read, nobody having opened it.
 */

let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

interface UnreadThread {
  id: string;
  client_id: string;
  client_name: string;
}

/** Casey's Inbox made to hold exactly 1 unread conversation and 7 unread notifications. */
async function arrangeCaseysInbox(): Promise<UnreadThread> {
  const db = stack.server.server.db;
  const chosen = await db.query<UnreadThread>(
    `SELECT t.id::text AS id, t.client_id::text AS client_id, c.first_name || ' ' || c.last_name AS client_name
       FROM threads t JOIN users u ON u.id = t.staff_id JOIN clients c ON c.id = t.client_id
      WHERE u.username = 'casey' ORDER BY t.last_message_at DESC LIMIT 1`,
  );
  const thread = chosen.rows[0];
  if (!thread) throw new Error('demo data changed: casey has no conversation');
  await db.query(
    `UPDATE threads SET staff_unread = (id = $1::uuid)
      WHERE staff_id = (SELECT id FROM users WHERE username = 'casey') AND staff_unread <> (id = $1::uuid)`,
    [thread.id],
  );
  await db.query(
    `UPDATE staff_notifications SET read = true
      WHERE staff_id = (SELECT id FROM users WHERE username = 'casey') AND NOT read`,
  );
  await db.query(
    `INSERT INTO staff_notifications (staff_id, kind, client_id, title, body)
     SELECT u.id, 'request_fulfilled', $1::uuid, 'Document received ' || n, 'A document came in.'
       FROM users u CROSS JOIN generate_series(1, 7) AS n WHERE u.username = 'casey'`,
    [thread.client_id],
  );
  return thread;
}

test('the Inbox badge counts each unread item once, every tab counts its rows, and writing is not reading', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const thread = await arrangeCaseysInbox();
  await signInAsStaff(page, stack.appUrl);

  const rail = page.getByRole('navigation', { name: 'Main' });
  await expect(rail.getByRole('link', { name: 'Inbox, 8 unread' })).toBeVisible();
  await expect(rail.getByRole('link', { name: /^Inbox/ })).toContainText('8');

  await rail.getByRole('link', { name: /^Inbox/ }).click();
  const unreadTab = page.getByRole('tab', { name: /^Unread/ });
  const notificationsTab = page.getByRole('tab', { name: /^Notifications/ });
  await expect(unreadTab.locator('.count-badge')).toHaveText('1');
  await expect(notificationsTab.locator('.count-badge')).toHaveText('7');
  await expect(page.getByRole('tab', { name: /^Read Messages/ }).locator('.count-badge')).toHaveCount(0);
  const unreadList = page.getByRole('list', { name: 'Unread messages' });
  await expect(unreadList.getByRole('listitem')).toHaveCount(1);
  await expect(unreadList.getByRole('listitem').first()).toContainText(thread.client_name);
  await page.screenshot({ path: screenshotPath('80-inbox-counts-unread') });

  await notificationsTab.click();
  const notificationList = page.getByRole('list', { name: 'Notifications' });
  await expect(notificationList.getByRole('listitem').filter({ hasText: ', unread' })).toHaveCount(7);
  await page.screenshot({ path: screenshotPath('81-inbox-counts-notifications') });

  // Writing to the client from their profile leaves their message unread: badge, tab and dot.
  await page.goto(`${stack.appUrl}/#/clients/${thread.client_id}`);
  await expect(page.getByRole('heading', { level: 1, name: thread.client_name })).toBeVisible();
  await page.getByRole('button', { name: 'SEND MESSAGE' }).click();
  const dialog = page.getByRole('dialog', { name: 'CREATE A MESSAGE' });
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await page.keyboard.type('Checking in before Thursday.');
  await dialog.getByRole('button', { name: 'SEND MESSAGE' }).click();
  await expect(dialog).toBeHidden();
  const stored = async () => {
    const result = await stack.server.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM messages WHERE thread_id = $1::uuid AND body_text = 'Checking in before Thursday.'`,
      [thread.id],
    );
    return result.rows[0]?.n ?? 0;
  };
  await expect.poll(stored).toBe(1);
  await rail.getByRole('link', { name: /^Inbox/ }).click();
  await unreadTab.click();
  const row = unreadList.getByRole('listitem').filter({ hasText: thread.client_name });
  await expect(row).toContainText('You: Checking in before Thursday.');
  await expect(row).toContainText(', unread');
  await expect(unreadTab.locator('.count-badge')).toHaveText('1');
  await expect(rail.getByRole('link', { name: 'Inbox, 8 unread' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('82-inbox-unread-after-writing') });

  // Opening the conversation is what reads it.
  await row.getByRole('button', { name: 'Read', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Messages' })).toContainText('Checking in before Thursday.');
  await expect(rail.getByRole('link', { name: 'Inbox, 7 unread' })).toBeVisible();
  await rail.getByRole('link', { name: /^Inbox/ }).click();
  await expect(unreadTab.locator('.count-badge')).toHaveCount(0);
  await expect(unreadList).toHaveCount(0);
  await expect(notificationsTab.locator('.count-badge')).toHaveText('7');
});
