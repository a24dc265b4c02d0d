import { type Browser, type BrowserContext, expect, test } from '@playwright/test';
import { smsSignature } from '../../server/nudges/sms-sender';
import { demoClientIds, idAt } from '../support/demo-world';
import { sendAsStaffOk } from '../support/messaging';
import { type MailOutlet, type SmsOutlet, startMailOutlet, startSmsOutlet } from '../support/nudge-outlets';
import { signIn, startTestServer, type TestServer } from '../support/test-server';
import { screenshotPath, signInToPortal } from './support/portico-stack';

/*
 * Nudges and the privacy page as a client meets them, on a phone. A real SMTP server
 * (smtp-server) and a local server in the SMS provider's shape run in this process; the agency
 * server's nudge worker polls every 200 ms on a clock the test sets (an in-process option of the
 * test server, which production cannot reach), so "10 am" and "11 pm" are the test's to choose.
 * The portal must be built first (npm run build).
 */

const PHONE = { width: 390, height: 844 };
/** Harbor Light's time zone is America/Los_Angeles: PST (UTC-8) in December. */
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour + 8, minute));
/** Long enough for several worker rounds: what has not gone by then is being held back. */
const SEVERAL_ROUNDS_MS = 1_500;

let server: TestServer;
let mail: MailOutlet;
let sms: SmsOutlet;
let now = at(3, 9);
let casey: string;
let ids: string[];

test.beforeAll(async () => {
  mail = await startMailOutlet();
  sms = await startSmsOutlet();
  server = await startTestServer({
    config: {
      smtpUrl: mail.url,
      smtpFrom: 'Portico <nudges@portal.test>',
      sms: { url: sms.url, accountSid: sms.accountSid, authToken: sms.authToken, from: '+15035550100' },
    },
    nudges: { clock: () => now, pollMs: 200 },
  });
  casey = await signIn(server.url, 'casey');
  ids = await demoClientIds(server.server.db);
});

test.afterAll(async () => {
  await server?.close();
  await mail?.close();
  await sms?.close();
});

const portal = (path = '/') => `${server.url}/portal${path}`;
const phone = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: PHONE, locale: 'en-US' });

const mailsTo = (address: string) => mail.mails.filter((each) => each.to === address);

test('a client opts in to email, verifies the code, and is nudged by the rules', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  await signInToPortal(page, server.url, 'marcus');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.getByRole('radio', { name: 'Email', exact: true }).check();
  await page.getByLabel('Email address').fill('marcus@example.org');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your notice settings are saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByText('We sent a 6-digit code to marcus@example.org.')).toBeVisible();
  const code = /\b(\d{6})\b/.exec(mailsTo('marcus@example.org').at(-1)?.text ?? '')?.[1] ?? '';
  expect(code).toMatch(/^\d{6}$/);
  await page.getByLabel('Code').fill(code);
  await page.screenshot({ path: screenshotPath('portal-notices-code'), fullPage: true });
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('Verified. Notices will go to marcus@example.org.')).toBeVisible();
  await expect(page.locator('.address-verified')).toHaveText('Verified');
  await page.screenshot({ path: screenshotPath('portal-notices'), fullPage: true });

  // 10 am: one staff message makes one mail, without the message or the agency.
  const marcusId = idAt(ids, 0);
  const before = mailsTo('marcus@example.org').length;
  now = at(3, 10);
  await sendAsStaffOk(server.url, casey, {
    clientId: marcusId,
    html: '<p>Your housing interview is on Tuesday</p>',
  });
  await expect.poll(() => mailsTo('marcus@example.org').length).toBe(before + 1);
  await page.waitForTimeout(SEVERAL_ROUNDS_MS);
  expect(mailsTo('marcus@example.org').length).toBe(before + 1);
  const nudge = mailsTo('marcus@example.org').at(-1);
  expect(nudge?.text).toContain(`You have a new message. Open your portal: ${server.url}/portal/`);
  expect(nudge?.text).not.toMatch(/housing interview|Harbor Light/);

  // 11 pm: quiet hours; it waits until 8 am.
  now = at(3, 23);
  await sendAsStaffOk(server.url, casey, { clientId: marcusId, html: '<p>A late note</p>' });
  await page.waitForTimeout(SEVERAL_ROUNDS_MS);
  now = at(4, 7, 59);
  await page.waitForTimeout(SEVERAL_ROUNDS_MS);
  expect(mailsTo('marcus@example.org').length).toBe(before + 1);
  now = at(4, 8);
  await expect.poll(() => mailsTo('marcus@example.org').length).toBe(before + 2);

  // The unsubscribe link stops email at once, without signing in.
  const link = /(http\S+\/portal\/unsubscribe#[A-Za-z0-9_-]+)/.exec(
    mailsTo('marcus@example.org').at(-1)?.text ?? '',
  )?.[1];
  expect(link).toBeDefined();
  const stranger = await phone(browser);
  const unsubscribePage = await stranger.newPage();
  await unsubscribePage.goto(link ?? '');
  await expect(unsubscribePage.getByText('You will get no more email notices.')).toBeVisible();
  await unsubscribePage.screenshot({ path: screenshotPath('portal-unsubscribed'), fullPage: true });
  now = at(4, 12);
  await sendAsStaffOk(server.url, casey, { clientId: marcusId, html: '<p>After unsubscribing</p>' });
  await page.waitForTimeout(SEVERAL_ROUNDS_MS);
  expect(mailsTo('marcus@example.org').length).toBe(before + 2);
  await page.reload();
  await expect(page.getByText(/You stopped email notices on/)).toBeVisible();
  await context.close();
  await stranger.close();
});

test('STOP by text stops text nudges at once', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  await signInToPortal(page, server.url, 'aaliyah');
  await page.goto(portal('/settings'));
  await page.getByRole('radio', { name: 'Text message', exact: true }).check();
  await page.getByLabel('Mobile number').fill('(503) 555-0142');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Your notice settings are saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Send me a code' }).click();
  await expect(page.getByText(/We sent a 6-digit code to \+1 ••• ••• 0142/)).toBeVisible();
  const code = /\b(\d{6})\b/.exec(sms.texts.at(-1)?.body ?? '')?.[1] ?? '';
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByText('Verified. Notices will go to +15035550142.')).toBeVisible();

  const aaliyahId = idAt(ids, 1);
  now = at(5, 10);
  const before = sms.texts.length;
  await sendAsStaffOk(server.url, casey, { clientId: aaliyahId, html: '<p>Your ROI</p>' });
  await expect.poll(() => sms.texts.length).toBe(before + 1);
  expect(sms.texts.at(-1)?.body).toBe(`You have a new message. Open your portal: ${server.url}/portal/`);

  // The provider forwards the client's reply, signed over the address it calls.
  const inbound = `${server.url}/api/nudges/sms/inbound`;
  const form = { From: '+15035550142', Body: 'STOP' };
  const answer = await fetch(inbound, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': smsSignature(sms.authToken, inbound, form),
    },
    body: new URLSearchParams(form).toString(),
  });
  expect(answer.status).toBe(200);
  now = at(5, 12);
  await sendAsStaffOk(server.url, casey, { clientId: aaliyahId, html: '<p>After STOP</p>' });
  await page.waitForTimeout(SEVERAL_ROUNDS_MS);
  expect(sms.texts.length).toBe(before + 1);
  await page.reload();
  await expect(page.getByText(/You replied STOP on/)).toBeVisible();
  await context.close();
});

test('the privacy page shows who can see the record and who looked at it', async ({ browser }) => {
  const marcusId = idAt(ids, 0);
  const jordan = await signIn(server.url, 'jordan');
  // What two desktops report as their staff open Marcus's record (as main/services/audit does).
  const report = async (token: string, what: string, minutesAgo: number) => {
    const response = await fetch(`${server.url}/api/audit/views`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        views: [
          { clientId: marcusId, viewedAt: new Date(Date.now() - minutesAgo * 60_000).toISOString(), what },
        ],
      }),
    });
    expect(response.status).toBe(200);
  };
  await report(casey, 'profile', 120);
  await report(casey, 'messages', 60);
  await report(jordan, 'records:document', 5);

  const context = await phone(browser);
  const page = await context.newPage();
  await signInToPortal(page, server.url, 'marcus');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Who can see my record, and who looked at it' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'My privacy' })).toBeVisible();
  const whoCanSee = page.locator('.reason-list');
  await expect(whoCanSee).toContainText('Harbor Light Outreach keeps your record.');
  await expect(whoCanSee).toContainText(
    'Northside Family Shelter can see it because Harbor Light Outreach shares your record with the agencies in this system.',
  );
  const views = page.locator('.view-entry .view-text');
  await expect(views.first()).toHaveText(
    'Shelter case manager at Northside Family Shelter viewed your documents',
  );
  await expect(views.nth(1)).toHaveText('Case manager at Harbor Light Outreach viewed your messages');
  await expect(views.nth(2)).toHaveText('Case manager at Harbor Light Outreach viewed your profile');
  // No staff names unless the agency turns that on.
  await expect(page.locator('.view-list')).not.toContainText('Casey');
  await expect(page.locator('.view-list')).not.toContainText('Jordan');
  await page.screenshot({ path: screenshotPath('portal-privacy'), fullPage: true });

  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mi privacidad' })).toBeVisible();
  await expect(views.first()).toHaveText(
    'Shelter case manager de Northside Family Shelter vio sus documentos',
  );
  await page.screenshot({ path: screenshotPath('portal-privacy-es'), fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await context.close();
});
