import { expect, type Page, test } from '@playwright/test';
import { type DemoClientRow, demoClients, HARBOR } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, startPorticoStack } from './support/portico-stack';

/*
 * What a new user trips on while writing: cancelling the picture chooser, Tab in a table,
 * Ctrl+Enter to send, Enter in the client search. Each test drives the real renderer the way a
 * person does, with the keyboard where the person would use it.
 */
let stack: PorticoStack;
let harbor: DemoClientRow[];

test.beforeAll(async () => {
  stack = await startPorticoStack();
  harbor = (await demoClients(stack.server.server.db)).filter((c) => c.agency === HARBOR);
});

test.afterAll(async () => {
  await stack?.close();
});

/** Opens the app on Clients as casey; the desktop stays signed in from one test to the next. */
async function signIn(page: Page): Promise<void> {
  await page.goto(`${stack.appUrl}/#/clients`);
  const username = page.getByLabel('Username');
  const clients = page.getByRole('heading', { name: 'Clients', level: 1 });
  await expect(username.or(clients)).toBeVisible();
  if (await username.isVisible()) {
    await username.fill('casey');
    await page.getByLabel('Password').fill('Portico#2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(clients).toBeVisible();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /online|up to date/i })
      .first(),
  ).toBeVisible();
}

async function openProfile(page: Page, client: DemoClientRow): Promise<void> {
  await page.getByLabel('Search clients').fill(client.last_name);
  await page
    .getByRole('list', { name: 'Clients' })
    .getByRole('link', { name: new RegExp(`${client.last_name}, ${client.first_name}`) })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name: `${client.first_name} ${client.last_name}` }),
  ).toBeVisible();
}

/** Slate follows the DOM selection a frame late; a person's next key never comes that fast. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
}

function pick(index: number): DemoClientRow {
  const client = harbor[index];
  if (!client) throw new Error('demo data changed: too few Harbor clients');
  return client;
}

test('cancelling the picture chooser keeps CREATE A MESSAGE open with the caret where it was', async ({
  page,
}) => {
  await signIn(page);
  const client = pick(0);
  await openProfile(page, client);
  await page.getByRole('button', { name: 'SEND MESSAGE' }).click();
  const dialog = page.getByRole('dialog', { name: 'CREATE A MESSAGE' });
  const editor = dialog.getByRole('textbox', { name: 'Message' });
  await expect(editor).toBeFocused();
  await page.keyboard.type('Bring your ID card');
  await settle(page);
  for (let i = 0; i < ' ID card'.length; i++) await page.keyboard.press('ArrowLeft');
  await settle(page);

  // Image, then Cancel in the file chooser: Chromium fires a bubbling `cancel` at the input.
  const chooser = page.waitForEvent('filechooser');
  await dialog.getByRole('toolbar', { name: 'Formatting' }).getByRole('button', { name: 'Image' }).click();
  await chooser;
  await dialog
    .locator('input[type="file"]')
    .evaluate((input) => input.dispatchEvent(new Event('cancel', { bubbles: true })));

  await expect(dialog).toBeVisible();
  await expect(editor).toBeFocused();
  await page.keyboard.type(' photo');
  await expect(editor).toHaveText('Bring your photo ID card');

  // The same from the keyboard: the toolbar's Image button, then the chooser cancelled.
  await page.keyboard.press('End');
  await settle(page);
  await page.keyboard.press('Shift+Tab');
  const toolbar = dialog.getByRole('toolbar', { name: 'Formatting' });
  await expect(toolbar.locator(':focus')).toHaveCount(1);
  const again = page.waitForEvent('filechooser');
  await toolbar.getByRole('button', { name: 'Image' }).focus();
  await page.keyboard.press('Enter');
  await again;
  await dialog
    .locator('input[type="file"]')
    .evaluate((input) => input.dispatchEvent(new Event('cancel', { bubbles: true })));
  await expect(dialog).toBeVisible();
  await expect(editor).toBeFocused();
  await page.keyboard.type(' today');
  await expect(editor).toHaveText('Bring your photo ID card today');
  await page.screenshot({ path: screenshotPath('40-picture-chooser-cancelled') });

  // Escape still closes the dialog: only the dialog's own cancel does.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('Tab moves through a table’s cells, adds a row at the last one, and a new table scrolls into view', async ({
  page,
}) => {
  await signIn(page);
  const client = pick(1);
  await openProfile(page, client);
  await page.getByRole('button', { name: 'SEND MESSAGE' }).click();
  const dialog = page.getByRole('dialog', { name: 'CREATE A MESSAGE' });
  const editor = dialog.getByRole('textbox', { name: 'Message' });
  await expect(editor).toBeFocused();

  // A message longer than the writing area, so the caret's line is at the bottom of a scrolled view.
  for (let line = 1; line <= 30; line++) {
    await page.keyboard.type(`Line ${line}`);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.press('Control+Home');
  await settle(page);
  await page.keyboard.press('Control+End');
  await settle(page);
  const toolbar = dialog.getByRole('toolbar', { name: 'Formatting' });
  await toolbar.getByRole('button', { name: 'Table' }).click();
  const table = editor.getByRole('table');
  await expect(table).toBeInViewport({ ratio: 1 });
  await expect(editor).toBeFocused();

  const words = ['Day', 'Time', 'Place', 'Monday', '9:00', 'Clinic', 'Tuesday', '10:00', 'Office'];
  for (const [index, word] of words.entries()) {
    await page.keyboard.type(word);
    if (index < words.length - 1) await page.keyboard.press('Tab');
  }
  await expect(editor).toBeFocused();
  const rows = editor.getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByRole('cell')).toHaveText(['Monday', '9:00', 'Clinic']);
  await expect(rows.nth(2).getByRole('cell')).toHaveText(['Tuesday', '10:00', 'Office']);

  // Tab in the last cell adds a row and goes to its first cell.
  await page.keyboard.press('Tab');
  await expect(rows).toHaveCount(4);
  await page.keyboard.type('Friday');
  await expect(rows.nth(3).getByRole('cell').first()).toHaveText('Friday');
  await expect(dialog.getByRole('toolbar', { name: 'Table' })).toContainText('Row 4 of 4 · Column 1 of 3');

  // Shift+Tab goes back a cell, and from the very first cell it stays in the table.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type('!');
  await expect(rows.nth(2).getByRole('cell').last()).toHaveText('Office!');
  for (let i = 0; i < 12; i++) await page.keyboard.press('Shift+Tab');
  await expect(editor).toBeFocused();
  await page.keyboard.type('When');
  await expect(rows.nth(0).getByRole('columnheader').first()).toHaveText('DayWhen');
  await page.screenshot({ path: screenshotPath('41-table-tabbed') });

  // Outside a table Tab still leaves the editor, so keyboard users are never trapped in it.
  await page.keyboard.press('Control+End');
  await settle(page);
  await page.keyboard.press('Tab');
  await expect(editor).not.toBeFocused();
});

test('Ctrl+Enter sends from CREATE A MESSAGE and from the response box', async ({ page }) => {
  await signIn(page);
  const client = pick(2);
  const name = `${client.first_name} ${client.last_name}`;
  await openProfile(page, client);
  await page.getByRole('button', { name: 'SEND MESSAGE' }).click();
  const dialog = page.getByRole('dialog', { name: 'CREATE A MESSAGE' });
  await expect(dialog.getByRole('textbox', { name: 'Message' })).toBeFocused();
  await page.keyboard.type('Sent with the keyboard alone');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toBeHidden();
  // What the toast says depends on whether the client can read it in the portal yet.
  const account = await stack.server.server.db.query(
    'SELECT 1 FROM client_accounts WHERE client_id = $1::uuid AND active',
    [client.id],
  );
  await expect(
    page.getByText(
      account.rows.length > 0
        ? 'Message sent'
        : `Message saved: ${name} will see it once connected to the Customer Portal`,
    ),
  ).toBeVisible();

  await page.getByRole('tab', { name: 'Messages' }).click();
  await page.getByRole('button', { name: 'Read', exact: true }).first().click();
  const response = page.getByRole('textbox', { name: `Response to ${name}` });
  await expect(response).toBeVisible();
  await response.click();
  await page.keyboard.type('And the answer, also with Ctrl+Enter');
  await page.keyboard.press('Control+Enter');
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages.getByRole('article').filter({ hasText: 'also with Ctrl+Enter' })).toBeVisible();
  await expect(response).not.toContainText('also with Ctrl+Enter');

  const stored = await stack.server.server.db.query<{ body_html: string }>(
    `SELECT m.body_html FROM messages m JOIN threads t ON t.id = m.thread_id
      WHERE t.client_id = $1::uuid ORDER BY m.sent_at`,
    [client.id],
  );
  expect(stored.rows.map((row) => row.body_html)).toEqual([
    '<p>Sent with the keyboard alone</p>',
    '<p>And the answer, also with Ctrl+Enter</p>',
  ]);
});

test('Enter in the client search opens the only match, and not one of several', async ({ page }) => {
  await signIn(page);
  const all = await demoClients(stack.server.server.db);
  const startsWith = (client: DemoClientRow, prefix: string) =>
    [client.first_name, client.last_name].some((part) => part.toLowerCase().startsWith(prefix.toLowerCase()));
  const only = harbor.find(
    (client) => all.filter((other) => startsWith(other, client.last_name)).length === 1,
  );
  if (!only) throw new Error('demo data changed: no Harbor client with a last name of its own');

  const search = page.getByLabel('Search clients');
  await search.fill(only.last_name);
  await search.press('Enter');
  await expect(
    page.getByRole('heading', { level: 1, name: `${only.first_name} ${only.last_name}` }),
  ).toBeVisible();

  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  const several = page.getByLabel('Search clients');
  await several.fill('a');
  await several.press('Enter');
  await expect(page.getByRole('list', { name: 'Clients' }).getByRole('link').nth(1)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Clients', level: 1 })).toBeVisible();
  await expect(several).toBeFocused();
});
