import { expect, type Page, test } from '@playwright/test';
import { HARBOR } from '../support/demo-lookup';
import { type PorticoStack, screenshotPath, startPorticoStack } from './support/portico-stack';

const PASSWORD = 'Portico#2026';

async function signIn(page: Page, stack: PorticoStack): Promise<void> {
  await page.goto(stack.appUrl);
  await page.getByLabel('Username').fill('casey');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

async function firstHarborClient(stack: PorticoStack): Promise<{ id: string; name: string }> {
  const result = await stack.server.server.db.query<{ id: string; name: string }>(
    `SELECT c.id::text AS id, c.first_name || ' ' || c.last_name AS name
       FROM clients c JOIN agencies a ON a.id = c.agency_id WHERE a.name = $1
      ORDER BY c.last_name LIMIT 1`,
    [HARBOR],
  );
  const client = result.rows[0];
  if (!client) throw new Error('demo data changed: no Harbor Light Outreach client');
  return client;
}

test.describe('idle lock', () => {
  let stack: PorticoStack;

  test.beforeAll(async () => {
    // Locks after 3 seconds without input, so the test does not wait 15 minutes.
    stack = await startPorticoStack({ desktopEnv: { PORTICO_IDLE_LOCK_MS: '3000' } });
  });

  test.afterAll(async () => {
    await stack?.close();
  });

  test('the app locks when left alone, hides every record, and unlocks to the same screen', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const client = await firstHarborClient(stack);
    await signIn(page, stack);
    await page.goto(`${stack.appUrl}/#/clients/${client.id}`);

    const locked = page.getByRole('heading', { name: 'Portico is locked' });
    await expect(locked).toBeVisible({ timeout: 20_000 });
    // Nothing of the app is on the page: not the client's name, not the navigation.
    await expect(page.getByText(client.name)).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
    await expect(page.getByText('Signed in as Casey Morgan')).toBeVisible();
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.screenshot({ path: screenshotPath('75-lock-screen') });

    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).toHaveText('The password is incorrect.');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.screenshot({ path: screenshotPath('76-lock-screen-wrong-password') });

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    // The screen the person was on comes back.
    await expect(page.getByRole('heading', { level: 1, name: client.name })).toBeVisible();
    expect(page.url()).toContain(`#/clients/${client.id}`);

    // Left alone again it locks again; too many wrong passwords end the session.
    await expect(locked).toBeVisible({ timeout: 20_000 });
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.getByLabel('Password').fill(`wrong ${attempt}`);
      await page.getByRole('button', { name: 'Unlock' }).click();
      if (attempt < 5) await expect(page.getByRole('alert')).toHaveText('The password is incorrect.');
    }
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText('Too many wrong passwords. Sign in again to continue.');
    await page.screenshot({ path: screenshotPath('77-signed-out-after-wrong-passwords') });
  });
});

test.describe('sign-out and the lock setting', () => {
  let stack: PorticoStack;

  test.beforeAll(async () => {
    stack = await startPorticoStack();
  });

  test.afterAll(async () => {
    await stack?.close();
  });

  test('MY INFO sets the idle time; signing out with an unsent draft asks first', async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, stack);

    // Lock Portico after: out of range is explained and not saved; a good value is kept.
    await page.goto(`${stack.appUrl}/#/my-info`);
    const minutes = page.getByLabel('Lock Portico after');
    await expect(minutes).toHaveValue('15');
    await minutes.fill('200');
    await minutes.press('Enter');
    await expect(page.getByText('Lock after at most 120 minutes.')).toBeVisible();
    await minutes.fill('30');
    await minutes.press('Enter');
    await expect(page.getByText('Lock after at most 120 minutes.')).toHaveCount(0);
    await expect.poll(async () => (await stack.desktop.api.settings.get()).idleLockMinutes).toBe(30);
    await expect.poll(async () => (await stack.desktop.api.session.lockState()).idleMinutes).toBe(30);
    await page
      .getByRole('region', { name: 'Screen lock' })
      .evaluate((card) => card.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: screenshotPath('78-my-info-lock-setting') });

    // A draft left unsent: signing out says so, and Keep working keeps everything.
    const client = await firstHarborClient(stack);
    await page.goto(`${stack.appUrl}/#/clients/${client.id}`);
    await page.getByRole('button', { name: 'SEND MESSAGE' }).click();
    const compose = page.getByRole('dialog');
    await compose.getByRole('textbox', { name: 'Message' }).click();
    await page.keyboard.type('A message I have not finished');
    await expect(compose.getByText('Draft saved')).toBeVisible();
    await compose.getByRole('button', { name: 'Close' }).click();

    const signOut = async () => {
      await page.getByRole('button', { name: /Casey Morgan/ }).click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
    };
    await signOut();
    const confirm = page.getByRole('alertdialog', { name: 'Sign out and delete unsent work?' });
    await expect(confirm).toContainText('1 draft is unsent. Signing out deletes it from this computer.');
    await expect(confirm.getByRole('button', { name: 'Keep working' })).toBeFocused();
    await page.waitForTimeout(250);
    await page.screenshot({ path: screenshotPath('79-sign-out-unsent-work') });
    await confirm.getByRole('button', { name: 'Keep working' }).click();
    await expect(confirm).toBeHidden();
    await expect(page.getByRole('heading', { level: 1, name: client.name })).toBeVisible();

    await signOut();
    await confirm.getByRole('button', { name: 'Sign out and delete' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  });
});
