import { expect, type Page, test } from '@playwright/test';
import { HARBOR } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

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

/** A client of casey's agency with (or without) a portal account and no invitation open. */
async function harborClient(connected: boolean): Promise<DemoClient> {
  const result = await stack.server.server.db.query<DemoClient>(
    `SELECT c.id::text AS id, c.first_name, c.last_name
       FROM clients c JOIN agencies a ON a.id = c.agency_id
      WHERE a.name = $1
        AND EXISTS (SELECT 1 FROM client_accounts ca WHERE ca.client_id = c.id AND ca.active) = $2
        AND NOT EXISTS (SELECT 1 FROM portal_invites i WHERE i.client_id = c.id AND i.status = 'pending')
      ORDER BY c.last_name, c.first_name LIMIT 1`,
    [HARBOR, connected],
  );
  const client = result.rows[0];
  if (!client) throw new Error(`demo data changed: no ${connected ? '' : 'un'}connected ${HARBOR} client`);
  return client;
}

async function openProfile(page: Page, client: DemoClient): Promise<void> {
  await page.goto(`${stack.appUrl}/#/clients/${client.id}`);
  await expect(
    page.getByRole('heading', { level: 1, name: `${client.first_name} ${client.last_name}` }),
  ).toBeVisible();
}

test('staff invite a client to the Customer Portal, resend, and cancel; a connected client can be disconnected', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const client = await harborClient(false);
  await signInAsStaff(page, stack.appUrl);
  await openProfile(page, client);

  const card = page.getByRole('region', { name: 'Customer Portal' });
  await expect(card.getByText('Not Connected', { exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: /Disconnect/ })).toHaveCount(0);
  await card.getByRole('button', { name: 'Send invite' }).click();

  // Invite Pending, with the link to give the client, a Copy button and when it expires.
  await expect(card.getByText('Invite Pending', { exact: true })).toBeVisible();
  const link = card.getByRole('textbox', { name: 'Invite link' });
  const first = await link.inputValue();
  expect(first).toMatch(/^https?:\/\/\S+/);
  await expect(card.getByText(/open it on their phone/)).toBeVisible();
  await expect(card.getByText(/It works until/)).toBeVisible();
  await card.getByRole('button', { name: 'Copy' }).click();
  await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
  await expect(
    card.getByText('Resending makes a new link; the link sent before stops working.'),
  ).toBeVisible();
  await page.screenshot({ path: screenshotPath('70-portal-invite-pending') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await page.waitForTimeout(250);
  await page.screenshot({ path: screenshotPath('70b-portal-invite-pending-1024') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Resend: a new link; the server replaced the first invitation.
  await card.getByRole('button', { name: 'Resend invite' }).click();
  await expect(link).not.toHaveValue(first);
  const invites = await stack.server.server.db.query<{ status: string }>(
    `SELECT status FROM portal_invites WHERE client_id = $1::uuid ORDER BY sent_at`,
    [client.id],
  );
  expect(invites.rows.map((row) => row.status)).toEqual(['replaced', 'pending']);

  // Cancel: back to Not Connected, with Send invite again.
  await card.getByRole('button', { name: 'Cancel invite' }).click();
  await expect(card.getByText('Not Connected', { exact: true })).toBeVisible();
  await expect(link).toHaveCount(0);
  await expect(card.getByRole('button', { name: 'Send invite' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('71-portal-not-connected') });

  // A connected client: who they sign in as, and Disconnect apart, behind a confirmation.
  const connected = await harborClient(true);
  await openProfile(page, connected);
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await expect(card).toContainText(/Signs in as \S+, connected since/);
  await card.getByRole('button', { name: 'Disconnect…' }).click();
  const confirm = page.getByRole('alertdialog', {
    name: `Disconnect ${connected.first_name} ${connected.last_name} from the Customer Portal?`,
  });
  await expect(confirm).toContainText('will no longer be able to sign in');
  await expect(confirm).toContainText('Their messages and records stay');
  await expect(confirm.getByRole('button', { name: 'Keep connected' })).toBeFocused();
  await page.waitForTimeout(250);
  await page.screenshot({ path: screenshotPath('72-portal-disconnect-confirm') });
  await confirm.getByRole('button', { name: 'Keep connected' }).click();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Disconnect…' }).click();
  await confirm.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(confirm).toBeHidden();
  await expect(card.getByText('Not Connected', { exact: true })).toBeVisible();
  const account = await stack.server.server.db.query<{ active: boolean }>(
    `SELECT bool_or(active) AS active FROM client_accounts WHERE client_id = $1::uuid`,
    [connected.id],
  );
  expect(account.rows[0]?.active).toBe(false);
});

test('the card says an invitation link was made, not sent, and Copy link gives the same link again after leaving', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const client = await harborClient(false);
  const name = `${client.first_name} ${client.last_name}`;
  await signedIn(page);
  await openProfile(page, client);

  const card = page.getByRole('region', { name: 'Customer Portal' });
  await expect(card).toContainText('Send invite makes a link for you to give the client');
  await card.getByRole('button', { name: 'Send invite' }).click();
  await expect(card.getByText('Invite Pending', { exact: true })).toBeVisible();
  await expect(card).toContainText(`Invitation link created just now by Casey Morgan: give it to ${name}.`);
  await expect(card).not.toContainText('Invite sent');
  const link = card.getByRole('textbox', { name: 'Invite link' });
  const made = await link.inputValue();

  // Away and back: the link is no longer on screen, but the card says when it expires and Copy
  // link brings back the same one.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /^Clients/ })
    .click();
  await openProfile(page, client);
  await expect(card.getByText('Invite Pending', { exact: true })).toBeVisible();
  await expect(card).toContainText(`give it to ${name}. It works until`);
  await expect(link).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('73-portal-invite-pending-copy-link') });
  const before = await fetchesOfLink(client.id);
  await card.getByRole('button', { name: 'Copy link' }).click();
  await expect(link).toHaveValue(made);
  await expect(card.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(made);
  await expect(card.getByText(/It works until/)).toBeVisible();
  await page.screenshot({ path: screenshotPath('74-portal-invite-link-copied-again') });
  // Who fetched it is in the audit log.
  expect(await fetchesOfLink(client.id)).toBe(before + 1);

  // The link copied again is the one that works for the client.
  const phone = await context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(made);
  await expect(phone.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await expect(phone.getByText(`Welcome, ${client.first_name}!`, { exact: false })).toBeVisible();
  await phone.close();

  await card.getByRole('button', { name: 'Cancel invite' }).click();
  await expect(card.getByText('Not Connected', { exact: true })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
});

/** How many times casey fetched this client's invitation link again, as the audit log has it. */
async function fetchesOfLink(clientId: string): Promise<number> {
  const result = await stack.server.server.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log a JOIN users u ON u.id = a.actor_id
      WHERE a.action = 'invite.link_fetch' AND a.client_id = $1::uuid AND u.username = 'casey'`,
    [clientId],
  );
  return result.rows[0]?.n ?? 0;
}

/** Signs in unless the desktop still has casey's session from an earlier test of this file. */
async function signedIn(page: Page): Promise<void> {
  await page.goto(stack.appUrl);
  const form = page.getByLabel('Username');
  await expect(form.or(page.getByRole('navigation', { name: 'Main' }))).toBeVisible();
  if (await form.isVisible()) await signInAsStaff(page, stack.appUrl);
}
