import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PortalContact, PortalMessage, PortalThread } from '../../../server/portal-api/portal-views';
import { type ApiResponse, expectStatus, pullAll, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import {
  FORBIDDEN_MARKUP,
  HOSTILE_HTML,
  portalSignIn,
  storedMessages,
  threadRow,
} from '../../support/messaging';
import { SseReader } from '../../support/sse-reader';
import { waitForDoc } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const NOT_ACCEPTING = 'This staff member is not accepting messages through the portal.';

interface SendAnswer {
  message: PortalMessage;
  thread: PortalThread;
}

describe('Customer Portal messaging', () => {
  let ts: TestServer;
  let ids: string[];
  const tokens = new Map<string, string>();
  const streams: SseReader[] = [];
  const token = (who: string) => tokens.get(who) ?? '';

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    for (const who of ['casey', 'alex', 'jordan', 'taylor']) tokens.set(who, await signIn(ts.url, who));
    for (const who of ['marcus', 'aaliyah', 'linh', 'victor', 'maria'])
      tokens.set(who, await portalSignIn(ts.url, who));
  });
  afterEach(async () => {
    await Promise.all(streams.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => ts.close());

  const threads = async (who: string): Promise<PortalThread[]> => {
    const response = await request(ts.url, '/api/portal/threads', { token: token(who) });
    expectStatus(response, 200);
    return (response.body as { threads: PortalThread[] }).threads;
  };
  const openThread = (who: string, id: string) =>
    request(ts.url, `/api/portal/threads/${id}`, { token: token(who) });
  const reply = (who: string, threadId: string, json: unknown) =>
    request(ts.url, `/api/portal/threads/${threadId}/messages`, { method: 'POST', token: token(who), json });
  const write = (who: string, json: unknown) =>
    request(ts.url, '/api/portal/messages', { method: 'POST', token: token(who), json });
  const contacts = async (who: string): Promise<PortalContact[]> => {
    const response = await request(ts.url, '/api/portal/contacts', { token: token(who) });
    expectStatus(response, 200);
    return (response.body as { contacts: PortalContact[] }).contacts;
  };
  const setContact = async (who: string, allowClientContact: boolean) => {
    const response = await request(ts.url, '/api/me/settings', {
      method: 'PATCH',
      token: token(who),
      json: { allowClientContact },
    });
    expectStatus(response, 200);
  };
  const sent = (response: ApiResponse, status = 201): SendAnswer => {
    expectStatus(response, status);
    return response.body as SendAnswer;
  };
  const threadWith = async (who: string, staffName: string): Promise<PortalThread> => {
    const found = (await threads(who)).find((thread) => thread.staffName === staffName);
    if (!found) throw new Error(`${who} has no conversation with ${staffName}`);
    return found;
  };

  it('lists the client’s conversations, latest first, with who and what is new', async () => {
    const list = await threads('marcus');
    expect(list.map((thread) => thread.staffName)).toEqual(['Casey Morgan', 'Alex Rivera']);
    expect(list[0]).toMatchObject({
      staffTitle: 'Case manager',
      startedBy: 'staff',
      lastSenderKind: 'client',
      preview: 'Ok. I might be a little late, the bus is slow.',
      unread: false,
      canReply: true,
    });
    expect(list[1]).toMatchObject({ lastSenderKind: 'staff', unread: true });
    // A private conversation is private from other agencies' staff, not from the client.
    expect((await threads('linh')).map((thread) => thread.staffName).sort()).toEqual([
      'Jordan Lee',
      'Priya Shah',
    ]);
  });

  it('shows a conversation oldest first and marks it read', async () => {
    const thread = await threadWith('marcus', 'Alex Rivera');
    expect(thread.unread).toBe(true);
    const response = await openThread('marcus', thread.id);
    expectStatus(response, 200);
    const body = response.body as { thread: PortalThread; messages: PortalMessage[] };
    expect(body.thread.unread).toBe(false);
    expect(body.messages.map((message) => message.senderName)).toEqual(['Alex Rivera']);
    expect((await threadWith('marcus', 'Alex Rivera')).unread).toBe(false);

    const caseys = await openThread('marcus', (await threadWith('marcus', 'Casey Morgan')).id);
    const messages = (caseys.body as { messages: PortalMessage[] }).messages;
    expect(messages.map((message) => message.senderKind)).toEqual(['staff', 'client', 'staff', 'client']);
    expect(messages.map((message) => message.sentAt)).toEqual(
      messages.map((message) => message.sentAt).sort(),
    );
    expect(messages[1]?.senderName).toBe('Marcus Johnson');
  });

  it('shows nobody else’s conversation', async () => {
    const aaliyahs = (await threads('aaliyah'))[0];
    if (!aaliyahs) throw new Error('aaliyah has no conversation');
    const before = await snapshotDatabase(ts.server.db);
    expectErrorResponse(await openThread('marcus', aaliyahs.id), 404);
    expectErrorResponse(await openThread('marcus', randomUUID()), 404);
    expectErrorResponse(await reply('marcus', aaliyahs.id, { html: '<p>Hi</p>' }), 404);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('lets the client reply: the staff member has something unread, on their desktop and its stream', async () => {
    const thread = await threadWith('marcus', 'Casey Morgan');
    const caseyBefore = await pullAll(ts.url, token('casey'), 'threads');
    const stream = await SseReader.open(`${ts.url}/api/replication/stream`, token('casey'));
    streams.push(stream);
    await stream.waitFor(() => true);

    const answer = sent(await reply('marcus', thread.id, { html: '<p>I am here now.</p>' }));
    expect(answer.message).toMatchObject({
      threadId: thread.id,
      senderKind: 'client',
      bodyHtml: '<p>I am here now.</p>',
    });
    expect(answer.thread).toMatchObject({
      id: thread.id,
      lastSenderKind: 'client',
      preview: 'I am here now.',
    });
    expect((await threadRow(ts.server.db, thread.id))?.staff_unread).toBe(true);

    const pulled = await pullAll(ts.url, token('casey'), 'threads', { from: caseyBefore.checkpoint });
    expect(pulled.documents.find((doc) => doc.id === thread.id)).toMatchObject({
      staffUnread: true,
      lastSenderKind: 'client',
      lastMessagePreview: 'I am here now.',
    });
    await waitForDoc(stream, 'messages', answer.message.id, (doc) => doc.bodyText === 'I am here now.');
    await waitForDoc(stream, 'threads', thread.id, (doc) => doc.staffUnread);
  });

  it('stores a client’s message once, sanitized, however often it is sent', async () => {
    const thread = await threadWith('marcus', 'Casey Morgan');
    const id = randomUUID();
    const first = sent(await reply('marcus', thread.id, { id, html: HOSTILE_HTML }));
    for (const pattern of FORBIDDEN_MARKUP) expect(first.message.bodyHtml).not.toMatch(pattern);
    const [stored] = await storedMessages(ts.server.db, 'id = $1::uuid', [id]);
    for (const pattern of FORBIDDEN_MARKUP) expect(stored?.body_html).not.toMatch(pattern);
    expect(stored?.body_html).toContain('<strong>there</strong>');

    const before = await snapshotDatabase(ts.server.db);
    expect(sent(await reply('marcus', thread.id, { id, html: HOSTILE_HTML }), 200)).toEqual(first);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    // Another client cannot take the id.
    const aaliyahs = (await threads('aaliyah'))[0]?.id ?? '';
    expectErrorResponse(await reply('aaliyah', aaliyahs, { id, html: '<p>x</p>' }), 409);
    expect(
      expectErrorResponse(await reply('marcus', thread.id, { html: '<script>x</script>' }), 400).message,
    ).toBe('Write a message before sending.');
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('lists the care team members who show in the portal, and whether each takes messages', async () => {
    expect(await contacts('marcus')).toEqual([
      {
        staffId: await userId(ts.server.db, 'alex'),
        name: 'Alex Rivera',
        title: 'Program director',
        agencyName: 'Harbor Light Outreach',
        careTeamRole: 'Program lead',
        acceptsMessages: true,
      },
      expect.objectContaining({ name: 'Casey Morgan', careTeamRole: 'Case manager', acceptsMessages: true }),
    ]);
    const hide = await request(ts.url, '/api/me/settings', {
      method: 'PATCH',
      token: token('alex'),
      json: { displayInPortal: false },
    });
    expectStatus(hide, 200);
    await setContact('casey', false);
    expect(await contacts('marcus')).toEqual([
      expect.objectContaining({ name: 'Casey Morgan', acceptsMessages: false }),
    ]);
    await setContact('casey', true);
    // Jordan's membership on client 11's team has ended: Linh (3) has him, nobody else here does.
    expect((await contacts('linh')).map((contact) => contact.name).sort()).toEqual([
      'Jordan Lee',
      'Priya Shah',
    ]);
  });

  describe('client-initiated messages', () => {
    // Victor (client 32) has jordan and taylor on his care team; only taylor has written to him.
    const jordanId = () => userId(ts.server.db, 'jordan');

    it('are refused, storing nothing, while the staff member does not allow them', async () => {
      await setContact('jordan', false);
      const before = await snapshotDatabase(ts.server.db);
      const response = await write('victor', { staffId: await jordanId(), html: '<p>Hello Jordan</p>' });
      expect(expectErrorResponse(response, 403).message).toBe(NOT_ACCEPTING);
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    });

    it('reach the staff member once allowed: their pull and stream, unread', async () => {
      await setContact('jordan', true);
      const stream = await SseReader.open(`${ts.url}/api/replication/stream`, token('jordan'));
      streams.push(stream);
      await stream.waitFor(() => true);
      const answer = sent(await write('victor', { staffId: await jordanId(), html: '<p>Hello Jordan</p>' }));
      expect(answer.thread).toMatchObject({ staffName: 'Jordan Lee', startedBy: 'client', canReply: true });

      const streamed = await waitForDoc(stream, 'threads', answer.thread.id, (doc) => doc.staffUnread);
      expect(streamed).toMatchObject({
        clientId: idAt(ids, 32),
        staffId: await jordanId(),
        startedBy: 'client',
      });
      await waitForDoc(stream, 'messages', answer.message.id, (doc) => doc.senderKind === 'client');
      const pulled = await pullAll(ts.url, token('jordan'), 'threads');
      expect(pulled.documents.find((doc) => doc.id === answer.thread.id)?.staffUnread).toBe(true);

      // Writing again goes to the same conversation.
      const again = sent(await write('victor', { staffId: await jordanId(), html: '<p>Are you there?</p>' }));
      expect(again.thread.id).toBe(answer.thread.id);
    });

    it('stop when the staff member turns the setting off, also in the conversation the client started', async () => {
      const started = await threadWith('victor', 'Jordan Lee');
      await setContact('jordan', false);
      const before = await snapshotDatabase(ts.server.db);
      expect(
        expectErrorResponse(await write('victor', { staffId: await jordanId(), html: 'x' }), 403).message,
      ).toBe(NOT_ACCEPTING);
      expect(
        expectErrorResponse(await reply('victor', started.id, { html: '<p>Hello?</p>' }), 403).message,
      ).toBe(NOT_ACCEPTING);
      expect((await threadWith('victor', 'Jordan Lee')).canReply).toBe(false);
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    });

    it('do not stop replies in a conversation the staff member started', async () => {
      await setContact('taylor', false);
      const taylors = await threadWith('victor', 'Taylor Brooks');
      expect(taylors).toMatchObject({ startedBy: 'staff', canReply: true });
      sent(await reply('victor', taylors.id, { html: '<p>Thanks, Taylor.</p>' }));
      // A new message to her is client-initiated, though, and refused.
      const refused = await write('victor', {
        staffId: await userId(ts.server.db, 'taylor'),
        html: '<p>x</p>',
      });
      expectErrorResponse(refused, 403);
    });

    it('go only to the client’s care team in force today', async () => {
      const before = await snapshotDatabase(ts.server.db);
      // Casey allows contact but is not on Victor's team; an unknown id gets the same answer.
      for (const staffId of [await userId(ts.server.db, 'casey'), randomUUID()]) {
        const response = await write('victor', { staffId, html: '<p>Hi</p>' });
        expect(expectErrorResponse(response, 403).message).toBe(NOT_ACCEPTING);
      }
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    });

    it('write in the existing conversation the staff member started, keeping who started it', async () => {
      // Maria (client 5) and priya: priya wrote first.
      const existing = await threadWith('maria', 'Priya Shah');
      const answer = sent(
        await write('maria', { staffId: await userId(ts.server.db, 'priya'), html: '<p>Hi</p>' }),
      );
      expect(answer.thread).toMatchObject({ id: existing.id, startedBy: 'staff' });
    });
  });

  it('opens a long conversation at its latest page and reads back a page at a time', async () => {
    const thread = (await threads('victor'))[0];
    if (!thread) throw new Error('victor has no conversation');
    // 120 older messages from the staff member, a minute apart, before what the thread holds.
    await ts.server.db.query(
      `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id,
                             body_html, body_text, sent_at, delivered_at)
       SELECT gen_random_uuid(), t.id, t.client_id, t.agency_id, t.private, 'staff', t.staff_id,
              '<p>Old note ' || n || '</p>', 'Old note ' || n, now() - interval '1 year' + n * interval '1 minute', now()
         FROM threads t, generate_series(1, 120) n WHERE t.id = $1::uuid`,
      [thread.id],
    );
    const inThread = (id: string) => storedMessages(ts.server.db, 'thread_id = $1::uuid', [id]);
    const total = (await inThread(thread.id)).length;
    const first = await openThread('victor', thread.id);
    expectStatus(first, 200);
    const latest = first.body as { messages: PortalMessage[]; earlier: boolean };
    expect(latest.messages).toHaveLength(50);
    expect(latest.earlier).toBe(true);
    const seen = [...latest.messages];
    for (let guard = 0; guard < 10; guard++) {
      const page = await request(ts.url, `/api/portal/threads/${thread.id}?before=${seen[0]?.id}`, {
        token: token('victor'),
      });
      expectStatus(page, 200);
      const body = page.body as { messages: PortalMessage[]; earlier: boolean };
      seen.unshift(...body.messages);
      if (!body.earlier) break;
    }
    // Every message once, oldest first, as one read of the whole conversation would give them.
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((message) => message.id)).size).toBe(total);
    expect(seen[0]?.bodyHtml).toBe('<p>Old note 1</p>');
    const times = seen.map((message) => Date.parse(message.sentAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));

    for (const query of ['before=not-a-uuid', 'page=2', `before=${seen[0]?.id}&before=${seen[1]?.id}`])
      expectStatus(
        await request(ts.url, `/api/portal/threads/${thread.id}?${query}`, { token: token('victor') }),
        400,
      );
    // Another client's message as the place to read from gives nothing of theirs.
    const elsewhere = (await inThread((await threads('marcus'))[0]?.id ?? ''))[0];
    const foreign = await request(ts.url, `/api/portal/threads/${thread.id}?before=${elsewhere?.id}`, {
      token: token('victor'),
    });
    expectStatus(foreign, 200);
    expect((foreign.body as { messages: PortalMessage[] }).messages).toEqual([]);
  });

  it('records when the client had staff messages on screen, and the staff see it by replication', async () => {
    const thread = await threadWith('marcus', 'Casey Morgan');
    const staffSend = async (text: string) => {
      const response = await request(ts.url, '/api/messages', {
        method: 'POST',
        token: token('casey'),
        json: {
          id: randomUUID(),
          clientId: (await threadRowClient(thread.id)) ?? '',
          threadId: thread.id,
          html: `<p>${text}</p>`,
        },
      });
      expectStatus(response, 201);
      return (response.body as { message: { id: string } }).message.id;
    };
    const first = await staffSend('Your bed is held until 6 pm.');
    const second = await staffSend('Bring your ID if you can.');
    const seen = (who: string, threadId: string, json: unknown) =>
      request(ts.url, `/api/portal/threads/${threadId}/seen`, { method: 'POST', token: token(who), json });
    const seenAt = async (id: string) =>
      (await pullAll(ts.url, token('casey'), 'messages')).documents.find((doc) => doc.id === id)?.seenAt;

    expect(await seenAt(first)).toBe('');
    const upToFirst = await seen('marcus', thread.id, { upTo: first });
    expectStatus(upToFirst, 200);
    // Every earlier staff message unseen until now is seen with it; the later one is not.
    expect((upToFirst.body as { seen: number }).seen).toBeGreaterThanOrEqual(1);
    const firstSeenAt = await seenAt(first);
    expect(Date.parse(firstSeenAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
    expect(await seenAt(second)).toBe('');
    // Seen once: marking again changes nothing, and the time stays the first one.
    expect((await seen('marcus', thread.id, { upTo: second })).body).toEqual({ seen: 1 });
    expect((await seen('marcus', thread.id, { upTo: second })).body).toEqual({ seen: 0 });
    expect(await seenAt(first)).toBe(firstSeenAt);
    expect(await seenAt(second)).not.toBe('');

    // Nobody else's conversation, no message of another conversation, nothing but upTo.
    const aaliyahs = (await threads('aaliyah'))[0];
    const before = await snapshotDatabase(ts.server.db);
    expectErrorResponse(await seen('marcus', aaliyahs?.id ?? '', { upTo: first }), 404);
    expectErrorResponse(await seen('marcus', randomUUID(), { upTo: first }), 404);
    expectErrorResponse(await seen('marcus', thread.id, { upTo: 'nope' }), 400);
    expectErrorResponse(await seen('marcus', thread.id, { upTo: first, seenAt: '2020-01-01' }), 400);
    expectErrorResponse(await seen('casey', thread.id, { upTo: first }), 401);
    expect((await seen('marcus', thread.id, { upTo: randomUUID() })).body).toEqual({ seen: 0 });
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  async function threadRowClient(threadId: string): Promise<string | undefined> {
    const result = await ts.server.db.query<{ client_id: string }>(
      'SELECT client_id::text AS client_id FROM threads WHERE id = $1::uuid',
      [threadId],
    );
    return result.rows[0]?.client_id;
  }
});
