import { expect, test } from '@playwright/test';
import { smsSignature } from '../../server/nudges/sms-sender';
import { demoClientIds, idAt } from '../support/demo-world';
import { sendAsStaffOk } from '../support/messaging';
import { type MailOutlet, type SmsOutlet, startMailOutlet, startSmsOutlet } from '../support/nudge-outlets';
import { signIn as apiSignIn } from '../support/test-server';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * The staff side of nudges, in the desktop at 800x600: a case manager sets a client's notices to
 * text with the client's consent and a code the client reads back; the provider later reports the
 * text undelivered, and the profile says so ("Last SMS failed: number unreachable").
 */

const WINDOW = { width: 800, height: 600 };
/** 10 am in Los Angeles (PST, UTC-8), outside the default quiet hours. */
const TEN_AM = new Date(Date.UTC(2026, 11, 8, 18));

let stack: PorticoStack;
let mail: MailOutlet;
let sms: SmsOutlet;

test.beforeAll(async () => {
  mail = await startMailOutlet();
  sms = await startSmsOutlet();
  stack = await startPorticoStack({
    server: {
      config: {
        smtpUrl: mail.url,
        sms: { url: sms.url, accountSid: sms.accountSid, authToken: sms.authToken, from: '+15035550100' },
      },
      nudges: { clock: () => TEN_AM, pollMs: 200 },
    },
  });
});

test.afterAll(async () => {
  await stack?.close();
  await mail?.close();
  await sms?.close();
});

test('staff set text notices with consent and see a delivery failure on the profile', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize(WINDOW);
  const marcusId = idAt(await demoClientIds(stack.server.server.db), 0);
  await signInAsStaff(page, stack.appUrl);
  await page.goto(`${stack.appUrl}/#/clients/${marcusId}`);
  const card = page.getByRole('region', { name: 'Customer Portal' });
  await expect(card.locator('.nudges__summary')).toContainText(
    'None: the client is not told of new messages',
  );
  await card.getByRole('button', { name: 'Change notices…' }).click();

  const dialog = page.getByRole('dialog', { name: 'Notices by email or text' });
  await dialog.getByText('Text (SMS)', { exact: true }).click();
  await dialog.getByLabel('Mobile number').fill('(503) 555-0199');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(/Ask Marcus .* first, then tick this box\./)).toBeVisible();
  await dialog.getByRole('checkbox', { name: /agreed to these notices/ }).check();
  await page.screenshot({ path: screenshotPath('profile-nudges-dialog') });
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByText(/Saved\. Verify each new address/)).toBeVisible();
  await dialog.getByRole('button', { name: /Send a code to/ }).click();
  await expect(dialog.getByLabel(/Code sent to \+1 ••• ••• 0199/)).toBeVisible();
  const code = /\b(\d{6})\b/.exec(sms.texts.at(-1)?.body ?? '')?.[1] ?? '';
  expect(sms.texts.at(-1)?.to).toBe('+15035550199');
  await dialog.getByLabel(/Code sent to/).fill(code);
  await dialog.getByRole('button', { name: 'Verify' }).click();
  await expect(dialog.getByRole('button', { name: /Send a code to/ })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close', exact: true }).last().click();
  await expect(card.locator('.nudges__summary')).toContainText('By text to +1 ••• ••• 0199.');

  // A message goes out as a text; the provider reports it undelivered.
  const casey = await apiSignIn(stack.server.url, 'casey');
  const before = sms.texts.length;
  await sendAsStaffOk(stack.server.url, casey, { clientId: marcusId, html: '<p>See you Tuesday</p>' });
  await expect.poll(() => sms.texts.length).toBe(before + 1);
  const sent = sms.texts.at(-1);
  expect(sent?.body).not.toContain('Tuesday');
  const statusUrl = `${stack.server.url}/api/nudges/sms/status`;
  const report = { MessageSid: sent?.sid ?? '', MessageStatus: 'undelivered', ErrorCode: '30003' };
  const answer = await fetch(statusUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': smsSignature(sms.authToken, statusUrl, report),
    },
    body: new URLSearchParams(report).toString(),
  });
  expect(answer.status).toBe(200);

  await page.reload();
  await expect(card.getByText(/Last SMS failed: number unreachable/)).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('profile-nudges-failure') });
});
