import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { demoClients, HARBOR } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, startPorticoStack } from './support/portico-stack';

let stack: PorticoStack;

test.beforeAll(async () => {
  stack = await startPorticoStack();
});

test.afterAll(async () => {
  await stack?.close();
});

/** A small real PNG (a 48×32 gradient), so the upload passes the desktop's picture check. */
function writePng(path: string): void {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = (table[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const width = 48;
  const height = 32;
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set([31 + x * 3, 109 + y * 2, 127], y * (width * 3 + 1) + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const iend = chunk('IEND', Buffer.alloc(0));
  writeFileSync(
    path,
    Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), iend]),
  );
}

/** Chooses a Format from the toolbar's drop-down for the line the caret is on. */
async function chooseFormat(page: Page, toolbar: Locator, format: string): Promise<void> {
  await toolbar.getByRole('button', { name: /^Format/ }).click();
  await page.getByRole('menuitemradio', { name: format }).click();
  await expect(toolbar.getByRole('button', { name: `Format: ${format}` })).toBeVisible();
}

/**
 * Selects `text`, which ends at the caret. Slate re-renders after each typed character and puts
 * the DOM selection back where its model has it; on a busy machine that can land between two
 * Shift+ArrowLeft presses and cost a character. So the selection is made once the editor shows the
 * text and two frames have passed, and checked: when it is not exactly `text`, the caret goes
 * back to the end of the line and the selection is made again, as a person would redo it.
 */
async function selectBackwards(page: Page, editor: Locator, text: string): Promise<void> {
  await expect(editor).toContainText(text);
  const selected = () => page.evaluate(() => document.getSelection()?.toString() ?? '');
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('End');
    await page.evaluate(
      () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
    );
    await page.keyboard.down('Shift');
    for (let i = 0; i < text.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    if ((await selected()) === text) return;
  }
  expect(await selected()).toBe(text);
}

test('a case manager writes a formatted message, finds it in Read Messages and responds', async ({
  page,
}) => {
  const db = stack.server.server.db;
  const withThreads = new Set(
    (await db.query<{ client_id: string }>('SELECT client_id::text AS client_id FROM threads')).rows.map(
      (row) => row.client_id,
    ),
  );
  const target = (await demoClients(db)).find((c) => c.agency === HARBOR && !withThreads.has(c.id));
  if (!target) throw new Error('demo data changed: no Harbor client without a conversation');
  const name = `${target.first_name} ${target.last_name}`;
  const picture = join(mkdtempSync(join(tmpdir(), 'portico-e2e-picture-')), 'clinic-map.png');
  writePng(picture);

  await page.goto(stack.appUrl);
  await page.getByLabel('Username').fill('casey');
  await page.getByLabel('Password').fill('Portico#2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Online, so the message goes at once and the confirmation says it was sent.
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /online|up to date/i })
      .first(),
  ).toBeVisible();
  await page.getByLabel('Search clients').fill(target.last_name);
  await page
    .getByRole('list', { name: 'Clients' })
    .getByRole('link', { name: new RegExp(`${target.last_name}, ${target.first_name}`) })
    .click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

  // SEND MESSAGE under the photo opens CREATE A MESSAGE.
  await page.getByRole('button', { name: 'SEND MESSAGE' }).click();
  const dialog = page.getByRole('dialog', { name: 'CREATE A MESSAGE' });
  const editor = dialog.getByRole('textbox', { name: 'Message' });
  const toolbar = dialog.getByRole('toolbar', { name: 'Formatting' });
  await expect(editor).toBeFocused();
  await expect(dialog.getByRole('button', { name: 'SEND MESSAGE' })).toBeDisabled();

  await page.keyboard.type('Hello from the front desk.');
  await page.keyboard.press('Enter');
  for (const [mark, words] of [
    ['Bold', 'Bring your ID'],
    ['Italics', 'and a recent letter'],
    ['Underline', 'before Friday'],
  ] as const) {
    const button = toolbar.getByRole('button', { name: mark });
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.type(words);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.type(' ');
  }
  await page.keyboard.press('Enter');
  for (const format of ['Heading 1', 'Heading 2', 'Heading 3', 'Quote']) {
    await page.keyboard.type(`${format} text`);
    await chooseFormat(page, toolbar, format);
    await page.keyboard.press('Enter');
  }
  await page.keyboard.type('Back to a paragraph');
  await chooseFormat(page, toolbar, 'Heading 2');
  await chooseFormat(page, toolbar, 'Paragraph');
  await page.keyboard.press('Enter');

  await toolbar.getByRole('button', { name: 'Numbered list' }).click();
  await expect(toolbar.getByRole('button', { name: 'Numbered list' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.type('First step');
  await page.keyboard.press('Enter');
  await page.keyboard.type('Second step');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
  await expect(toolbar.getByRole('button', { name: 'Bulleted list' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.keyboard.type('A point');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');

  // Image: the file is uploaded through the services and shown from a data URL.
  await dialog.locator('input[type="file"]').setInputFiles(picture);
  const editorPicture = editor.getByRole('img', { name: 'clinic map' });
  await expect(editorPicture).toHaveAttribute('src', /^data:image\/png;base64,/);

  // Table: a 3×3 grid with a header row; add a row from the table toolbar.
  await toolbar.getByRole('button', { name: 'Table' }).click();
  await page.keyboard.type('Day');
  const tableToolbar = dialog.getByRole('toolbar', { name: 'Table' });
  await tableToolbar.getByRole('button', { name: 'Add row' }).click();
  await page.keyboard.type('Monday');
  await expect(editor.getByRole('row')).toHaveCount(4);
  await expect(editor.getByRole('columnheader', { name: 'Day' })).toBeVisible();

  // Link: refused for a script URL, then made from the selected words.
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Directions are on the clinic site');
  await selectBackwards(page, editor, 'clinic site');
  await toolbar.getByRole('button', { name: 'Link' }).click();
  const linkDialog = page.getByRole('dialog', { name: 'Insert link' });
  await linkDialog.getByLabel('Link address').fill('javascript:alert(1)');
  await linkDialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(linkDialog.getByText(/Links can go only to web addresses/)).toBeVisible();
  await linkDialog.getByLabel('Link address').fill('https://example.org/clinic');
  await linkDialog.getByRole('button', { name: 'Insert link' }).click();
  await expect(linkDialog).toBeHidden();
  await expect(editor.getByRole('link', { name: 'clinic site' })).toHaveAttribute(
    'href',
    'https://example.org/clinic',
  );
  await page.screenshot({ path: screenshotPath('10-compose-formatted') });

  // Source: the HTML, edited and read back into the editor.
  await toolbar.getByRole('button', { name: 'Source' }).click();
  const source = dialog.getByRole('textbox', { name: 'Message, HTML source' });
  const html = await source.inputValue();
  for (const tag of [
    '<strong>',
    '<em>',
    '<u>',
    '<h1>',
    '<h2>',
    '<h3>',
    '<blockquote>',
    '<ol>',
    '<ul>',
    '<table>',
  ]) {
    expect(html).toContain(tag);
  }
  expect(html).toMatch(/<img src="\/api\/attachments\/[0-9a-f-]{36}"/);
  await page.screenshot({ path: screenshotPath('11-compose-source') });
  await source.fill(html.replace('Hello from the front desk.', 'Hello again from the front desk.'));
  await toolbar.getByRole('button', { name: 'Source' }).click();
  await expect(editor).toContainText('Hello again from the front desk.');
  await expect(dialog.getByText('Draft saved')).toBeVisible();

  await dialog.getByRole('button', { name: 'SEND MESSAGE' }).click();
  await expect(dialog).toBeHidden();
  // The client has no Customer Portal account: the message is kept for them, not delivered.
  await expect(
    page.getByText(`Message saved: ${name} will see it once connected to the Customer Portal`),
  ).toBeVisible();

  // The copy appears in Read Messages with the PORTAL label; the Read icon opens it.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Inbox/ }).click();
  await page.getByRole('tab', { name: 'Read Messages' }).click();
  const row = page
    .getByRole('list', { name: 'Read Messages' })
    .getByRole('listitem')
    .filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByText('PORTAL', { exact: true })).toBeVisible();
  await page.screenshot({ path: screenshotPath('12-inbox-read-messages') });

  await row.getByRole('button', { name: 'Read', exact: true }).click();
  const messages = page.getByRole('list', { name: 'Messages' });
  const sent = messages.getByRole('article').first();
  await expect(sent.getByRole('heading', { name: 'Heading 1 text' })).toBeVisible();
  await expect(sent.getByRole('link', { name: 'clinic site' })).toHaveAttribute(
    'href',
    'https://example.org/clinic',
  );
  await expect(sent.getByRole('img', { name: 'clinic map' })).toHaveAttribute(
    'src',
    /^data:image\/png;base64,/,
  );
  await expect(sent.getByRole('row')).toHaveCount(4);
  await page.screenshot({ path: screenshotPath('13-thread') });

  const response = page.getByRole('textbox', { name: `Response to ${name}` });
  await response.click();
  await page.keyboard.type('One more thing: the office opens at 9.');
  await page.getByRole('button', { name: 'SEND RESPONSE' }).click();
  await expect(messages.getByRole('article').filter({ hasText: 'the office opens at 9' })).toBeVisible();
  await expect(response).not.toContainText('the office opens');
  await page.screenshot({ path: screenshotPath('14-thread-responded') });

  const stored = await db.query<{ body_html: string }>(
    `SELECT m.body_html FROM messages m JOIN threads t ON t.id = m.thread_id
      WHERE t.client_id = $1::uuid ORDER BY m.sent_at`,
    [target.id],
  );
  expect(stored.rows).toHaveLength(2);
  expect(stored.rows[0]?.body_html).toContain('<a href="https://example.org/clinic"');
  expect(stored.rows[0]?.body_html).not.toContain('javascript:');
});
