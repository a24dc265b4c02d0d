import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, expect, type Page, test } from '@playwright/test';
import type { AssessmentField } from '../../shared/domain/requests';
import { PRODUCT_TEXTS } from '../../shared/text/product-texts';
import { HARBOR } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, signInAsStaff, startPorticoStack } from './support/portico-stack';

/*
 * The whole loop the Customer Portal exists for: a case manager invites a client, the client joins
 * on a phone, the case manager sends a formatted message and a request of each type, the client
 * reads and answers everything in the portal, and the case manager's desktop shows it all.
 */

let stack: PorticoStack;
const files = mkdtempSync(join(tmpdir(), 'portico-loop-'));
const picture = join(files, 'office-map.png');
const idScan = join(files, 'state-id.pdf');
writeFileSync(idScan, '%PDF-1.4\n% a scanned State ID\n');

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

interface LoopClient {
  id: string;
  first_name: string;
  last_name: string;
}

/** A Harbor client on casey's care team with no portal account and no ROI in force. */
async function unconnectedClient(): Promise<LoopClient> {
  const result = await stack.server.server.db.query<LoopClient>(
    `SELECT c.id::text AS id, c.first_name, c.last_name
       FROM clients c JOIN agencies a ON a.id = c.agency_id
       JOIN care_team ct ON ct.client_id = c.id AND ct.end_date IS NULL
       JOIN users u ON u.id = ct.staff_id AND u.username = 'casey'
      WHERE a.name = $1
        AND NOT EXISTS (SELECT 1 FROM client_accounts ca WHERE ca.client_id = c.id)
        AND NOT EXISTS (SELECT 1 FROM client_records r WHERE r.client_id = c.id AND r.kind = 'roi')
      ORDER BY c.last_name LIMIT 1`,
    [HARBOR],
  );
  const client = result.rows[0];
  if (!client) throw new Error('demo data changed: no unconnected client of casey without an ROI');
  return client;
}

async function phone(browser: Browser): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  return context.newPage();
}

async function waitForOutbox(): Promise<void> {
  await expect.poll(async () => (await stack.desktop.api.outbox.list()).length, { timeout: 30_000 }).toBe(0);
}

test('a client joins, reads and answers everything, and the case manager sees it all', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const client = await unconnectedClient();
  const name = `${client.first_name} ${client.last_name}`;

  // 1. The case manager invites the client from the profile.
  await signInAsStaff(page, stack.appUrl);
  // A real picture to put in the message: a small screenshot of the app itself.
  writeFileSync(picture, await page.screenshot({ clip: { x: 0, y: 0, width: 120, height: 80 } }));
  await page.goto(`${stack.appUrl}/#/clients/${client.id}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  const card = page.getByRole('region', { name: 'Customer Portal' });
  await card.getByRole('button', { name: 'Send invite' }).click();
  const inviteUrl = await card.getByRole('textbox', { name: 'Invite link' }).inputValue();
  expect(inviteUrl).toContain('/portal/join#');
  await page.screenshot({ path: screenshotPath('loop-01-desktop-invite') });

  // 2. The client opens the link on a phone and joins.
  const portal = await phone(browser);
  await portal.goto(inviteUrl);
  await expect(portal.getByRole('heading', { name: 'Create your account' })).toBeVisible();
  await portal.screenshot({ path: screenshotPath('loop-02-portal-join'), fullPage: true });
  await portal.getByLabel('Username').fill(`loop.${client.first_name.toLowerCase().replace(/[^a-z]/g, '')}`);
  await portal.getByRole('textbox', { name: 'Password', exact: true }).fill('Harbor2026x');
  await portal.getByRole('textbox', { name: 'Type the password again' }).fill('Harbor2026x');
  await portal.getByRole('button', { name: 'Create account' }).click();
  await expect(portal.getByRole('heading', { name: `Hello, ${client.first_name}` })).toBeVisible();
  await expect(card.getByText('Connected', { exact: true })).toBeVisible({ timeout: 30_000 });

  // 3. The case manager sends a message with a picture, a table and a link, and one request of each type.
  const desktop = stack.desktop.api;
  const { url: pictureUrl } = await desktop.attachments.addImage({ path: picture });
  await desktop.messages.send({
    clientId: client.id,
    threadId: null,
    html:
      '<p>Hello! Here is the <a href="https://example.org/shelters">list of shelters</a>.</p>' +
      '<table><tbody><tr><th>Day</th><th>Hours</th></tr><tr><td>Monday</td><td>9 to 5</td></tr></tbody></table>' +
      `<img src="${pictureUrl}" alt="Map to our office">`,
  });
  const options = await desktop.requests.options({ clientId: client.id });
  const assessment = options.assessments[0];
  const category = options.documentCategories.find((c) => c.predefinedNames.length > 0);
  if (!assessment || !category?.predefinedNames[0]) throw new Error('demo catalog changed');
  expect(options.roiAllowed).toBe(true);
  const base = { clientId: client.id, private: false };
  await desktop.requests.send({ ...base, type: 'assessment', assessmentDefinitionId: assessment.id });
  await desktop.requests.send({
    ...base,
    type: 'document',
    documentCategoryId: category.id,
    documentName: category.predefinedNames[0],
  });
  await desktop.requests.send({ ...base, type: 'location' });
  await desktop.requests.send({ ...base, type: 'roi' });
  await waitForOutbox();
  // Delivered (the client is connected), not seen yet: the client has not opened it.
  await expect
    .poll(async () => {
      const [entry] = await desktop.threads.forClient({ clientId: client.id });
      const view = entry && (await desktop.threads.get({ threadId: entry.threadId }));
      const sent = view?.messages.find((message) => message.senderKind === 'staff');
      return sent ? { delivered: sent.deliveredAt !== null, seen: sent.seenAt !== null } : undefined;
    })
    .toEqual({ delivered: true, seen: false });

  // 4. The client reads the message exactly as formatted and replies.
  await portal.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Messages' }).click();
  await expect(portal.getByRole('heading', { name: 'Messages', level: 1 })).toBeVisible();
  await portal.screenshot({ path: screenshotPath('loop-03-portal-messages'), fullPage: true });
  await portal.getByRole('list', { name: 'Conversations' }).getByRole('link').first().click();
  const image = portal.getByRole('img', { name: 'Map to our office' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  await expect(portal.getByRole('cell', { name: 'Monday' })).toBeVisible();
  const link = portal.getByRole('link', { name: /list of shelters/ });
  await expect(link).toHaveAttribute('target', '_blank');
  await expect(link).toHaveAttribute('rel', /noopener/);
  await portal.screenshot({ path: screenshotPath('loop-04-portal-thread'), fullPage: true });
  await portal.getByLabel('Your reply').fill('Thank you! I will come on Monday.');
  await portal.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(portal.getByText('Your message was sent.')).toBeVisible();

  // 5. The client answers each request.
  const nav = portal.getByRole('navigation', { name: 'Main' });
  const openRequest = async (matcher: RegExp) => {
    await nav.getByRole('link', { name: 'Requests' }).click();
    await expect(portal.getByRole('heading', { name: 'Requests', level: 1 })).toBeVisible();
    await portal.getByRole('link', { name: matcher }).first().click();
  };
  await nav.getByRole('link', { name: 'Requests' }).click();
  await expect(portal.getByRole('heading', { name: 'Requests', level: 1 })).toBeVisible();
  await portal.screenshot({ path: screenshotPath('loop-05-portal-requests'), fullPage: true });

  await openRequest(new RegExp(assessment.name));
  const definition = await stack.server.server.db.query<{ fields: AssessmentField[] }>(
    'SELECT fields FROM assessment_definitions WHERE id = $1::uuid',
    [assessment.id],
  );
  for (const field of definition.rows[0]?.fields ?? []) {
    if (!field.required) continue;
    const control = portal.getByLabel(field.label, { exact: false }).first();
    if (field.type === 'select') await control.selectOption(field.options[0] ?? '');
    else if (field.type === 'checkbox') await control.check();
    else if (field.type === 'number') await control.fill('3');
    else if (field.type === 'date') await control.fill('2026-12-01');
    else await control.fill('At the shelter on 5th Street');
  }
  await expect(portal.getByText('All required questions are answered.')).toBeVisible();
  await portal.screenshot({ path: screenshotPath('loop-06-portal-assessment'), fullPage: true });
  await portal.getByRole('button', { name: 'Send answers' }).click();
  await expect(portal.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  await openRequest(new RegExp(category.predefinedNames[0]));
  await portal.locator('input[type="file"]').setInputFiles(idScan);
  await expect(portal.getByText('state-id.pdf')).toBeVisible();
  await portal.screenshot({ path: screenshotPath('loop-07-portal-document'), fullPage: true });
  await portal.getByRole('button', { name: 'Upload' }).click();
  await expect(portal.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  await openRequest(/Share where you are|Location/);
  await portal.getByLabel('Address or place').fill('The bench by the library on 5th Street');
  await portal.screenshot({ path: screenshotPath('loop-08-portal-location'), fullPage: true });
  await portal.getByRole('button', { name: 'Share location' }).click();
  await expect(portal.getByRole('heading', { name: 'Thank you!' })).toBeVisible();

  await openRequest(/release of information/i);
  await portal.getByLabel('Your full name').fill(name);
  await portal.screenshot({ path: screenshotPath('loop-09-portal-roi'), fullPage: true });
  await portal.getByRole('button', { name: 'Sign', exact: true }).click();
  await expect(portal.getByRole('heading', { name: 'Thank you!' })).toBeVisible();
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(portal.getByText('Nothing is waiting for you right now.')).toBeVisible();
  await portal.screenshot({ path: screenshotPath('loop-10-portal-dashboard-done'), fullPage: true });

  // 6. The case manager's desktop shows the reply, the Inbox notifications, the OS notifications
  //    and each record on its tab.
  const rail = page.getByRole('navigation', { name: 'Main' });
  await rail.getByRole('link', { name: /Inbox/ }).click();
  await page.getByRole('tab', { name: /Unread/ }).click();
  const conversation = page.getByRole('listitem').filter({ hasText: 'I will come on Monday' });
  await expect(conversation.getByText(PRODUCT_TEXTS.portalLabel, { exact: true })).toBeVisible({
    timeout: 30_000,
  });
  await conversation.getByRole('button', { name: 'Read' }).click();
  await expect(page.getByText('Thank you! I will come on Monday.')).toBeVisible();
  // The client had the case manager's message on their phone's screen: the desktop says when.
  await expect(page.locator('.message--staff').getByText(/^Seen /)).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: screenshotPath('loop-11-desktop-reply') });

  await rail.getByRole('link', { name: /Inbox/ }).click();
  await page.getByRole('tab', { name: /Notifications/ }).click();
  const notifications = page.getByRole('list', { name: 'Notifications' }).getByRole('listitem');
  await expect(notifications.filter({ hasText: client.first_name })).toHaveCount(4, { timeout: 30_000 });
  await page.screenshot({ path: screenshotPath('loop-12-desktop-notifications') });

  const shown = (await (await fetch(`${stack.desktop.url}/host/test/notifications`)).json()) as {
    title: string;
  }[];
  expect(shown.some((n) => n.title === `New message from ${name}`)).toBe(true);
  expect(shown.filter((n) => n.title.includes(client.first_name)).length).toBeGreaterThanOrEqual(5);

  const expectedOnTab: [string, string | RegExp][] = [
    ['Assessments', assessment.name],
    ['Documents', 'state-id.pdf'],
    ['Location', 'The bench by the library on 5th Street'],
    ['Release of Information', name],
  ];
  for (const [tab, text] of expectedOnTab) {
    await page.goto(`${stack.appUrl}/#/clients/${client.id}`);
    await page.getByRole('tablist', { name: 'Client records' }).getByRole('tab', { name: tab }).click();
    await expect(page.getByRole('article').filter({ hasText: text }).first()).toBeVisible({
      timeout: 30_000,
    });
  }
  await page.screenshot({ path: screenshotPath('loop-13-desktop-roi-record'), fullPage: true });
});
