import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { demoClients, HARBOR } from '../support/demo-lookup';
import { dialogFit, layoutProblems } from './support/layout-check';
import { type PorticoStack, screenshotPath, startPorticoStack } from './support/portico-stack';

/*
 * The staff window from a laptop with a side panel (800×600) to a desktop monitor (1440×900):
 * the profile, the Inbox, CUSTOMER PORTAL and MASS SENDING, and the dialogs opened from them,
 * filled with a client whose name and email are long, must fit without sideways scrolling or
 * anything cut off. Every screen is photographed, and the pictures are attached to the report.
 */

let stack: PorticoStack;

/** Long, real-world shapes: a double first name, a double-barrelled surname, an agency email. */
const LONG = {
  firstName: 'Maximiliano Alejandro',
  lastName: 'Wolfeschlegelsteinhausen-Bergdorff',
  email: 'maximiliano.alejandro.wolfeschlegelsteinhausen@harborlight-outreach-services.example.org',
};
const LONG_NAME = `${LONG.firstName} ${LONG.lastName}`;
const LONG_URL =
  'https://www.seattle.gov/human-services/emergency-shelter-and-day-center-locations-during-severe-weather?neighborhood=downtown';
const OTHER_NAME = 'Verification of participation in the Supportive Services for Veteran Families program';

let clientId = '';

/** Signs casey in; the desktop's services keep the session, so a later page finds it signed in. */
async function signIn(page: Page): Promise<void> {
  await page.goto(stack.appUrl);
  const online = page
    .getByRole('status')
    .filter({ hasText: /online|up to date/i })
    .first();
  const username = page.getByLabel('Username');
  await expect(username.or(online)).toBeVisible();
  if (await username.isVisible()) {
    await username.fill('casey');
    await page.getByLabel('Password').fill('Portico#2026');
    await page.getByRole('button', { name: 'Sign in' }).click();
  }
  await expect(online).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  // A fresh stack and a sign-in with its first sync; slow on a busy machine, and run again after a failure.
  test.setTimeout(240_000);
  stack = await startPorticoStack();
  const db = stack.server.server.db;
  // Marcus has a conversation, requests, a portal account and a program: every screen shows him.
  const marcus = (await demoClients(db)).find((c) => c.agency === HARBOR && c.first_name === 'Marcus');
  if (!marcus) throw new Error('demo data changed: no Marcus at Harbor Light');
  clientId = marcus.id;

  // The long name and email go in as staff would enter them: Edit details on the profile.
  const page = await browser.newPage();
  await signIn(page);
  await page.goto(`${stack.appUrl}/#/clients/${clientId}`);
  await page.getByRole('button', { name: 'Edit details' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit details' });
  await dialog.getByLabel('First name').fill(LONG.firstName);
  await dialog.getByLabel('Last name').fill(LONG.lastName);
  await dialog.getByLabel('Email').fill(LONG.email);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('heading', { level: 1, name: LONG_NAME })).toBeVisible();
  await expect
    .poll(
      async () =>
        (await db.query<{ email: string }>('SELECT email FROM clients WHERE id = $1::uuid', [clientId]))
          .rows[0]?.email,
    )
    .toBe(LONG.email);
  await page.close();
});

test.afterAll(async () => {
  await stack?.close();
});

/** Lets entrances and late reads finish, so the picture and the measures are of a settled screen. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.waitForTimeout(300);
}

/**
 * Photographs the window as a person sees it and attaches the picture to the test's report. A page
 * (no dialog open) is photographed from its top, then each further screenful of it; where it was
 * scrolled to is put back afterwards.
 */
async function photograph(
  page: Page,
  testInfo: TestInfo,
  name: string,
  { whole = true }: { whole?: boolean } = {},
): Promise<void> {
  const save = async (file: string) => {
    await settle(page);
    const path = screenshotPath(file);
    await page.screenshot({ path });
    await testInfo.attach(file, { path, contentType: 'image/png' });
  };
  if ((await page.locator('dialog[open]').count()) > 0) {
    await save(name);
    return;
  }
  const main = page.locator('.shell__main');
  const start = await main.evaluate((el) => {
    const was = el.scrollTop;
    el.scrollTop = 0;
    return was;
  });
  await save(name);
  for (let part = 2; whole && part <= 4; part++) {
    const moved = await main.evaluate((el) => {
      const before = el.scrollTop;
      el.scrollTop = before + el.clientHeight - 48;
      return el.scrollTop > before;
    });
    if (!moved) break;
    await settle(page);
    await save(`${name}-${part}`);
  }
  await main.evaluate((el, top) => {
    el.scrollTop = top;
  }, start);
}

/**
 * Measures the screen and fails with every problem found, in words. Soft, so one run goes on to
 * measure and photograph every other screen too.
 */
async function expectFits(page: Page, where: string): Promise<void> {
  const problems = await layoutProblems(page);
  expect
    .soft(
      problems.map((p) => `${p.what}: ${p.element} (${p.detail})`),
      `${where} does not fit the window`,
    )
    .toEqual([]);
}

/** The open dialog lies inside the window, scrolls inside its body, and keeps its buttons in reach. */
async function expectDialogFits(page: Page, where: string): Promise<void> {
  expect.soft(await dialogFit(page), `${where} does not fit the window`).toEqual([]);
  await expectFits(page, where);
}

const SIZES = [
  { width: 800, height: 600 },
  { width: 1440, height: 900 },
] as const;

for (const size of SIZES) {
  const label = `${size.width}x${size.height}`;
  const shot = (name: string) => `90-window-${label}-${name}`;

  test(`at ${label} the profile, Inbox, CUSTOMER PORTAL and MASS SENDING fit the window`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(240_000);
    await page.setViewportSize(size);
    await signIn(page);

    // The profile: header with the portal connection, the cards, the record tabs.
    await page.goto(`${stack.appUrl}/#/clients/${clientId}`);
    await expect(page.getByRole('heading', { level: 1, name: LONG_NAME })).toBeVisible();
    await expect(page.getByText(LONG.email)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Customer Portal' })).toBeVisible();
    await photograph(page, testInfo, shot('profile'));
    await expectFits(page, `The profile at ${label}`);

    for (const tab of ['Customer Portal', 'Documents']) {
      await page.getByRole('tablist', { name: 'Client records' }).getByRole('tab', { name: tab }).click();
      await expect(page.getByRole('tabpanel')).toBeVisible();
      await photograph(page, testInfo, shot(`profile-${tab.toLowerCase().replace(/ /g, '-')}`));
      await expectFits(page, `The profile's ${tab} tab at ${label}`);
    }

    await page.getByRole('button', { name: 'Edit details' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit details' });
    await expect(edit.getByLabel('Email')).toHaveValue(LONG.email);
    await photograph(page, testInfo, shot('edit-details'));
    await expectDialogFits(page, `Edit details at ${label}`);
    await edit.getByRole('button', { name: 'Cancel' }).click();
    await expect(edit).toBeHidden();

    // CREATE A MESSAGE: the editor, its toolbar and SEND MESSAGE all in reach; a long link wraps.
    await page.getByRole('button', { name: PRODUCT_TEXTS.sendMessage }).click();
    const compose = page.getByRole('dialog', { name: PRODUCT_TEXTS.createAMessage });
    const editor = compose.getByRole('textbox', { name: 'Message' });
    await expect(editor).toBeFocused();
    await page.keyboard.type(
      `The weather shelter list for tonight is at ${LONG_URL} and the doors open at 6 pm.`,
    );
    await page.keyboard.press('Enter');
    await page.keyboard.type('Bring your ID if you have it. Call me if the bus does not come.');
    await expect(compose.getByRole('toolbar', { name: 'Formatting' })).toBeVisible();
    await photograph(page, testInfo, shot('create-a-message'));
    await expectDialogFits(page, `CREATE A MESSAGE at ${label}`);
    await compose.getByRole('button', { name: PRODUCT_TEXTS.sendMessage }).click();
    await expect(compose).toBeHidden();

    // CUSTOMER PORTAL, and SEND REQUEST TO THE CUSTOMER PORTAL with a long Other Name.
    await page.getByRole('button', { name: PRODUCT_TEXTS.customerPortalRequests }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'CUSTOMER PORTAL' })).toBeVisible();
    await page.getByRole('button', { name: PRODUCT_TEXTS.sendNewRequest }).click();
    const request = page.getByRole('dialog', { name: PRODUCT_TEXTS.sendRequestToTheCustomerPortal });
    await request.getByLabel('Type of request').selectOption({ label: 'Documents' });
    await request.getByLabel('Category').selectOption({ label: 'Income' });
    await request.getByLabel('Predefined Name').selectOption({ label: 'Other' });
    await request.getByLabel('Other Name').fill(OTHER_NAME);
    await photograph(page, testInfo, shot('send-request'));
    await expectDialogFits(page, `SEND REQUEST TO THE CUSTOMER PORTAL at ${label}`);
    await request.getByRole('button', { name: PRODUCT_TEXTS.sendRequest }).click();
    await expect(request).toBeHidden();
    const table = page.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: OTHER_NAME }).first()).toBeVisible();
    await photograph(page, testInfo, shot('customer-portal'));
    await expectFits(page, `CUSTOMER PORTAL at ${label}`);

    // The Inbox: each box, then a conversation with the long link in it.
    const rail = page.getByRole('navigation', { name: 'Main' });
    await rail.getByRole('link', { name: /Inbox/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Inbox' })).toBeVisible();
    const boxes = page.getByRole('tablist', { name: 'Inbox' });
    for (const box of ['Unread', PRODUCT_TEXTS.readMessages, 'Notifications']) {
      await boxes.getByRole('tab', { name: new RegExp(`^${box}`) }).click();
      await expect(boxes.getByRole('tab', { name: new RegExp(`^${box}`) })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expect(page.getByRole('tabpanel').locator('[aria-busy="true"]')).toHaveCount(0);
      await photograph(page, testInfo, shot(`inbox-${box.toLowerCase().replace(/ /g, '-')}`));
      await expectFits(page, `The Inbox's ${box} at ${label}`);
    }
    // Writing to the client from the profile leaves their earlier message as it was (writing is
    // not reading): the conversation is under Unread until someone opens it.
    const unread = await stack.server.server.db.query<{ staff_unread: boolean }>(
      `SELECT t.staff_unread FROM threads t JOIN users u ON u.id = t.staff_id
        WHERE t.client_id = $1::uuid AND u.username = 'casey'`,
      [clientId],
    );
    const box = unread.rows[0]?.staff_unread ? /^Unread/ : new RegExp(`^${PRODUCT_TEXTS.readMessages}`);
    await boxes.getByRole('tab', { name: box }).click();
    await page
      .getByRole('tabpanel')
      .getByRole('listitem')
      .filter({ hasText: LONG_NAME })
      .first()
      .getByRole('button', { name: 'Read' })
      .click();
    await expect(page.getByRole('listitem').filter({ hasText: LONG_URL }).first()).toBeVisible();
    await photograph(page, testInfo, shot('conversation'));
    await expectFits(page, `A conversation at ${label}`);

    // MASS SENDING: a program's recipients (the long name among them), the editor, a request tab.
    await rail.getByRole('link', { name: 'Mass sending' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'MASS SENDING' })).toBeVisible();
    await page.getByRole('group', { name: 'Programs' }).getByRole('checkbox', { name: 'Select all' }).check();
    const recipients = page.getByRole('table', { name: 'Recipients' });
    await expect(
      recipients.getByRole('row').filter({ hasText: `${LONG.lastName}, ${LONG.firstName}` }),
    ).toBeVisible();
    await page.getByRole('textbox', { name: 'Message' }).click();
    await page.keyboard.type(
      'The office is closed on Monday for the holiday. Messages will be answered on Tuesday.',
    );
    // The long name sorts last: the list scrolls to it so the picture shows it.
    await recipients
      .getByRole('row')
      .filter({ hasText: `${LONG.lastName}, ${LONG.firstName}` })
      .scrollIntoViewIfNeeded();
    await photograph(page, testInfo, shot('mass-sending'));
    await expectFits(page, `MASS SENDING at ${label}`);
    await page.getByRole('tablist', { name: 'What to send' }).getByRole('tab', { name: 'Document' }).click();
    await expect(page.getByLabel('Category')).toBeVisible();
    await photograph(page, testInfo, shot('mass-sending-document'));
    await expectFits(page, `MASS SENDING's Document tab at ${label}`);

    // The message goes, and the job's progress and per-client results (the long name too) fit.
    await page.getByRole('tablist', { name: 'What to send' }).getByRole('tab', { name: 'Message' }).click();
    const send = page.getByRole('button', { name: /^Send to \d+ clients?$/ });
    const sendLabel = (await send.textContent())?.trim() ?? '';
    const total = sendLabel.replace(/\D/g, '');
    await send.click();
    const confirm = page.getByRole('alertdialog', { name: `${sendLabel}?` });
    await photograph(page, testInfo, shot('mass-sending-confirm'));
    await expectFits(page, `The mass send's confirmation at ${label}`);
    await confirm.getByRole('button', { name: sendLabel }).click();
    const progress = page.getByRole('progressbar', { name: 'Clients processed' });
    await expect(progress).toHaveAttribute('aria-valuenow', total, { timeout: 30_000 });
    const results = page.getByRole('table', { name: 'Results per client' });
    await expect(results.getByRole('row').filter({ hasText: LONG_NAME })).toBeVisible();
    await photograph(page, testInfo, shot('mass-sending-results'));
    await expectFits(page, `A mass send's results at ${label}`);
  });
}

/**
 * Widths between the two, on either side of where the layout changes: the breakpoints at 960, 1000,
 * 1040 and 1100 px, and near 1070 and 1120 px where the profile's Customer Portal panel moves under the name.
 */
const BETWEEN = [880, 980, 1024, 1060, 1080, 1110, 1180];

test('between the two, at every width where the layout changes, the same screens fit the window', async ({
  page,
}, testInfo) => {
  test.setTimeout(240_000);
  await signIn(page);
  const screens = [
    { name: 'profile', hash: `#/clients/${clientId}`, heading: LONG_NAME },
    { name: 'customer-portal', hash: `#/clients/${clientId}/customer-portal`, heading: 'CUSTOMER PORTAL' },
    { name: 'inbox', hash: '#/inbox', heading: 'Inbox' },
    { name: 'mass-sending', hash: '#/mass-sending', heading: 'MASS SENDING' },
  ];
  for (const width of BETWEEN) {
    await page.setViewportSize({ width, height: 720 });
    for (const screen of screens) {
      await page.goto(`${stack.appUrl}/${screen.hash}`);
      await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
      await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
      await photograph(page, testInfo, `91-window-${width}-${screen.name}`, { whole: false });
      await expectFits(page, `${screen.name} at ${width}px`);
    }
  }
});
