import { type Browser, type BrowserContext, expect, test } from '@playwright/test';
import { startTestServer, type TestServer } from '../support/test-server';
import { screenshotPath, signInToPortal } from './support/portico-stack';

/*
 * A conversation of years on a phone: it opens at its latest messages, and "Show earlier
 * messages" reads back a page at a time until the first. The portal must be built first.
 */

const PHONE = { width: 390, height: 844 };
const OLD_MESSAGES = 120;

let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer();
});

test.afterAll(async () => {
  await server?.close();
});

const phone = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: PHONE, locale: 'en-US' });

test('a long conversation opens at its latest messages and shows earlier ones on request', async ({
  browser,
}) => {
  const thread = await server.server.db.query<{ id: string; staff: string }>(
    `SELECT t.id::text AS id, u.display_name AS staff FROM threads t
       JOIN users u ON u.id = t.staff_id JOIN client_accounts a ON a.client_id = t.client_id
      WHERE a.username = 'victor' ORDER BY t.last_message_at DESC LIMIT 1`,
  );
  const { id, staff } = thread.rows[0] ?? { id: '', staff: '' };
  await server.server.db.query(
    `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id,
                           body_html, body_text, sent_at, delivered_at)
     SELECT gen_random_uuid(), t.id, t.client_id, t.agency_id, t.private, 'staff', t.staff_id,
            '<p>Old note ' || n || '</p>', 'Old note ' || n, now() - interval '1 year' + n * interval '1 minute', now()
       FROM threads t, generate_series(1, $2::int) n WHERE t.id = $1::uuid`,
    [id, OLD_MESSAGES],
  );
  const total = Number(
    (
      await server.server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM messages WHERE thread_id = $1::uuid',
        [id],
      )
    ).rows[0]?.n,
  );

  const context = await phone(browser);
  const page = await context.newPage();
  await signInToPortal(page, server.url, 'victor');
  await page.goto(`${server.url}/portal/messages/${id}`);
  await expect(page.getByRole('heading', { level: 1, name: staff })).toBeVisible();
  const messages = page.getByRole('list', { name: 'Messages in this conversation' }).getByRole('listitem');
  await expect(messages).toHaveCount(50);
  await expect(page.getByText('Old note 1', { exact: true })).toHaveCount(0);

  const earlier = page.getByRole('button', { name: 'Show earlier messages' });
  await expect(earlier).toBeVisible();
  // By keyboard, as on a phone with a keyboard or a switch.
  await earlier.focus();
  await page.keyboard.press('Enter');
  await expect(messages).toHaveCount(100);
  await expect(page.getByRole('status')).toHaveText('Earlier messages shown above.');
  await earlier.click();
  await expect(messages).toHaveCount(total);
  await expect(earlier).toHaveCount(0);
  await expect(page.getByText('Old note 1', { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('portal-long-conversation'), fullPage: false });
  await context.close();
});
