import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DesktopProcess, eventually, removeDataDir, startDesktop } from '../../support/desktop-process';
import { finishedJob, startMassSend } from '../../support/mass-send';
import { portalAccountOnCareTeamOf, portalPost, portalSignIn } from '../../support/portal-client';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Issue 11, item 3: a client's unread message stays unread until the staff member opens the
 * conversation or marks it read. Writing to the client (from the profile, in the thread, or in a
 * mass send) is not reading.
 */
describe('what marks a conversation read on the desktop', () => {
  let server: TestServer;
  let casey: DesktopProcess;
  let account: { username: string; clientId: string; staffId: string };
  let threadId: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'portico-read-marks-'));

  /** The conversation as casey's desktop has it, once `messageId` has synced down into it. */
  async function threadWith(messageId: string) {
    return eventually(`message ${messageId} on the desktop`, async () => {
      const view = await casey.api.threads.get({ threadId });
      return view?.messages.some((message) => message.id === messageId) ? view : undefined;
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
    casey = await startDesktop({ serverUrl: server.url, dataDir });
    await casey.api.session.signIn({ username: 'casey', password: 'Portico#2026' });
    await casey.api.settings.update({ allowClientContact: true });
    account = await portalAccountOnCareTeamOf(server.server.db, 'casey');
    // Everything casey had unread from this client is read, so only this test's message counts.
    await eventually('the client’s conversations on the desktop', async () => {
      const threads = await casey.api.threads.forClient({ clientId: account.clientId });
      return threads.some((thread) => thread.staffId === account.staffId) ? true : undefined;
    });
    const token = await portalSignIn(server.url, account.username);
    const written = await portalPost(server.url, token, '/api/portal/messages', {
      staffId: account.staffId,
      html: '<p>Did my housing letter come?</p>',
    });
    expect(written.status).toBe(201);
    const body = (await written.json()) as { message: { id: string; threadId: string } };
    threadId = body.message.threadId;
    const view = await threadWith(body.message.id);
    expect(view.entry.unread).toBe(true);
    // A first sync on the embedded database of a busy machine takes most of a minute.
  }, 120_000);

  afterAll(async () => {
    await casey?.stop();
    removeDataDir(dataDir);
    await server?.close();
  });

  const unreadIds = async () =>
    (await casey.api.inbox.list({ box: 'unread', limit: 500 })).map((entry) => entry.threadId);

  it('keeps the client’s message unread when the staff member writes from the client’s profile', async () => {
    const before = await casey.api.inbox.counts();
    const sent = await casey.api.messages.send({
      clientId: account.clientId,
      threadId: null,
      html: '<p>A new message from the profile</p>',
    });
    const view = await threadWith(sent.id);
    expect(view.entry.unread).toBe(true);
    expect(await unreadIds()).toContain(threadId);
    expect(await casey.api.inbox.counts()).toEqual(before);
  });

  it('keeps it unread when a reply is sent without opening the conversation', async () => {
    const sent = await casey.api.messages.send({
      clientId: account.clientId,
      threadId,
      html: '<p>A reply sent without reading</p>',
    });
    expect((await threadWith(sent.id)).entry.unread).toBe(true);
  });

  it('keeps it unread when a mass send reaches the client', async () => {
    const token = await signIn(server.url, 'casey');
    const job = await startMassSend(server.url, token, {
      id: randomUUID(),
      clientIds: [account.clientId],
      html: '<p>Office closed on Friday</p>',
    });
    expect((await finishedJob(server.url, token, job.id)).sent).toBe(1);
    const stored = await server.server.db.query<{ id: string }>(
      `SELECT id::text AS id FROM messages WHERE thread_id = $1::uuid AND body_text = 'Office closed on Friday'`,
      [threadId],
    );
    const messageId = stored.rows[0]?.id;
    if (!messageId) throw new Error('the mass send wrote no message in the conversation');
    expect((await threadWith(messageId)).entry.unread).toBe(true);
  });

  it('marks it read only through Mark as read (or opening it, which the renderer does the same way)', async () => {
    await casey.api.inbox.mark({ threadIds: [threadId], read: true });
    expect(await unreadIds()).not.toContain(threadId);
    const row = await eventually('the read mark at the server', async () => {
      const result = await server.server.db.query<{ staff_unread: boolean }>(
        'SELECT staff_unread FROM threads WHERE id = $1::uuid',
        [threadId],
      );
      return result.rows[0]?.staff_unread === false ? result.rows[0] : undefined;
    });
    expect(row.staff_unread).toBe(false);
  });
});
