import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, pullAll, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import {
  FORBIDDEN_MARKUP,
  HOSTILE_HTML,
  sendAsStaff,
  sendAsStaffOk,
  storedMessages,
  threadRow,
} from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * POST /api/messages: a staff member writes to a client from the desktop. Each test writes to its
 * own client so the tests do not see each other's threads.
 */
describe('staff sending messages', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let priya: string;
  let jordan: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, priya, jordan] = (await Promise.all(
      ['casey', 'priya', 'jordan'].map((u) => signIn(ts.url, u)),
    )) as [string, string, string];
  });
  afterAll(() => ts.close());

  const messagesOfClient = (clientId: string) =>
    storedMessages(ts.server.db, 'client_id = $1::uuid', [clientId]);

  it('starts a conversation with the first message and keeps using it', async () => {
    const clientId = idAt(ids, 6);
    const caseyId = await userId(ts.server.db, 'casey');
    const first = await sendAsStaffOk(ts.url, casey, { clientId, html: '<p>Hi Devon, how are you?</p>' });
    expect(first.thread).toMatchObject({
      clientId,
      staffId: caseyId,
      startedBy: 'staff',
      private: false,
      lastSenderKind: 'staff',
      lastMessagePreview: 'Hi Devon, how are you?',
      staffUnread: false,
    });
    expect(first.message).toMatchObject({
      threadId: first.thread.id,
      clientId,
      senderKind: 'staff',
      senderStaffId: caseyId,
      bodyHtml: '<p>Hi Devon, how are you?</p>',
      bodyText: 'Hi Devon, how are you?',
    });
    expect(first.thread.lastMessageAt).toBe(first.message.sentAt);
    expect(Object.keys(first.message)).not.toContain('_deleted');
    // The portal shows the client something new; the column never leaves the server.
    expect((await threadRow(ts.server.db, first.thread.id))?.client_unread).toBe(true);

    const second = await sendAsStaffOk(ts.url, casey, { clientId, html: '<p>Second</p>' });
    expect(second.thread.id).toBe(first.thread.id);
    const third = await sendAsStaffOk(ts.url, casey, {
      clientId,
      threadId: first.thread.id,
      html: '<p>Third</p>',
    });
    expect(third.thread.id).toBe(first.thread.id);
    expect(third.thread.lastMessagePreview).toBe('Third');
    expect((await messagesOfClient(clientId)).map((m) => m.body_text)).toEqual([
      'Hi Devon, how are you?',
      'Second',
      'Third',
    ]);

    // Another staff member writing to the same client has a conversation of their own.
    const other = await sendAsStaffOk(ts.url, priya, { clientId, html: '<p>From Priya</p>' });
    expect(other.thread.id).not.toBe(first.thread.id);
  });

  it('stores a message once however often it is sent, and answers the resend with it', async () => {
    const clientId = idAt(ids, 8);
    const id = randomUUID();
    const first = await sendAsStaff(ts.url, casey, { id, clientId, html: '<p>Only once</p>' });
    expectStatus(first, 201);
    const before = await snapshotDatabase(ts.server.db);
    const again = await sendAsStaff(ts.url, casey, { id, clientId, html: '<p>Only once</p>' });
    expectStatus(again, 200);
    expect(again.body).toEqual(first.body);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    expect(await messagesOfClient(clientId)).toHaveLength(1);

    // The same id from someone else is another message that cannot take it.
    const taken = await sendAsStaff(ts.url, priya, { id, clientId, html: '<p>Mine?</p>' });
    expectErrorResponse(taken, 409);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('keeps only safe markup from a hostile body', async () => {
    const clientId = idAt(ids, 10);
    const sent = await sendAsStaffOk(ts.url, casey, { clientId, html: HOSTILE_HTML });
    const [stored] = await messagesOfClient(clientId);
    if (!stored) throw new Error('nothing stored');
    for (const pattern of FORBIDDEN_MARKUP) {
      expect(stored.body_html).not.toMatch(pattern);
      expect(sent.message.bodyHtml).not.toMatch(pattern);
    }
    expect(stored.body_html).toContain('<strong>there</strong>');
    expect(stored.body_html).toContain('href="https://example.org/help"');
    expect(stored.body_html).toContain('target="_blank"');
    expect(stored.body_html).toContain('rel="noopener noreferrer"');
    expect(stored.body_text).toContain('click me');
    expect(sent.message.bodyHtml).toBe(stored.body_html);
  });

  it('refuses a body with nothing left to send and stores nothing', async () => {
    const clientId = idAt(ids, 12);
    for (const html of [
      '',
      '<p>   </p>',
      '<script>alert(1)</script>',
      '<iframe src="https://x.example"></iframe>',
    ]) {
      const before = await snapshotDatabase(ts.server.db);
      const response = await sendAsStaff(ts.url, casey, { clientId, html });
      expect(expectErrorResponse(response, 400).message).toBe('Write a message before sending.');
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    }
  });

  it('cuts the preview to one line of about 140 characters', async () => {
    const clientId = idAt(ids, 14);
    const long = `${'word '.repeat(60)}end`;
    const sent = await sendAsStaffOk(ts.url, casey, {
      clientId,
      html: `<p>${long}</p><p>second paragraph</p>`,
    });
    expect(Array.from(sent.thread.lastMessagePreview).length).toBeLessThanOrEqual(140);
    expect(sent.thread.lastMessagePreview).toMatch(/^word word .*…$/);
    expect(sent.message.bodyText).toContain('second paragraph');
  });

  it('refuses a client the staff member may not see, as if it did not exist', async () => {
    // Client 30 is Northside's and not shared: casey may not see it.
    const before = await snapshotDatabase(ts.server.db);
    const hidden = await sendAsStaff(ts.url, casey, { clientId: idAt(ids, 30), html: '<p>Hello</p>' });
    const unknown = await sendAsStaff(ts.url, casey, { clientId: randomUUID(), html: '<p>Hello</p>' });
    expect(expectErrorResponse(hidden, 404)).toEqual(expectErrorResponse(unknown, 404));
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('writes only in the staff member’s own conversation with that client', async () => {
    const clientId = idAt(ids, 16);
    const caseys = await sendAsStaffOk(ts.url, casey, { clientId, html: '<p>Casey here</p>' });
    const before = await snapshotDatabase(ts.server.db);

    // Priya may see the conversation (same agency) but it is not hers to write in.
    const notHers = await sendAsStaff(ts.url, priya, {
      clientId,
      threadId: caseys.thread.id,
      html: '<p>x</p>',
    });
    expectErrorResponse(notHers, 403);
    // Jordan may see the client (shared) and the thread: also not his.
    expectErrorResponse(
      await sendAsStaff(ts.url, jordan, { clientId, threadId: caseys.thread.id, html: 'x' }),
      403,
    );
    // An unknown conversation.
    expectErrorResponse(
      await sendAsStaff(ts.url, casey, { clientId, threadId: randomUUID(), html: 'x' }),
      404,
    );
    // Her own conversation, named with another client.
    const mismatch = await sendAsStaff(ts.url, casey, {
      clientId: idAt(ids, 18),
      threadId: caseys.thread.id,
      html: '<p>x</p>',
    });
    expect(expectErrorResponse(mismatch, 400).message).toBe('That conversation is with another client.');
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('hides the other agency’s conversation from a staff member who may not see the client', async () => {
    // Client 19 is Harbor's and not shared; jordan is not on its team.
    const thread = (await sendAsStaffOk(ts.url, priya, { clientId: idAt(ids, 19), html: '<p>Hi</p>' }))
      .thread;
    const response = await sendAsStaff(ts.url, jordan, {
      clientId: idAt(ids, 19),
      threadId: thread.id,
      html: 'x',
    });
    expectErrorResponse(response, 404);
  });
});

describe('MY INFO settings', () => {
  let ts: TestServer;
  let casey: string;
  let jordan: string;

  beforeAll(async () => {
    ts = await startTestServer();
    [casey, jordan] = (await Promise.all(['casey', 'jordan'].map((u) => signIn(ts.url, u)))) as [
      string,
      string,
    ];
  });
  afterAll(() => ts.close());

  const settings = (token: string) => request(ts.url, '/api/me/settings', { token });
  const patch = (token: string, json: unknown) =>
    request(ts.url, '/api/me/settings', { method: 'PATCH', token, json });

  it('reads and changes the signed-in staff member’s own settings, and the directory follows', async () => {
    const start = await settings(casey);
    expectStatus(start, 200);
    expect(start.body).toEqual({ allowClientContact: true, displayInPortal: true });
    const directory = await pullAll(ts.url, jordan, 'directory');

    const changed = await patch(casey, { allowClientContact: false });
    expectStatus(changed, 200);
    expect(changed.body).toEqual({ allowClientContact: false, displayInPortal: true });
    const hidden = await patch(casey, { displayInPortal: false });
    expect(hidden.body).toEqual({ allowClientContact: false, displayInPortal: false });
    expect((await settings(casey)).body).toEqual({ allowClientContact: false, displayInPortal: false });
    // Nobody else's settings changed.
    expect((await settings(jordan)).body).toEqual({ allowClientContact: true, displayInPortal: true });

    const caseyId = await userId(ts.server.db, 'casey');
    const next = await pullAll(ts.url, jordan, 'directory', { from: directory.checkpoint });
    expect(next.documents.find((doc) => doc.id === caseyId)).toMatchObject({ allowClientContact: false });
  });

  it('refuses a change it does not understand and changes nothing', async () => {
    const before = await snapshotDatabase(ts.server.db);
    for (const body of [
      {},
      { allowClientContact: 'yes' },
      { osNotifications: true },
      { role: 'system_admin' },
    ]) {
      expectErrorResponse(await patch(casey, body), 400);
    }
    expectErrorResponse(await settings('not-a-token'), 401);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });
});
