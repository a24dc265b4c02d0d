import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smsSignature } from '../../../server/nudges/sms-sender';
import type { NudgeSettingsView } from '../../../shared/domain/nudges';
import { expectStatus, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { portalSignIn, sendAsStaffOk } from '../../support/messaging';
import {
  type MailOutlet,
  postAsProvider,
  type SmsOutlet,
  startMailOutlet,
  startSmsOutlet,
} from '../../support/nudge-outlets';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const SERVER_START_MS = 180_000;

/** Instants in Harbor Light's time zone (America/Los_Angeles, PST in December: UTC-8). */
const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 11, day, hour + 8, minute));

/*
 * Nudges end to end on the server: a real SMTP server and a local HTTP server in the SMS
 * provider's shape receive what the worker sends; the worker's clock is the test's.
 */
describe('nudges by email and text', () => {
  let ts: TestServer;
  let mail: MailOutlet;
  let sms: SmsOutlet;
  let now = at(3, 10);
  let casey: string;
  let marcus: string;
  let marcusId: string;
  let aaliyah: string;
  let aaliyahId: string;
  const publicUrl = 'http://portal.test';

  beforeAll(async () => {
    mail = await startMailOutlet();
    sms = await startSmsOutlet();
    ts = await startTestServer({
      config: {
        smtpUrl: mail.url,
        smtpFrom: 'Portico <nudges@portal.test>',
        publicUrl,
        sms: { url: sms.url, accountSid: sms.accountSid, authToken: sms.authToken, from: '+15035550100' },
      },
      // Rounds run when the test says (runOnce), never on their own.
      nudges: { clock: () => now, pollMs: 3_600_000 },
    });
    const ids = await demoClientIds(ts.server.db);
    marcusId = idAt(ids, 0);
    casey = await signIn(ts.url, 'casey');
    marcus = await portalSignIn(ts.url, 'marcus');
    aaliyah = await portalSignIn(ts.url, 'aaliyah');
    aaliyahId = idAt(ids, 1);
  }, SERVER_START_MS);

  afterAll(async () => {
    await ts?.close();
    await mail?.close();
    await sms?.close();
  });

  const portal = (token: string, path: string, method = 'GET', json?: unknown) =>
    request(ts.url, `/api/portal/nudges${path}`, { method, token, ...(json === undefined ? {} : { json }) });
  const round = () => ts.server.nudges.runOnce();
  const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? '';

  it('sends a code to the address and uses it only once verified', async () => {
    const saved = await portal(marcus, '', 'PUT', {
      channel: 'email',
      email: 'marcus@example.org',
      phone: '',
      showDetails: false,
      quietHours: null,
    });
    expectStatus(saved, 200);
    const view = saved.body as NudgeSettingsView;
    expect(view.available).toEqual({ email: true, sms: true });
    expect(view.email).toEqual({ value: 'marcus@example.org', verified: false, stoppedAt: null });
    expect(view.agencyQuietHours).toEqual({ start: '21:00', end: '08:00' });

    // Not verified yet: a message queues no nudge.
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>Before verifying</p>' });
    expect(await round()).toBe(0);

    expectStatus(await portal(marcus, '/code', 'POST', { channel: 'email' }), 200);
    const codeMail = mail.mails.at(-1);
    expect(codeMail?.to).toBe('marcus@example.org');
    const code = codeIn(codeMail?.text ?? '');
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await portal(marcus, '/verify', 'POST', {
      channel: 'email',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.status).toBe(400);
    expect((wrong.body as { message: string }).message).toMatch(/not right\. 4 tries left/);
    const verified = await portal(marcus, '/verify', 'POST', { channel: 'email', code });
    expectStatus(verified, 200);
    expect((verified.body as NudgeSettingsView).email.verified).toBe(true);
    // A code works once.
    expect((await portal(marcus, '/verify', 'POST', { channel: 'email', code })).status).toBe(409);
  });

  it('at 10 am a staff message makes one mail, without the message or the agency', async () => {
    now = at(3, 10);
    const before = mail.mails.length;
    await sendAsStaffOk(ts.url, casey, {
      clientId: marcusId,
      html: '<p>Your housing appointment is Tuesday</p>',
    });
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>Bring your ID</p>' });
    expect(await round()).toBe(1);
    expect(await round()).toBe(0);
    expect(mail.mails.length).toBe(before + 1);
    const nudge = mail.mails.at(-1);
    expect(nudge?.to).toBe('marcus@example.org');
    expect(nudge?.subject).toBe('You have a new message');
    expect(nudge?.text).toContain(`You have a new message. Open your portal: ${publicUrl}/portal/`);
    expect(nudge?.text).not.toMatch(/housing|Bring your ID|Harbor Light/i);
    // mailparser gathers List-* headers under "list": RFC 8058's one-click pair.
    const list = JSON.stringify(nudge?.headers.get('list') ?? '');
    expect(list).toContain(`${publicUrl}/api/nudges/unsubscribe/`);
    expect(list).toContain('List-Unsubscribe=One-Click');
  });

  it('waits an hour after a nudge, then sends one for what came meanwhile', async () => {
    now = at(3, 10, 20);
    const before = mail.mails.length;
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>One more thing</p>' });
    expect(await round()).toBe(0);
    now = at(3, 10, 59);
    expect(await round()).toBe(0);
    now = at(3, 11, 0);
    expect(await round()).toBe(1);
    expect(mail.mails.length).toBe(before + 1);
  });

  it('at 11 pm it waits until 8 am in the agency’s time zone', async () => {
    now = at(3, 23);
    const before = mail.mails.length;
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>Late note</p>' });
    expect(await round()).toBe(0);
    now = at(4, 7, 59);
    expect(await round()).toBe(0);
    expect(mail.mails.length).toBe(before);
    now = at(4, 8, 0);
    expect(await round()).toBe(1);
    expect(mail.mails.length).toBe(before + 1);
  });

  it('keeps the client’s own quiet hours instead of the agency’s', async () => {
    const saved = await portal(marcus, '', 'PUT', {
      channel: 'email',
      email: 'marcus@example.org',
      phone: '',
      showDetails: true,
      quietHours: { start: '12:00', end: '14:00' },
    });
    expectStatus(saved, 200);
    expect((saved.body as NudgeSettingsView).email.verified).toBe(true);
    now = at(4, 12, 30);
    const before = mail.mails.length;
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>Lunch time note</p>' });
    expect(await round()).toBe(0);
    now = at(4, 14, 0);
    expect(await round()).toBe(1);
    // Show details: the agency's name, still never the message.
    expect(mail.mails.at(-1)?.text).toContain('Harbor Light');
    expect(mail.mails.length).toBe(before + 1);
    expect(mail.mails.at(-1)?.text).not.toContain('Lunch time note');
  });

  it('stops at once when the unsubscribe link is used', async () => {
    const last = mail.mails.at(-1)?.text ?? '';
    const token = /\/portal\/unsubscribe#([A-Za-z0-9_-]+)/.exec(last)?.[1] ?? '';
    expect(token).not.toBe('');
    now = at(4, 16);
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>Queued before the click</p>' });
    const done = await request(ts.url, `/api/nudges/unsubscribe/${token}`, { method: 'POST' });
    expectStatus(done, 200);
    // A mail client's RFC 8058 one-click POST is a form; it is answered the same way.
    const oneClick = await request(ts.url, `/api/nudges/unsubscribe/${token}`, {
      method: 'POST',
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expectStatus(oneClick, 200);
    const before = mail.mails.length;
    expect(await round()).toBe(0);
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>After</p>' });
    now = at(4, 18);
    expect(await round()).toBe(0);
    expect(mail.mails.length).toBe(before);
    const view = (await portal(marcus, '')).body as NudgeSettingsView;
    expect(view.email.stoppedAt).not.toBeNull();
    expect(
      (await request(ts.url, '/api/nudges/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAA', { method: 'POST' })).status,
    ).toBe(404);
  });

  it('texts through the provider, records its delivery report and shows a failure to staff', async () => {
    now = at(5, 10);
    const saved = await portal(aaliyah, '', 'PUT', {
      channel: 'sms',
      email: '',
      phone: '(503) 555-0142',
      showDetails: false,
      quietHours: null,
    });
    expectStatus(saved, 200);
    expect((saved.body as NudgeSettingsView).phone.value).toBe('+15035550142');
    expectStatus(await portal(aaliyah, '/code', 'POST', { channel: 'sms' }), 200);
    const codeText = sms.texts.at(-1);
    expect(codeText?.to).toBe('+15035550142');
    expect(codeText?.from).toBe('+15035550100');
    expectStatus(
      await portal(aaliyah, '/verify', 'POST', { channel: 'sms', code: codeIn(codeText?.body ?? '') }),
      200,
    );

    await sendAsStaffOk(ts.url, casey, { clientId: aaliyahId, html: '<p>Your ROI is ready</p>' });
    expect(await round()).toBe(1);
    const nudge = sms.texts.at(-1);
    expect(nudge?.body).toBe(`You have a new message. Open your portal: ${publicUrl}/portal/`);
    expect(nudge?.statusCallback).toBe(`${publicUrl}/api/nudges/sms/status`);

    const statusUrl = `${ts.url}/api/nudges/sms/status`;
    // The server checks signatures over its public address, as the provider signs them.
    const unsigned = await postAsProvider(
      statusUrl,
      sms.authToken,
      { MessageSid: nudge?.sid ?? '', MessageStatus: 'delivered' },
      'bad',
    );
    expect(unsigned.status).toBe(403);
    const delivered = await postSigned(sms.authToken, `${publicUrl}/api/nudges/sms/status`, statusUrl, {
      MessageSid: nudge?.sid ?? '',
      MessageStatus: 'delivered',
    });
    expect(delivered.status).toBe(200);
    const row = await ts.server.db.query<{ status: string; provider_status: string }>(
      'SELECT status, provider_status FROM nudges WHERE provider_id = $1',
      [nudge?.sid],
    );
    expect(row.rows[0]).toEqual({ status: 'delivered', provider_status: 'delivered' });

    now = at(5, 12);
    await sendAsStaffOk(ts.url, casey, { clientId: aaliyahId, html: '<p>Another</p>' });
    expect(await round()).toBe(1);
    const second = sms.texts.at(-1);
    const failed = await postSigned(sms.authToken, `${publicUrl}/api/nudges/sms/status`, statusUrl, {
      MessageSid: second?.sid ?? '',
      MessageStatus: 'undelivered',
      ErrorCode: '30003',
    });
    expect(failed.status).toBe(200);
    const profile = await request(ts.url, `/api/clients/${aaliyahId}/nudges`, { token: casey });
    expectStatus(profile, 200);
    const failures = (profile.body as NudgeSettingsView).lastFailures;
    expect(failures).toEqual([
      expect.objectContaining({ channel: 'sms', reason: 'number unreachable', retrying: true }),
    ]);
    // Retried with back-off: not at once, after a minute.
    expect(await round()).toBe(0);
    now = at(5, 13, 1);
    expect(await round()).toBe(1);
    expect(
      (
        (await request(ts.url, `/api/clients/${aaliyahId}/nudges`, { token: casey }))
          .body as NudgeSettingsView
      ).lastFailures,
    ).toEqual([]);
  });

  it('takes the provider’s word that a number said STOP, and sends it nothing more', async () => {
    const ids = await demoClientIds(ts.server.db);
    const joseId = idAt(ids, 2);
    await ts.server.db.query(
      `INSERT INTO client_nudge_settings (client_id, channel, phone, phone_verified_at)
       VALUES ($1::uuid, 'sms', '+15035550177', now())`,
      [joseId],
    );
    sms.refuse.set('+15035550177', 21610);
    now = at(5, 14);
    await sendAsStaffOk(ts.url, casey, { clientId: joseId, html: '<p>Hello José</p>' });
    expect(await round()).toBe(0);
    const failures = (
      (await request(ts.url, `/api/clients/${joseId}/nudges`, { token: casey })).body as NudgeSettingsView
    ).lastFailures;
    expect(failures).toEqual([
      expect.objectContaining({ channel: 'sms', reason: 'the client replied STOP', retrying: false }),
    ]);
    const settings = (
      (await request(ts.url, `/api/clients/${joseId}/nudges`, { token: casey })).body as NudgeSettingsView
    ).phone;
    expect(settings.stoppedAt).not.toBeNull();
    sms.refuse.delete('+15035550177');
  });

  it('honours STOP by text at once', async () => {
    const inboundUrl = `${ts.url}/api/nudges/sms/inbound`;
    const stop = await postSigned(sms.authToken, `${publicUrl}/api/nudges/sms/inbound`, inboundUrl, {
      From: '+15035550142',
      Body: ' stop ',
    });
    expect(stop.status).toBe(200);
    expect(await stop.text()).toContain('<Response>');
    now = at(5, 16);
    const before = sms.texts.length;
    await sendAsStaffOk(ts.url, casey, { clientId: aaliyahId, html: '<p>After STOP</p>' });
    expect(await round()).toBe(0);
    expect(sms.texts.length).toBe(before);
    const view = (await portal(aaliyah, '')).body as NudgeSettingsView;
    expect(view.phone.stoppedAt).not.toBeNull();
    const audit = await ts.server.db.query<{ details: { how: string } }>(
      `SELECT details FROM audit_log WHERE action = 'nudge.stop' AND client_id = $1::uuid`,
      [aaliyahId],
    );
    expect(audit.rows.map((entry) => entry.details.how)).toContain('replied STOP');
  });

  it('retries a mail server that asks to try later, with growing waits', async () => {
    expectStatus(
      await portal(marcus, '', 'PUT', {
        channel: 'email',
        email: 'marcus@example.org',
        phone: '',
        showDetails: false,
        quietHours: null,
      }),
      200,
    );
    now = at(6, 10);
    mail.refuseNext(1);
    const before = mail.mails.length;
    await sendAsStaffOk(ts.url, casey, { clientId: marcusId, html: '<p>Retry me</p>' });
    expect(await round()).toBe(0);
    const failures = (
      (await request(ts.url, `/api/clients/${marcusId}/nudges`, { token: casey })).body as NudgeSettingsView
    ).lastFailures;
    expect(failures[0]?.reason).toMatch(/mail server asked to try later/);
    now = at(6, 10, 1);
    expect(await round()).toBe(1);
    expect(mail.mails.length).toBe(before + 1);
  });

  it('two workers on one database never send one nudge twice', async () => {
    const second = await ts.startInstance();
    try {
      now = at(7, 10);
      await ts.server.db.query(`UPDATE nudges SET status = 'cancelled' WHERE status = 'pending'`);
      // Many clients with a verified address and a waiting message, claimed by two instances at once.
      const ids = await demoClientIds(ts.server.db);
      const clients = ids.slice(2, 10);
      for (const [index, clientId] of clients.entries())
        await ts.server.db.query(
          `INSERT INTO client_nudge_settings (client_id, channel, email, email_verified_at)
           VALUES ($1::uuid, 'email', $2, now()) ON CONFLICT (client_id) DO NOTHING`,
          [clientId, `client${index}@example.org`],
        );
      const connected = await ts.server.db.query<{ id: string }>(
        `SELECT c.id::text AS id FROM clients c JOIN client_accounts a ON a.client_id = c.id AND a.active
          WHERE c.id = ANY($1::uuid[])`,
        [clients],
      );
      for (const { id } of connected.rows)
        await sendAsStaffOk(ts.url, casey, { clientId: id, html: '<p>Hello</p>' }).catch(() => undefined);
      const queued = await ts.server.db.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM nudges WHERE status = 'pending'`,
      );
      const before = mail.mails.length;
      const [a, b] = await Promise.all([ts.server.nudges.runOnce(), second.nudges.runOnce()]);
      expect(a + b).toBe(queued.rows[0]?.count);
      expect(mail.mails.length - before).toBe(queued.rows[0]?.count);
      const recipients = mail.mails.slice(before).map((each) => each.to);
      expect(new Set(recipients).size).toBe(recipients.length);
    } finally {
      await ts.stopInstance(second);
    }
  });

  it('refuses hostile and overlong input with a sentence', async () => {
    const nul = await portal(marcus, '', 'PUT', {
      channel: 'email',
      email: 'marcus\u0000@example.org',
      phone: '',
      showDetails: false,
      quietHours: null,
    });
    expect(nul.status).toBe(400);
    expect((nul.body as { message: string }).message).toMatch(/NUL/);
    const surrogate = await portal(marcus, '', 'PUT', {
      channel: 'sms',
      email: '',
      phone: '\ud800503',
      showDetails: false,
      quietHours: null,
    });
    expect(surrogate.status).toBe(400);
    const long = await portal(marcus, '', 'PUT', {
      channel: 'email',
      email: `${'a'.repeat(300)}@example.org`,
      phone: '',
      showDetails: false,
      quietHours: null,
    });
    expect(long.status).toBe(400);
    expect((long.body as { message: string }).message).toMatch(/at most 254 characters/);
    const badHours = await portal(marcus, '', 'PUT', {
      channel: 'none',
      email: '',
      phone: '',
      showDetails: false,
      quietHours: { start: '25:00', end: '08:00' },
    });
    expect(badHours.status).toBe(400);
    expect((badHours.body as { message: string }).message).toMatch(/a time such as 21:00/);
    const consentless = await request(ts.url, `/api/clients/${marcusId}/nudges`, {
      method: 'PUT',
      token: casey,
      json: { channel: 'none', email: '', phone: '', showDetails: false, quietHours: null },
    });
    expect(consentless.status).toBe(400);
    expect((consentless.body as { message: string }).message).toMatch(/client agreed/);
  });
});

/** Signs for the public address (what the provider calls) and posts to the test server's own. */
function postSigned(
  authToken: string,
  signedUrl: string,
  postUrl: string,
  params: Record<string, string>,
): Promise<Response> {
  return postAsProvider(postUrl, authToken, params, smsSignature(authToken, signedUrl, params));
}
