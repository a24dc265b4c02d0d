import { expect, test } from '@playwright/test';
import { HARBOR } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * Issue 11, item 4: writing to a client with no Customer Portal account ("Not Connected") said
 * "Message sent". The dialog now says before sending that they are not connected and will see it
 * only once they are, and offers the invitation; the message shows that it waits, wherever staff
 * see it, until the client joins.
 */

let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

interface DemoClient {
  id: string;
  first_name: string;
  last_name: string;
}

/** A Harbor client of casey's with no portal account, no invitation and no conversation yet. */
async function unconnectedClient(): Promise<DemoClient> {
  const result = await stack.server.server.db.query<DemoClient>(
    `SELECT c.id::text AS id, c.first_name, c.last_name
       FROM clients c JOIN agencies a ON a.id = c.agency_id
       JOIN care_team ct ON ct.client_id = c.id AND ct.end_date IS NULL
       JOIN users u ON u.id = ct.staff_id AND u.username = 'casey'
      WHERE a.name = $1
        AND NOT EXISTS (SELECT 1 FROM client_accounts ca WHERE ca.client_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM portal_invites i WHERE i.client_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM threads t WHERE t.client_id = c.id)
      ORDER BY c.last_name DESC LIMIT 1`,
    [HARBOR],
  );
  const client = result.rows[0];
  if (!client) throw new Error('demo data changed: no unconnected client of casey');
  return client;
}

test('a message to a client not connected to the portal says so, waits for them, and is delivered when they join', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const client = await unconnectedClient();
  const name = `${client.first_name} ${client.last_name}`;
  const waiting = `Not delivered yet: ${name} is not connected to the Customer Portal.`;
  await signInAsStaff(page, stack.appUrl);
  await page.goto(`${stack.appUrl}/#/clients/${client.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // Before sending: the dialog says it, and offers the invitation.
  await page.getByRole('button', { name: 'SEND MESSAGE' }).click();
  const dialog = page.getByRole('dialog', { name: 'CREATE A MESSAGE' });
  const notice = dialog.getByRole('region', { name: 'Not connected to the Customer Portal' });
  await expect(notice).toContainText(
    `${name} is not connected to the Customer Portal. They will see this message only once they connect.`,
  );
  await expect(notice.getByRole('button', { name: 'Create invitation link' })).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await page.keyboard.type('Your voucher meeting is on Monday at 10.');
  await page.screenshot({ path: screenshotPath('90-compose-not-connected') });
  await dialog.getByRole('button', { name: 'SEND MESSAGE' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByText(`Message saved: ${name} will see it once connected to the Customer Portal`),
  ).toBeVisible();
  await expect(page.getByText('Message sent', { exact: true })).toHaveCount(0);

  // Where staff see it: the client's Messages tab, and the conversation.
  const row = page
    .getByRole('list', { name: /conversations/i })
    .getByRole('listitem')
    .filter({ hasText: 'Your voucher meeting' });
  await expect(row).toContainText('Not delivered yet');
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('90b-profile-messages-not-delivered') });
  await row.getByRole('button', { name: 'Read', exact: true }).click();
  const sent = page
    .getByRole('list', { name: 'Messages' })
    .getByRole('article')
    .filter({ hasText: 'Your voucher meeting' });
  await expect(sent).toContainText(waiting);
  // The reply box says it too, and offers the invitation where the next message is written.
  const replyNotice = page.getByRole('region', { name: 'Not connected to the Customer Portal' });
  await expect(replyNotice).toContainText(`${name} is not connected to the Customer Portal.`);
  await page.screenshot({ path: screenshotPath('91-thread-not-delivered'), fullPage: true });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.waitForTimeout(250);
  await page.screenshot({ path: screenshotPath('91b-thread-not-delivered-800') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // The client is connected through the invitation made right here.
  await replyNotice.getByRole('button', { name: 'Create invitation link' }).click();
  const link = replyNotice.getByRole('textbox', { name: 'Invite link' });
  await expect(link).toHaveValue(/\/portal\/join#/);
  await expect(replyNotice).toContainText(/It works until/);
  await page.screenshot({ path: screenshotPath('92-thread-invitation-link') });
  const phone = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  ).newPage();
  await phone.goto(await link.inputValue());
  await expect(phone.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await phone.getByLabel('Username').fill(`joins.${client.first_name.toLowerCase().replace(/[^a-z]/g, '')}`);
  await phone.getByRole('textbox', { name: 'Password', exact: true }).fill('Voucher2026x');
  await phone.getByRole('textbox', { name: 'Type the password again' }).fill('Voucher2026x');
  await phone.getByRole('button', { name: 'Create account' }).click();
  await expect(phone.getByRole('heading', { name: `Hello, ${client.first_name}` })).toBeVisible();

  // The state changes on the desktop once the change syncs: delivered, no longer waiting.
  await expect(sent).toContainText(`when ${name} joined the Customer Portal`, { timeout: 30_000 });
  await expect(sent).not.toContainText('Not delivered yet');
  await expect(replyNotice).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('93-thread-delivered-after-joining') });
  await page.getByRole('link', { name: `Back to ${name}` }).click();
  await expect(
    page
      .getByRole('list', { name: /conversations/i })
      .getByRole('listitem')
      .filter({ hasText: 'Your voucher meeting' }),
  ).not.toContainText('Not delivered yet');

  // And the client reads it in the portal.
  await phone.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
  await phone.getByRole('list', { name: 'Conversations' }).getByRole('link').first().click();
  await expect(phone.getByText('Your voucher meeting is on Monday at 10.')).toBeVisible();
  await phone.context().close();
});
