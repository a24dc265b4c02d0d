import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { formatDayInTimeZone } from '../../shared/domain/time-zone';
import { MAX_UPLOAD_BYTES, PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { portalSignIn } from '../support/portal-client';
import { careTeamClients, fulfil, listOpenRequests } from './support/portal-fulfilment';
import {
  openClientProfile,
  type PorticoStack,
  screenshotPath,
  signInAsStaff,
  startPorticoStack,
} from './support/portico-stack';

let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

const ASSESSMENT = 'Housing Needs Assessment';
const PREDEFINED = { category: 'Identification', name: 'State ID' };
const OTHER = { category: 'Income', name: 'Shelter stay letter' };
const ADDRESS = '1400 Harbor Way, Seattle, WA 98104';

/** Lets dialogs and pop-ups finish their entrance before a screenshot is taken. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(250);
}

/** SEND NEW REQUEST, fill the dialog with `fill`, SEND REQUEST, and see the dialog close. */
async function sendRequest(
  page: Page,
  fill: (dialog: Locator) => Promise<void>,
  shot?: string,
): Promise<void> {
  await page.getByRole('button', { name: PRODUCT_TEXTS.sendNewRequest }).click();
  const dialog = page.getByRole('dialog', { name: PRODUCT_TEXTS.sendRequestToTheCustomerPortal });
  await expect(dialog.getByLabel('Type of request')).toBeFocused();
  await fill(dialog);
  if (shot) {
    await settle(page);
    await page.screenshot({ path: screenshotPath(shot) });
  }
  await dialog.getByRole('button', { name: PRODUCT_TEXTS.sendRequest }).click();
  await expect(dialog).toBeHidden();
}

test('a case manager sends each kind of request, the client fulfils them, and each record shows on its tab', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const clients = await careTeamClients(stack.server.server.db, 'casey');
  const client = clients.find((each) => each.portal && each.roiAllowed);
  const covered = clients.find((each) => each.roiBlockedBy === 'active_roi');
  // Aaliyah, on Priya's care team, whose renewal request from Priya is still open.
  const waiting = (await careTeamClients(stack.server.server.db, 'priya')).find(
    (each) => each.roiBlockedBy === 'open_request',
  );
  if (!client || !covered || !waiting)
    throw new Error(
      'demo data changed: need portal clients with and without an ROI in force, and one with an ROI request open',
    );

  await signInAsStaff(page, stack.appUrl);
  await openClientProfile(page, client);

  // The Customer Portal Requests icon beside SEND MESSAGE opens the CUSTOMER PORTAL page.
  await page.getByRole('button', { name: PRODUCT_TEXTS.customerPortalRequests }).click();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT_TEXTS.customerPortal })).toBeVisible();
  const table = page.getByRole('table');
  const rowOf = (what: string) => table.getByRole('row').filter({ hasText: what });

  await sendRequest(
    page,
    async (dialog) => {
      await dialog.getByLabel('Type of request').selectOption({ label: 'Assessments' });
      await dialog.getByLabel('Assessment', { exact: true }).selectOption({ label: ASSESSMENT });
      await expect(dialog.getByText(/\d+ questions?, \d+ required/)).toBeVisible();
      await dialog.getByRole('switch', { name: 'Private' }).check();
    },
    '30-send-request-assessment',
  );
  await expect(rowOf(ASSESSMENT).getByText('Private')).toBeVisible();
  // Queued in the outbox and sent at once, since this desktop is online.
  await expect(page.getByText('Request sent').first()).toBeVisible();

  await sendRequest(page, async (dialog) => {
    await dialog.getByLabel('Type of request').selectOption({ label: 'Documents' });
    await dialog.getByLabel('Category').selectOption({ label: PREDEFINED.category });
    await dialog.getByLabel('Predefined Name').selectOption({ label: PREDEFINED.name });
  });

  // "Other" needs an Other Name: the dialog says so beside the field before anything is sent.
  await sendRequest(page, async (dialog) => {
    await dialog.getByLabel('Type of request').selectOption({ label: 'Documents' });
    await dialog.getByLabel('Category').selectOption({ label: OTHER.category });
    await dialog.getByLabel('Predefined Name').selectOption({ label: 'Other' });
    const otherName = dialog.getByLabel('Other Name');
    await dialog.getByRole('button', { name: PRODUCT_TEXTS.sendRequest }).click();
    await expect(dialog.getByText('Enter the Other Name.')).toBeVisible();
    await expect(otherName).toBeFocused();
    await settle(page);
    await page.screenshot({ path: screenshotPath('31-send-request-other-name') });
    await otherName.fill(OTHER.name);
  });

  await sendRequest(page, async (dialog) => {
    await dialog.getByLabel('Type of request').selectOption({ label: 'Location' });
  });
  await sendRequest(page, async (dialog) => {
    await dialog.getByLabel('Type of request').selectOption({ label: 'Release of Information' });
    await expect(dialog.getByRole('switch')).toHaveCount(0);
  });

  const sent = [
    ASSESSMENT,
    `${PREDEFINED.category}: ${PREDEFINED.name}`,
    `${OTHER.category}: ${OTHER.name}`,
    'Location',
    'Release of Information',
  ];
  // Queued on this desktop first, then sent: each row ends up Sent, the newest on top.
  for (const what of sent) await expect(rowOf(what).first().getByText('Sent', { exact: true })).toBeVisible();
  await expect(table.getByRole('row').nth(1)).toContainText('Release of Information');
  await page.screenshot({ path: screenshotPath('32-customer-portal-sent') });

  // The client signs in to the portal and fulfils each request through its API.
  const token = await portalSignIn(stack.server.url, client.username);
  const open = (await listOpenRequests(stack.server.url, token)).filter(
    (request) => request.senderName === 'Casey Morgan' && sent.includes(request.description),
  );
  expect(open.map((request) => request.description).sort()).toEqual([...sent].sort());
  for (const request of open) {
    const fileBase = request.description.includes(OTHER.name) ? 'shelter-letter' : 'id-from-portal';
    await fulfil(stack.server.url, token, request, client, { address: ADDRESS, fileBase });
  }

  // The sender's Inbox: one unread notification per fulfilled request, counted on the rail.
  const rail = page.getByRole('navigation', { name: 'Main' });
  await expect(rail.getByRole('link', { name: /Inbox, \d+ unread/ })).toBeVisible();
  await rail.getByRole('link', { name: /Inbox/ }).click();
  await page.getByRole('tab', { name: /Notifications/ }).click();
  const notifications = page.getByRole('list', { name: 'Notifications' });
  const notice = (what: string) =>
    // Newest first: the demo history may hold older notices about the same client.
    notifications
      .getByRole('listitem')
      .filter({ hasText: `${client.name} completed ${what}` })
      .first();
  for (const what of sent) await expect(notice(what)).toContainText('unread');
  await page.screenshot({ path: screenshotPath('33-inbox-notifications') });

  // The OS notification for a fulfilled request opens the record on its tab, from anywhere.
  const roiTitle = `${client.name} completed Release of Information`;
  const osNotifications = async () =>
    (await (await fetch(`${stack.appUrl}/host/test/notifications`)).json()) as { title: string }[];
  await expect.poll(async () => (await osNotifications()).some((each) => each.title === roiTitle)).toBe(true);
  const index = (await osNotifications()).findIndex((each) => each.title === roiTitle);
  await fetch(`${stack.appUrl}/host/test/notifications?index=${index}`, { method: 'POST' });
  await expect(page.getByRole('tab', { name: 'Release of Information' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(page.getByRole('article', { name: 'Release of Information' }).first()).toBeFocused();
  await rail.getByRole('link', { name: /Inbox/ }).click();
  await page.getByRole('tab', { name: /Notifications/ }).click();

  // Opening one shows the record on its tab, and marks the notification read.
  await notice(ASSESSMENT).getByRole('button', { name: 'Open' }).click();
  await expect(page.getByRole('tab', { name: 'Assessments' })).toHaveAttribute('aria-selected', 'true');
  const assessment = page.getByRole('article', { name: ASSESSMENT });
  await expect(assessment).toBeFocused();
  await expect(assessment).toContainText(`Sent by ${client.name}`);
  await expect(assessment).toContainText('Requested by Casey Morgan');
  await expect(assessment.getByText('Private', { exact: true })).toBeVisible();
  await expect(assessment.getByText('Where did you stay last night?')).toBeVisible();
  await expect(assessment.getByText('Close to the bus line, please.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('34-record-assessment') });

  await page.getByRole('tab', { name: 'Documents' }).click();
  // Newest first: this client may already have a State ID from the demo history.
  const predefined = page.getByRole('article', { name: PREDEFINED.name }).first();
  await expect(predefined.getByText('id-from-portal.pdf')).toBeVisible();
  await expect(page.getByRole('article', { name: OTHER.name }).getByText('shelter-letter.pdf')).toBeVisible();
  const download = page.waitForEvent('download');
  await predefined.getByRole('button', { name: 'Save id-from-portal.pdf' }).click();
  expect((await download).suggestedFilename()).toBe('id-from-portal.pdf');
  await page.screenshot({ path: screenshotPath('35-record-documents') });

  // Staff add a document themselves; a pick over 25MB in all is refused before anything is read.
  const folder = mkdtempSync(join(tmpdir(), 'portico-e2e-document-'));
  const lease = join(folder, 'lease.pdf');
  const huge = join(folder, 'scans.zip');
  writeFileSync(lease, '%PDF-1.4\n% lease\n');
  writeFileSync(huge, '');
  truncateSync(huge, MAX_UPLOAD_BYTES); // sparse: with the lease, one file over the limit
  await page.getByRole('button', { name: 'Add document' }).click();
  const add = page.getByRole('dialog', { name: 'Add document' });
  await add.getByLabel('Category').selectOption({ label: 'Housing' });
  await add.getByLabel('Name', { exact: true }).fill('Lease');
  await add.locator('input[type="file"]').setInputFiles([lease, huge]);
  await expect(add.getByText(PRODUCT_TEXTS.invalidFileSize, { exact: true })).toBeVisible();
  await settle(page);
  await page.screenshot({ path: screenshotPath('35b-add-document-too-large') });
  await add.getByRole('button', { name: 'Remove scans.zip' }).click();
  await expect(add.getByText(PRODUCT_TEXTS.invalidFileSize)).toBeHidden();
  await add.getByRole('switch', { name: 'Private' }).check();
  await add.getByRole('button', { name: 'Add document' }).click();
  await expect(add).toBeHidden();
  const added = page.getByRole('article', { name: 'Lease' }).first();
  await expect(added).toContainText('Added by Casey Morgan');
  // One file of the lease's size (the browser host stages files under generated names).
  await expect(added.getByRole('list', { name: 'Files of Lease' }).getByRole('listitem')).toHaveCount(1);
  await expect(added.getByText('17 bytes')).toBeVisible();
  await expect(added.getByText('Private', { exact: true })).toBeVisible();

  await page.getByRole('tab', { name: 'Location' }).click();
  const location = page.getByRole('article', { name: ADDRESS }).first();
  await expect(location.getByText('47.60621, -122.33207 (within 25 m)')).toBeVisible();
  await expect(location.getByRole('button', { name: 'Open in map' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('36-record-location') });

  await page.getByRole('tab', { name: 'Release of Information' }).click();
  const roi = page.getByRole('article', { name: 'Release of Information' }).first();
  await expect(roi.getByText('Active', { exact: true })).toBeVisible();
  await expect(roi).toContainText(client.name);
  await page.screenshot({ path: screenshotPath('37-record-roi') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await roi.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('37b-record-roi-1024') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Back in the Inbox the opened notification is read; the others still wait.
  await rail.getByRole('link', { name: /Inbox/ }).click();
  await page.getByRole('tab', { name: /Notifications/ }).click();
  await expect(notice(ASSESSMENT)).not.toContainText('unread');
  await expect(notice('Location')).toContainText('unread');
  // Mark as unread and back, for the ticked notification.
  await notice(ASSESSMENT).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Mark as unread' }).click();
  await expect(notice(ASSESSMENT)).toContainText('unread');
  await notice(ASSESSMENT).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Mark as read' }).click();
  await expect(notice(ASSESSMENT)).not.toContainText('unread');

  // Every request is completed, with a link to its record.
  await page.goto(`${stack.appUrl}/#/clients/${client.clientId}/customer-portal`);
  for (const what of sent) {
    await expect(rowOf(what).first().getByText('Completed', { exact: true })).toBeVisible();
    await expect(
      rowOf(what)
        .first()
        .getByRole('link', { name: /View the .* record/ }),
    ).toBeVisible();
  }
  await page.screenshot({ path: screenshotPath('38-customer-portal-completed') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await settle(page);
  await page.screenshot({ path: screenshotPath('38b-customer-portal-completed-1024') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // A client with an ROI in force: the dialog stops the request with the reference product's words.
  const before = await stack.server.server.db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM portal_requests WHERE client_id = $1::uuid`,
    [covered.clientId],
  );
  await openClientProfile(page, covered);
  await page.getByRole('button', { name: PRODUCT_TEXTS.customerPortalRequests }).click();
  await page.getByRole('button', { name: PRODUCT_TEXTS.sendNewRequest }).click();
  const dialog = page.getByRole('dialog', { name: PRODUCT_TEXTS.sendRequestToTheCustomerPortal });
  await dialog.getByLabel('Type of request').selectOption({ label: 'Release of Information' });
  await dialog.getByRole('button', { name: PRODUCT_TEXTS.sendRequest }).click();
  const popup = page.getByRole('alertdialog');
  await expect(popup.getByText(PRODUCT_TEXTS.activeRoiExists, { exact: true })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'OK' })).toBeFocused();
  await settle(page);
  await page.screenshot({ path: screenshotPath('39-active-roi-popup') });
  await popup.getByRole('button', { name: 'OK' }).click();
  await expect(popup).toBeHidden();
  await expect(dialog).toBeVisible();
  const after = await stack.server.server.db.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM portal_requests WHERE client_id = $1::uuid`,
    [covered.clientId],
  );
  expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // A client whose ROI request from a colleague is still open: one at a time, and the pop-up names it.
  const openRoi = await stack.server.server.db.query<{ sent_at: string; sender: string }>(
    `SELECT r.sent_at, u.display_name AS sender FROM portal_requests r JOIN users u ON u.id = r.sender_staff_id
      WHERE r.client_id = $1::uuid AND r.type = 'roi' AND r.status IN ('sent', 'viewed')`,
    [waiting.clientId],
  );
  const pending = openRoi.rows[0];
  if (!pending) throw new Error('demo data changed: no open ROI request');
  await openClientProfile(page, waiting);
  await page.getByRole('button', { name: PRODUCT_TEXTS.customerPortalRequests }).click();
  await page.getByRole('button', { name: PRODUCT_TEXTS.sendNewRequest }).click();
  await dialog.getByLabel('Type of request').selectOption({ label: 'Release of Information' });
  await dialog.getByRole('button', { name: PRODUCT_TEXTS.sendRequest }).click();
  await expect(popup).toContainText(
    `This client already has an open Release of Information request, sent by ${pending.sender} (Harbor Light Outreach) on ${formatDayInTimeZone(pending.sent_at, Intl.DateTimeFormat().resolvedOptions().timeZone)}.`,
  );
  await expect(popup.getByRole('button', { name: 'OK' })).toBeFocused();
  await settle(page);
  await page.screenshot({ path: screenshotPath('39b-open-roi-request-popup') });
  await popup.getByRole('button', { name: 'OK' }).click();
  await expect(popup).toBeHidden();
});
