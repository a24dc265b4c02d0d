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

const PROGRAM = 'Street Outreach';
const MESSAGE =
  'The shelter on 5th Street closes at 6 pm tonight because of the storm. Come to the library instead.';

interface Recipient {
  clientId: string;
  firstName: string;
  lastName: string;
}

/** The program's clients the picker must list: still enrolled, with a connected portal account. */
async function connectedClientsOf(program: string): Promise<Recipient[]> {
  const result = await stack.server.server.db.query<Recipient>(
    `SELECT DISTINCT c.id::text AS "clientId", c.first_name AS "firstName", c.last_name AS "lastName"
       FROM enrollments e
       JOIN programs p ON p.id = e.program_id
       JOIN agencies a ON a.id = p.agency_id
       JOIN clients c ON c.id = e.client_id
      WHERE p.name = $1 AND a.name = $2
        AND (e.exit_date IS NULL OR e.exit_date >= current_date)
        AND EXISTS (SELECT 1 FROM client_accounts ca WHERE ca.client_id = c.id AND ca.active)
      ORDER BY c.last_name, c.first_name`,
    [program, HARBOR],
  );
  return result.rows;
}

/** Lets dialogs finish their entrance before a screenshot is taken. */
async function settle(page: Page): Promise<void> {
  await page.waitForTimeout(250);
}

test('a case manager sends one message to a program, sees it progress, and gets a result per client', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const connected = await connectedClientsOf(PROGRAM);
  if (connected.length < 2) throw new Error(`demo data changed: ${PROGRAM} needs 2+ connected clients`);
  const [left, ...chosen] = connected as [Recipient, ...Recipient[]];

  await signInAsStaff(page, stack.appUrl);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Mass sending' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'MASS SENDING' })).toBeVisible();
  const tabs = page.getByRole('tablist', { name: 'What to send' });
  for (const label of ['Message', 'Document', 'Assessment', 'Location', 'Release of Information']) {
    await expect(tabs.getByRole('tab', { name: label, exact: true })).toBeVisible();
  }
  await expect(tabs.getByRole('tab', { name: 'Message' })).toHaveAttribute('aria-selected', 'true');
  await expect(
    page.getByText('Only clients with a connected Customer Portal account are listed.'),
  ).toBeVisible();

  // One program, active enrollment: the program's connected clients, all ticked.
  await page.getByRole('group', { name: 'Programs' }).getByRole('checkbox', { name: PROGRAM }).check();
  await expect(page.getByRole('radio', { name: 'Active', exact: true })).toBeChecked();
  const recipients = page.getByRole('table', { name: 'Recipients' });
  await expect(recipients.getByRole('row')).toHaveCount(connected.length + 1);
  await expect(page.getByText(`${connected.length} clients`, { exact: true })).toBeVisible();
  for (const client of connected) {
    const row = recipients.getByRole('row').filter({ hasText: `${client.lastName}, ${client.firstName}` });
    await expect(row).toContainText(PROGRAM);
    await expect(row.getByRole('checkbox')).toBeChecked();
  }

  // Staff untick one client, and write the message with the project's editor.
  await recipients.getByRole('checkbox', { name: `Send to ${left.lastName}, ${left.firstName}` }).uncheck();
  await expect(page.getByText(`${connected.length} clients · ${chosen.length} selected`)).toBeVisible();
  const editor = page.getByRole('textbox', { name: 'Message' });
  await editor.click();
  await page.keyboard.type(MESSAGE);
  await expect(page.getByRole('toolbar')).toBeVisible();
  await recipients.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('60-mass-send-picker') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await settle(page);
  await page.screenshot({ path: screenshotPath('60b-mass-send-picker-1024') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Send, confirmed in a pop-up that says how many.
  const sendLabel = `Send to ${chosen.length} client${chosen.length === 1 ? '' : 's'}`;
  await page.getByRole('button', { name: sendLabel }).click();
  const confirm = page.getByRole('alertdialog', { name: `${sendLabel}?` });
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await settle(page);
  await page.screenshot({ path: screenshotPath('61-mass-send-confirm') });
  await confirm.getByRole('button', { name: sendLabel }).click();

  // The progress view: a bar over the chosen clients, moving to the end.
  const progress = page.getByRole('progressbar', { name: 'Clients processed' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-valuemax', String(chosen.length));
  await page.screenshot({ path: screenshotPath('62-mass-send-progress') });
  await expect(progress).toHaveAttribute('aria-valuenow', String(chosen.length), { timeout: 30_000 });
  await expect(page.getByText('Finished', { exact: true })).toBeVisible();

  // A result per chosen client: sent; the unticked client is not among them.
  const results = page.getByRole('table', { name: 'Results per client' });
  await expect(results.getByRole('row')).toHaveCount(chosen.length + 1);
  for (const client of chosen) {
    const row = results.getByRole('row').filter({ hasText: `${client.firstName} ${client.lastName}` });
    await expect(row.getByText('Sent', { exact: true })).toBeVisible();
  }
  await expect(results.getByText(`${left.firstName} ${left.lastName}`)).toHaveCount(0);
  // The bar fills the whole track once every client is processed (it eases there over 400 ms).
  await expect
    .poll(() =>
      progress.evaluate((track) => {
        const fill = track.firstElementChild?.getBoundingClientRect().width ?? 0;
        return Math.round((fill / track.getBoundingClientRect().width) * 100);
      }),
    )
    .toBe(100);
  await page.screenshot({ path: screenshotPath('63-mass-send-results') });
  await page.setViewportSize({ width: 1024, height: 700 });
  await settle(page);
  await page.screenshot({ path: screenshotPath('63b-mass-send-results-1024') });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Each chosen client got their own copy; the unticked one got nothing.
  const copies = await stack.server.server.db.query<{ client_id: string }>(
    `SELECT client_id::text AS client_id FROM messages WHERE body_text LIKE '%shelter on 5th Street closes%'`,
  );
  expect(copies.rows.map((row) => row.client_id).sort()).toEqual(
    chosen.map((client) => client.clientId).sort(),
  );

  // The send is listed under Recent mass sends, and opening it shows its results again.
  await page.getByRole('link', { name: 'Back to MASS SENDING' }).click();
  const recent = page.getByRole('region', { name: 'Recent mass sends' });
  const entry = recent.getByRole('listitem').filter({ hasText: MESSAGE.slice(0, 40) });
  await expect(entry.getByText('Finished')).toBeVisible();
  await expect(entry).toContainText(`${chosen.length} sent`);
  await entry.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('64-mass-send-recent') });
  await entry.getByRole('link').click();
  await expect(page.getByRole('table', { name: 'Results per client' }).getByRole('row')).toHaveCount(
    chosen.length + 1,
  );
});
