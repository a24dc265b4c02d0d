import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, expect, test } from '@playwright/test';
import { demoClientIds, idAt } from '../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../support/test-server';
import { inviteClient } from './support/portal-world';
import { screenshotPath, signInToPortal } from './support/portico-stack';

/*
 * What a client sees of the portal's protections, on a phone, in English and in Spanish: the
 * password rule when joining (and a commonly used password refused by the server), the message
 * limits (per minute, and the length of one message), and the storage quota for uploads. The
 * server runs with small limits so a test reaches them. The portal must be built first.
 */

const PHONE = { width: 390, height: 844 };
const LIMITS = { messagesPerMinute: 2, messagesPerDay: 100, storageQuotaBytes: 64 * 1024 };

let server: TestServer;
let casey: string;
let ids: string[];
const folder = mkdtempSync(join(tmpdir(), 'portico-limits-'));

test.beforeAll(async () => {
  server = await startTestServer({ portalLimits: LIMITS });
  casey = await signIn(server.url, 'casey');
  ids = await demoClientIds(server.server.db);
});

test.afterAll(async () => {
  await server?.close();
});

const phone = (browser: Browser): Promise<BrowserContext> =>
  browser.newContext({ viewport: PHONE, locale: 'en-US' });

test('joining says the password rule, and refuses a commonly used password, in English and Spanish', async ({
  browser,
}) => {
  const context = await phone(browser);
  const page = await context.newPage();
  await page.goto(await inviteClient(server.url, casey, idAt(ids, 6)));
  await expect(page.getByRole('heading', { level: 1, name: 'Create your account' })).toBeVisible();
  const rule =
    'Use at least 10 characters, with at least one letter and one number. Common passwords such as “password123” are not accepted.';
  await expect(page.getByText(rule)).toBeVisible();

  const choose = async (password: string, submit: string) => {
    await page.getByLabel(/^(Password|Contraseña)/).fill(password);
    await page.getByLabel(/^(Type the password again|Escriba la contraseña otra vez)/).fill(password);
    await page.getByRole('button', { name: submit }).click();
  };
  await page.getByLabel('Username').fill('devon.w');
  await choose('password1', 'Create account');
  const passwordField = page.locator('.field-invalid');
  await expect(passwordField.locator('.field-error')).toHaveText(rule);
  await choose('password123', 'Create account');
  await expect(passwordField.locator('.field-error')).toHaveText(
    'That password is one of the most commonly used, so it is easy to guess. Choose another one.',
  );
  await expect(page.getByLabel(/^Password/)).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: screenshotPath('portal-join-common-password'), fullPage: true });

  await page.getByRole('button', { name: 'Español' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cree su cuenta' })).toBeVisible();
  const regla =
    'Use al menos 10 caracteres, con al menos una letra y un número. No se aceptan contraseñas comunes como «password123».';
  await choose('password1', 'Crear la cuenta');
  await expect(passwordField.locator('.field-error')).toHaveText(regla);
  await choose('Password123', 'Crear la cuenta');
  await expect(passwordField.locator('.field-error')).toHaveText(
    'Esa contraseña es una de las más usadas, así que es fácil de adivinar. Elija otra.',
  );
  await page.screenshot({ path: screenshotPath('portal-join-common-password-es'), fullPage: true });

  await choose('walk2thepark', 'Crear la cuenta');
  await expect(page.getByRole('heading', { level: 1, name: /^Hola/ })).toBeVisible();
  await context.close();
});

test('a client sees the message limits, and keeps what they wrote', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  await signInToPortal(page, server.url, 'marcus');
  await page.getByRole('navigation').getByRole('link', { name: 'Messages' }).click();
  await page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('link', { name: /Casey Morgan/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Casey Morgan' })).toBeVisible();

  const box = page.getByLabel('Your reply');
  const send = page.getByRole('button', { name: 'Send' });
  const conversation = page.getByRole('list', { name: 'Messages in this conversation' });
  // The next message may be typed while one is on its way: sending must not wipe it.
  let releaseFirst: () => void = () => undefined;
  const firstHeld = new Promise<void>((resolve) => {
    releaseFirst = resolve;
  });
  await page.route('**/api/portal/threads/*/messages', async (route) => {
    await firstHeld;
    await route.continue();
  });
  await box.fill('First question.');
  await send.click();
  await expect(send).toBeDisabled();
  await box.fill('Second question.');
  releaseFirst();
  await expect(conversation.getByText('First question.')).toBeVisible();
  await expect(box).toHaveValue('Second question.');
  await page.unroute('**/api/portal/threads/*/messages');
  await send.click();
  await expect(conversation.getByText('Second question.')).toBeVisible();
  await expect(box).toHaveValue('');
  await box.fill('Third question, too soon.');
  await send.click();
  await expect(page.getByRole('alert')).toHaveText(
    'You have sent a lot of messages in the last minute. Wait a minute, then send this one again. What you wrote is still here.',
  );
  await expect(box).toHaveValue('Third question, too soon.');
  await page.screenshot({ path: screenshotPath('portal-message-rate-limit'), fullPage: true });

  // Near the length limit the box counts; past it, the message is not sent.
  await box.fill('word '.repeat(850));
  await expect(page.getByText('4,250 of 5,000 characters')).toBeVisible();
  await box.fill('x'.repeat(5_001));
  await send.click();
  await expect(page.locator('.field-error')).toHaveText(
    'This message is 5,001 characters long. Keep it to 5,000 characters, or send it in parts.',
  );
  await page.screenshot({ path: screenshotPath('portal-message-too-long') });

  await page.getByRole('button', { name: 'Español' }).click();
  const caja = page.getByLabel('Su respuesta');
  await caja.fill('Tercera pregunta.');
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Ha enviado muchos mensajes en el último minuto. Espere un minuto y vuelva a enviar este. Lo que escribió sigue aquí.',
  );
  await caja.fill('y'.repeat(5_001));
  await page.getByRole('button', { name: 'Enviar' }).click();
  await expect(page.locator('.field-error')).toHaveText(
    'Este mensaje tiene 5,001 caracteres. Use 5,000 como máximo, o envíelo en partes.',
  );
  await page.screenshot({ path: screenshotPath('portal-message-limits-es'), fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await context.close();
});

test('a client sees when their documents have reached the storage quota', async ({ browser }) => {
  const context = await phone(browser);
  const page = await context.newPage();
  await signInToPortal(page, server.url, 'aaliyah');
  await page.getByRole('navigation').getByRole('link', { name: 'Documents' }).click();
  const scan = join(folder, 'lease-scan.pdf');
  writeFileSync(scan, Buffer.alloc(80 * 1024, 7));
  await page.getByLabel('What is it?').fill('Lease');
  await page.locator('input[type="file"]').setInputFiles(scan);
  await page.getByRole('button', { name: 'Send document' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Your documents have reached the space the portal keeps for each client, so these files cannot be uploaded. Ask your case manager for help.',
  );
  await page.screenshot({ path: screenshotPath('portal-storage-quota'), fullPage: true });
  await page.getByRole('button', { name: 'Español' }).click();
  await page.getByRole('button', { name: 'Enviar el documento' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Sus documentos llegaron al espacio que el portal guarda para cada cliente, así que estos archivos no se pueden subir. Pida ayuda a su administrador de casos.',
  );
  await page.getByRole('button', { name: 'English' }).click();
  await context.close();
});
