import { expect, type Page, test } from '@playwright/test';
import { demoClientIds, idAt } from '../support/demo-world';
import { DEMO_PORTAL_PASSWORD } from '../support/portal-client';
import { signIn as apiSignIn } from '../support/test-server';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * Issue 17's "Stop sharing with an agency", end to end: Marcus (a shared Harbor Light client) on
 * his phone reads who can see his record and who looked at it, and stops sharing with Northside
 * Family Shelter. Jordan's desktop at Northside (the browser host) loses Marcus within a minute;
 * Casey, his case manager, finds the notification in her Inbox; the audit log has the withdrawal.
 * The portal must be built first (npm run build).
 */

const PHONE = { width: 390, height: 844 };
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

async function signOutOfDesktop(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Username')).toBeVisible();
}

test('a client stops sharing with Northside, whose desktop loses the record; the case manager is told; sharing again', async ({
  browser,
  page,
}) => {
  test.setTimeout(180_000);
  const db = stack.server.server.db;
  const marcusId = idAt(await demoClientIds(db), 0);

  // Jordan (Northside) has Marcus on his desktop: Marcus's record is shared.
  await page.setViewportSize(WINDOW);
  await signInAsStaff(page, stack.appUrl, 'jordan');
  const list = page.getByRole('list', { name: 'Clients' });
  await page.getByLabel('Search clients').fill('Johnson');
  const marcusRow = list.getByRole('link', { name: /Johnson, Marcus/ });
  await expect(marcusRow).toBeVisible();
  await marcusRow.click();
  await expect(page.getByRole('heading', { level: 1, name: /Marcus/ })).toBeVisible();
  // The view Jordan's desktop reports is what Marcus will read; sent here as the desktop sends it.
  const jordanToken = await apiSignIn(stack.server.url, 'jordan');
  const report = await fetch(`${stack.server.url}/api/audit/views`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jordanToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      views: [{ clientId: marcusId, viewedAt: new Date(Date.now() - 60_000).toISOString(), what: 'profile' }],
    }),
  });
  expect(report.status).toBe(200);

  // Marcus, on his phone.
  const phone = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  const portal = await phone.newPage();
  await portal.goto(`${stack.server.url}/portal/`);
  await portal.getByLabel('Username').fill('marcus');
  await portal.getByLabel('Password', { exact: true }).fill(DEMO_PORTAL_PASSWORD);
  await portal.getByRole('button', { name: 'Sign in' }).click();
  await expect(portal.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();
  await portal.getByRole('link', { name: 'Settings' }).click();
  await portal.getByRole('link', { name: 'Who can see my record, and who looked at it' }).click();
  await expect(portal.getByRole('heading', { level: 1, name: 'My privacy' })).toBeVisible();
  const whoCanSee = portal.locator('.reason-list');
  await expect(whoCanSee).toContainText('Harbor Light Outreach keeps your record.');
  await expect(whoCanSee).toContainText('Northside Family Shelter can see it');
  // Jordan's desktop also fetched Marcus's photo (a file view); the profile view is among them.
  await expect(
    portal
      .locator('.view-entry .view-text')
      .filter({ hasText: 'Shelter case manager at Northside Family Shelter viewed your profile' }),
  ).not.toHaveCount(0);
  await expect(portal.locator('.view-list')).not.toContainText('Jordan');

  // Stop sharing, by keyboard: the button, then the confirmation.
  const sharing = portal.getByRole('region', { name: 'Stop sharing with an agency' });
  await expect(sharing.getByRole('button', { name: /Harbor Light/ })).toHaveCount(0);
  await sharing.getByRole('button', { name: 'Stop sharing with Northside Family Shelter' }).focus();
  await portal.keyboard.press('Enter');
  const confirm = sharing.getByRole('group', { name: /Stop sharing with Northside Family Shelter\?/ });
  await expect(confirm).toBeVisible();
  await portal.screenshot({ path: screenshotPath('portal-stop-sharing-confirm'), fullPage: true });
  await confirm.getByRole('button', { name: 'Yes, stop sharing' }).focus();
  await portal.keyboard.press('Enter');
  await expect(sharing.getByRole('status')).toHaveText(
    'You stopped sharing your record with Northside Family Shelter.',
  );
  await expect(whoCanSee).not.toContainText('Northside');
  await expect(
    sharing.getByRole('button', { name: 'Share with Northside Family Shelter again' }),
  ).toBeVisible();
  await portal.screenshot({ path: screenshotPath('portal-stop-sharing'), fullPage: true });

  // Jordan's desktop drops Marcus within a minute (the live stream, else the next pull).
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Clients', exact: true })
    .click();
  const search = page.getByLabel('Search clients');
  await expect
    .poll(
      async () => {
        await search.fill('');
        await search.fill('Johnson');
        return list.getByRole('link', { name: /Johnson, Marcus/ }).count();
      },
      { timeout: 60_000, intervals: [1_000, 2_000] },
    )
    .toBe(0);
  await page.goto(`${stack.appUrl}/#/clients/${marcusId}`);
  await expect(page.getByText('This client’s record isn’t available')).toBeVisible();
  await page.screenshot({ path: screenshotPath('stop-sharing-northside-desktop') });

  // The audit log has the withdrawal, as Marcus's own act.
  const audit = await db.query<{ actor_kind: string; actor_id: string; details: { agency?: string } }>(
    `SELECT actor_kind, actor_id::text AS actor_id, details FROM audit_log
      WHERE client_id = $1::uuid AND action = 'portal.sharing_withdraw'`,
    [marcusId],
  );
  expect(audit.rows).toEqual([
    { actor_kind: 'client', actor_id: marcusId, details: { agency: 'Northside Family Shelter' } },
  ]);

  // Casey, his case manager, finds it in her Inbox.
  await signOutOfDesktop(page, /Jordan Lee/);
  await signInAsStaff(page, stack.appUrl, 'casey');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Inbox/ }).click();
  await page.getByRole('tab', { name: /Notifications/ }).click();
  const notifications = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
  await expect(
    notifications.filter({
      hasText: 'Marcus Johnson stopped sharing their record with Northside Family Shelter',
    }),
  ).toHaveCount(1, { timeout: 30_000 });
  await page.screenshot({ path: screenshotPath('stop-sharing-case-manager-inbox') });

  // Marcus shares again, in Spanish this time; Northside is back among who can see the record.
  await portal.getByRole('button', { name: 'Español' }).click();
  const compartir = portal.getByRole('region', { name: 'Dejar de compartir con una agencia' });
  await expect(compartir).toContainText('Dejó de compartir con esta agencia el');
  await compartir.getByRole('button', { name: 'Volver a compartir con Northside Family Shelter' }).click();
  await expect(compartir.getByRole('status')).toHaveText(
    'Volvió a compartir su expediente con Northside Family Shelter.',
  );
  await expect(whoCanSee).toContainText('Northside Family Shelter puede verlo');
  await expect(
    compartir.getByRole('button', { name: 'Dejar de compartir con Northside Family Shelter' }),
  ).toBeVisible();
  await portal.screenshot({ path: screenshotPath('portal-share-again-es'), fullPage: true });
  const restored = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_log WHERE client_id = $1::uuid AND action = 'portal.sharing_restore'`,
    [marcusId],
  );
  expect(restored.rows[0]?.n).toBe(1);
  await phone.close();
});
