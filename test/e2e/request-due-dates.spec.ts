import { expect, type Page, test } from '@playwright/test';
import { addDaysToIsoDate } from '../../shared/domain/dates';
import { latestDueDate } from '../../shared/domain/requests';
import { todayInTimeZone } from '../../shared/domain/time-zone';
import { PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { careTeamClients, type PortalClient } from './support/portal-fulfilment';
import {
  openClientProfile,
  type PorticoStack,
  screenshotPath,
  signInAsStaff,
  signInToPortal,
  startPorticoStack,
} from './support/portico-stack';

/*
 * A request due by a day: set in SEND REQUEST (a day already past is refused beside the field),
 * shown on the CUSTOMER PORTAL page and in the client's portal on a phone ("Due Friday, December
 * 11"), and once the day has passed, marked overdue and listed first on both sides.
 */

const PHONE = { width: 390, height: 844 };
let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

const longDay = (day: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat('en-US', { ...options, timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`));

async function openCustomerPortalPage(page: Page, client: PortalClient): Promise<void> {
  await openClientProfile(page, client);
  await page.getByRole('button', { name: PRODUCT_TEXTS.customerPortalRequests }).click();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT_TEXTS.customerPortal })).toBeVisible();
}

test('a due date is set when sending, shown on both sides, and an overdue request comes first', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const client = (await careTeamClients(stack.server.server.db, 'casey')).find((each) => each.portal);
  if (!client) throw new Error('demo data changed: casey needs a client connected to the portal');
  // The desk and the demo agency share a calendar here; the server decides by the agency's.
  const today = todayInTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  const due = addDaysToIsoDate(today, 3);

  await signInAsStaff(page, stack.appUrl);
  await openCustomerPortalPage(page, client);
  await page.getByRole('button', { name: PRODUCT_TEXTS.sendNewRequest }).click();
  const dialog = page.getByRole('dialog', { name: PRODUCT_TEXTS.sendRequestToTheCustomerPortal });
  await dialog.getByLabel('Type of request').selectOption({ label: 'Location' });
  const dueField = dialog.getByLabel('Due date (optional)');
  await expect(dueField).toHaveAttribute('max', latestDueDate(today));
  await dueField.fill(addDaysToIsoDate(today, -1));
  await dialog.getByRole('button', { name: PRODUCT_TEXTS.sendRequest }).click();
  await expect(dialog.getByText('The due date has passed. Choose today or a later day.')).toBeVisible();
  await expect(dueField).toBeFocused();
  await dueField.fill(due);
  await page.screenshot({ path: screenshotPath('request-due-date-dialog') });
  await dialog.getByRole('button', { name: PRODUCT_TEXTS.sendRequest }).click();
  await expect(dialog).toBeHidden();
  const table = page.getByRole('table');
  const dueText = `Due ${longDay(due, { month: 'short', day: 'numeric', year: 'numeric' })}`;
  await expect(table.getByRole('row').filter({ hasText: 'Location' }).first()).toContainText(dueText);

  const phone = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  const portal = await phone.newPage();
  await signInToPortal(portal, stack.server.url, client.username);
  await portal.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Requests' }).click();
  const weekday = longDay(due, { weekday: 'long', month: 'long', day: 'numeric' });
  await expect(portal.getByText(new RegExp(`Due ${weekday}`))).toBeVisible();

  // The days go by: the request is now two days past its due day.
  await stack.server.server.db.query(
    "UPDATE portal_requests SET due_date = $1::date WHERE type = 'location' AND due_date = $2::date",
    [addDaysToIsoDate(today, -2), due],
  );
  await portal.reload();
  const first = portal.getByRole('list').filter({ hasText: 'Location' }).getByRole('listitem').first();
  await expect(first.getByText('Overdue', { exact: true })).toBeVisible();
  await expect(first).toContainText(
    `Was due ${longDay(addDaysToIsoDate(today, -2), { weekday: 'long', month: 'long', day: 'numeric' })}`,
  );
  await portal.screenshot({ path: screenshotPath('portal-request-overdue'), fullPage: true });

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT_TEXTS.customerPortal })).toBeVisible();
  const firstRow = page.getByRole('table').getByRole('row').nth(1);
  await expect(firstRow).toContainText('Location');
  await expect(firstRow).toContainText(
    `Overdue since ${longDay(addDaysToIsoDate(today, -2), { month: 'short', day: 'numeric', year: 'numeric' })}`,
  );
  await page.screenshot({ path: screenshotPath('customer-portal-overdue') });
  await phone.close();
});
