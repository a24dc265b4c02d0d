import { randomUUID } from 'node:crypto';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { roiTerm } from '../../shared/domain/roi-rule';
import { todayInTimeZone } from '../../shared/domain/time-zone';
import { DEMO_PORTAL_PASSWORD } from '../support/portal-client';
import { careTeamClients } from './support/portal-fulfilment';
import { catalogOf, sendRequest } from './support/portal-world';
import { type PorticoStack, screenshotPath, startPorticoStack } from './support/portico-stack';

/*
 * The Release of Information a client signs on a phone (390×844): what is shared, with whom and
 * until when; their own name, or they are told what to write; the date set by the agency's
 * calendar. The assessment form's status line and number questions. And, on the desktop, ROIs
 * signed while another was active (made before the one-active-ROI rule) flagged on the profile.
 */

const PHONE = { width: 390, height: 844 };
const HARBOR_ZONE = 'America/Los_Angeles';

let stack: PorticoStack;
let casey: string;

test.beforeAll(async () => {
  stack = await startPorticoStack();
  const response = await fetch(`${stack.server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'casey', password: 'Portico#2026' }),
  });
  casey = ((await response.json()) as { token: string }).token;
});

test.afterAll(async () => {
  await stack?.close();
});

const portal = (path = '/') => `${stack.server.url}/portal${path}`;
const db = () => stack.server.server.db;

async function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: PHONE, locale: 'en-US' });
}

async function portalSignIn(page: Page, username: string): Promise<void> {
  await page.goto(portal());
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(DEMO_PORTAL_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^Hello/ })).toBeVisible();
}

/** A demo client with a portal account, by username: their id and name as the agency has it. */
async function portalClient(username: string): Promise<{ id: string; name: string }> {
  const result = await db().query<{ id: string; name: string }>(
    `SELECT c.id::text AS id, c.first_name || ' ' || c.last_name AS name
       FROM clients c JOIN client_accounts a ON a.client_id = c.id WHERE a.username = $1`,
    [username],
  );
  const row = result.rows[0];
  if (!row) throw new Error(`demo client ${username} not found`);
  return row;
}

/** "November 24, 2026", as the portal writes a calendar day in English. */
const longDay = (iso: string) =>
  new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );

test('a client reads what the release shares, with whom and until when, and signs with their own name', async ({
  browser,
}) => {
  const tyrone = await portalClient('tyrone');
  expect(tyrone.name).toBe('Tyrone Harris');
  const catalog = await catalogOf(db(), 'casey', 'Housing Needs Assessment');
  const requestId = await sendRequest(stack.server.url, casey, tyrone.id, 'roi', catalog);
  const context = await phone(browser);
  const page = await context.newPage();
  await portalSignIn(page, 'tyrone');
  await page.goto(portal(`/requests/${requestId}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Release of Information' })).toBeVisible();

  const today = todayInTimeZone(HARBOR_ZONE);
  const term = roiTerm(today, 365);
  const terms = page.locator('dl.roi-terms');
  await expect(terms.getByText('What is shared')).toBeVisible();
  await expect(terms).toContainText('the messages, assessments, documents and locations you send');
  await expect(terms).toContainText(
    'Harbor Light Outreach, and the other agencies that share records in Portico: Northside Family Shelter.',
  );
  await expect(terms).toContainText(`From${longDay(term.startDate)}`);
  await expect(terms).toContainText(`Until${longDay(term.endDate)}`);
  // The date is the agency's today, set for the client: shown, not asked.
  await expect(page.getByText('Date signed')).toBeVisible();
  await expect(page.locator('.roi-signed-on')).toContainText(`Date signed${longDay(today)}`);
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: screenshotPath('portal-roi-terms-390'), fullPage: true });

  // Only the first name: told exactly what to write, next to the field, which takes the focus.
  const name = page.getByLabel('Your full name');
  await name.fill('Tyrone');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  const told = 'Type your full name as Harbor Light Outreach has it: Tyrone Harris.';
  await expect(page.locator('.field-error', { hasText: told })).toBeVisible();
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: screenshotPath('portal-roi-name-refused-390'), fullPage: true });
  const records = async () =>
    (
      await db().query<{ n: number }>(
        `SELECT count(*)::int AS n FROM client_records WHERE request_id = $1::uuid`,
        [requestId],
      )
    ).rows[0]?.n;
  expect(await records()).toBe(0);

  // Case and extra spaces do not matter.
  await name.fill('  tyrone   HARRIS ');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  const signed = await db().query<{ data: { signedDate: string; startDate: string; endDate: string } }>(
    'SELECT data FROM client_records WHERE request_id = $1::uuid',
    [requestId],
  );
  expect(signed.rows[0]?.data).toMatchObject({ signedDate: today, ...term });
  await context.close();
});

test('a client whose record is not shared reads that only their agency may share, in Spanish too', async ({
  browser,
}) => {
  // Linh's record is kept to Harbor Light.
  const linh = await portalClient('linh');
  const catalog = await catalogOf(db(), 'casey', 'Housing Needs Assessment');
  const requestId = await sendRequest(stack.server.url, casey, linh.id, 'roi', catalog);
  const context = await phone(browser);
  const page = await context.newPage();
  await portalSignIn(page, 'linh');
  await page.goto(portal(`/requests/${requestId}`));
  const terms = page.locator('dl.roi-terms');
  await expect(terms).toContainText(
    'Harbor Light Outreach only. Your record is not shared with other agencies.',
  );
  await page.getByRole('button', { name: 'Español' }).click();
  await expect(terms).toContainText(
    'Solo Harbor Light Outreach. Su expediente no se comparte con otras agencias.',
  );
  await expect(terms.getByText('Qué se comparte')).toBeVisible();
  await page.screenshot({ path: screenshotPath('portal-roi-terms-es-390'), fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await context.close();
});

test('when the day turns while the page is open, the client sees the new dates before signing', async ({
  browser,
}) => {
  const maria = await portalClient('maria');
  const catalog = await catalogOf(db(), 'casey', 'Housing Needs Assessment');
  const requestId = await sendRequest(stack.server.url, casey, maria.id, 'roi', catalog);
  const context = await phone(browser);
  const page = await context.newPage();
  await portalSignIn(page, 'maria');
  await page.goto(portal(`/requests/${requestId}`));
  await expect(page.getByText('Date signed')).toBeVisible();
  // The page's date is yesterday's by the time the client signs: the server refuses it.
  await page.route('**/api/portal/requests/*/roi', async (route) => {
    const body = route.request().postDataJSON() as { signedName: string; signedDate: string };
    const yesterday = new Date(Date.parse(`${body.signedDate}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    await route.continue({ postData: JSON.stringify({ ...body, signedDate: yesterday }) });
  });
  await page.getByLabel('Your full name').fill(maria.name);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    'The date changed while this page was open. Check the new dates below, then sign again.',
  );
  await page.unroute('**/api/portal/requests/*/roi');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await context.close();
});

test('the assessment form says all is answered only when it can be sent, and number questions refuse text and negatives', async ({
  browser,
}) => {
  const tyrone = await portalClient('tyrone');
  const catalog = await catalogOf(db(), 'casey', 'Housing Needs Assessment');
  const requestId = await sendRequest(stack.server.url, casey, tyrone.id, 'assessment', catalog);
  const context = await phone(browser);
  const page = await context.newPage();
  await portalSignIn(page, 'tyrone');
  await page.goto(portal(`/requests/${requestId}`));
  await expect(page.getByRole('heading', { level: 1, name: 'Assessment' })).toBeVisible();

  const status = page.locator('#assessment-status');
  const send = page.getByRole('button', { name: 'Send answers' });
  const household = page.getByLabel('How many people are in your household, including you?');
  const income = page.getByLabel('Total monthly household income (dollars)');
  await expect(status).toHaveText('2 required questions left to answer.');
  await expect(send).toBeDisabled();

  await page.getByLabel('Where did you stay last night?').selectOption('Emergency shelter');
  await household.fill('two');
  // Every required question has an answer, but one of them is text: not "all answered".
  await expect(status).toHaveText('1 answer needs fixing: it is marked above.');
  await expect(status).not.toContainText('All required questions are answered.');
  const householdError = page.locator('.field-error', {
    hasText: 'Enter a number, using digits only (for example 3 or 12.50).',
  });
  await expect(householdError).toBeVisible();
  await expect(household).toHaveAttribute('aria-invalid', 'true');

  await income.fill('-250');
  await expect(
    page.locator('.field-error', { hasText: 'Enter 0 or more: this answer cannot be negative.' }),
  ).toBeVisible();
  await expect(status).toHaveText('2 answers need fixing: they are marked above.');

  // Sending takes the client to the first answer to fix, its message beside it.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await expect(household).not.toBeInViewport();
  await send.click();
  await expect(household).toBeFocused();
  await expect(household).toBeInViewport();
  await expect(householdError).toBeInViewport();
  await page.screenshot({ path: screenshotPath('portal-assessment-fix-390') });
  const records = await db().query<{ n: number }>(
    'SELECT count(*)::int AS n FROM client_records WHERE request_id = $1::uuid',
    [requestId],
  );
  expect(records.rows[0]?.n).toBe(0);

  await household.fill('0');
  await expect(page.locator('.field-error', { hasText: 'Enter 1 or more.' })).toBeVisible();
  await household.fill('3');
  await income.fill('1200.50');
  await expect(status).toHaveText('All required questions are answered.');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('portal-assessment-ready-390'), fullPage: true });
  await send.click();
  await expect(page.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await context.close();
});

test('the profile flags ROIs signed while another was active, kept as they are', async ({ page }) => {
  const clients = await careTeamClients(db(), 'casey');
  const client = clients.find((each) => each.roiAllowed && each.roiBlockedBy === null && !each.portal);
  if (!client) throw new Error('demo data changed: need a client of casey with no ROI');
  const today = todayInTimeZone(HARBOR_ZONE);
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  // Two ROIs signed 20 days apart, both active for most of a year: made before the rule held.
  for (const start of [-60, -40]) {
    await db().query(
      `INSERT INTO client_records (id, client_id, agency_id, kind, submitted_by, title, data)
       SELECT $1::uuid, c.id, c.agency_id, 'roi', 'client', 'Release of Information', $2::jsonb
         FROM clients c WHERE c.id = $3::uuid`,
      [
        randomUUID(),
        JSON.stringify({
          signedName: client.name,
          signedDate: day(start),
          ...roiTerm(day(start), 365),
          active: true,
        }),
        client.clientId,
      ],
    );
  }

  await page.goto(stack.appUrl);
  await page.getByLabel('Username').fill('casey');
  await page.getByLabel('Password').fill('Portico#2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.goto(`${stack.appUrl}/#/clients/${client.clientId}`);
  await expect(page.getByRole('heading', { level: 1, name: client.name })).toBeVisible();
  const flag = page.getByRole('button', { name: 'Duplicate Release of Information' });
  await expect(flag).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: screenshotPath('40-profile-duplicate-roi-flag') });

  await flag.click();
  await expect(page.getByRole('tab', { name: 'Release of Information' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  await expect(
    page.getByText(
      'One Release of Information, marked Duplicate, was signed while another was still active.',
    ),
  ).toBeVisible();
  const cards = page.getByRole('article', { name: 'Release of Information' });
  await expect(cards).toHaveCount(2);
  // The later one is the duplicate; both stay as signed.
  await expect(cards.nth(0).getByText('Duplicate', { exact: true })).toBeVisible();
  await expect(cards.nth(1).getByText('Duplicate', { exact: true })).toHaveCount(0);
  await expect(cards.nth(0).getByText('Active', { exact: true })).toBeVisible();
  await expect(cards.nth(1).getByText('Active', { exact: true })).toBeVisible();
  await page.getByRole('tablist', { name: 'Client records' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('40b-roi-tab-duplicate') });
  await page.setViewportSize({ width: 800, height: 600 });
  await page.getByRole('tablist', { name: 'Client records' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('40c-roi-tab-duplicate-800') });
  await flag.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('40d-profile-duplicate-roi-flag-800') });
});
