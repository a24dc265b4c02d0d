import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyServer } from '../../../server/app';
import { loadServerConfig } from '../../../server/config';
import { PORTAL_MESSAGE_MAX_CHARS } from '../../../shared/domain/portal-account';
import { type ApiResponse, expectStatus, request } from '../../support/api';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn, sendAsStaffOk } from '../../support/messaging';
import { postMultipart } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * One Customer Portal client cannot flood their care team or fill the server's disk: so many
 * messages a minute and a day, messages no longer than the portal's editor allows, and a storage
 * quota for their uploads. Counted in the database, so a second server instance sees the same
 * counts. Staff are not limited by any of it.
 */

const MB = 1024 * 1024;
const LIMITS = { messagesPerMinute: 3, messagesPerDay: 5, storageQuotaBytes: 1 * MB };

describe('per-client limits of the Customer Portal', () => {
  let ts: TestServer;
  let second: AgencyServer;
  let ids: string[];
  let casey: string;
  let marcus: string;
  let aaliyah: string;
  let marcusThread: string;

  beforeAll(async () => {
    ts = await startTestServer({ portalLimits: LIMITS });
    // PGlite lives inside one server process: a second instance shares the database only on PostgreSQL.
    second = process.env.DATABASE_URL ? await ts.startInstance() : ts.server;
    ids = await demoClientIds(ts.server.db);
    [casey, marcus, aaliyah] = await Promise.all([
      signIn(ts.url, 'casey'),
      portalSignIn(ts.url, 'marcus'),
      portalSignIn(ts.url, 'aaliyah'),
    ]);
    const thread = await ts.server.db.query<{ id: string }>(
      'SELECT id::text AS id FROM threads WHERE client_id = $1::uuid AND staff_id = $2::uuid',
      [idAt(ids, 0), await userId(ts.server.db, 'casey')],
    );
    marcusThread = thread.rows[0]?.id ?? '';
    expect(marcusThread).not.toBe('');
  }, 180_000);
  afterAll(() => ts.close());

  /** A reply in Marcus's conversation with Casey, through either server instance. */
  const reply = (via: string, text: string, id = randomUUID()) =>
    request(via, `/api/portal/threads/${marcusThread}/messages`, {
      method: 'POST',
      token: marcus,
      json: { id, html: `<p>${text}</p>` },
    });
  const clientMessages = async (clientIndex: number) =>
    (
      await ts.server.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM messages WHERE client_id = $1::uuid AND sender_kind = 'client'`,
        [idAt(ids, clientIndex)],
      )
    ).rows[0]?.n ?? 0;
  /** As if the client's messages so far were sent `interval` earlier. */
  const age = (clientIndex: number, interval: string) =>
    ts.server.db.query(
      `UPDATE messages SET sent_at = sent_at - $2::interval WHERE client_id = $1::uuid AND sender_kind = 'client'`,
      [idAt(ids, clientIndex), interval],
    );

  function expectLimit(response: ApiResponse, code: string, message: string | RegExp, maxWait: number): void {
    const body = expectErrorResponse(response, 429);
    expect(body.error).toBe(code);
    expect(body.message).toMatch(message);
    const wait = Number(response.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(maxWait);
  }

  it('allows so many messages a minute, counted across server instances, then says to wait', async () => {
    if (process.env.DATABASE_URL) expect(second.url).not.toBe(ts.url);
    await age(0, '2 days');
    const before = await clientMessages(0);
    expectStatus(await reply(ts.url, 'one'), 201);
    expectStatus(await reply(second.url, 'two'), 201);
    const third = randomUUID();
    expectStatus(await reply(ts.url, 'three', third), 201);
    const refused = await reply(second.url, 'four');
    expectLimit(
      refused,
      'message_rate_limit',
      'You have sent 3 messages in the last minute. Wait a minute, then send this one again.',
      60,
    );
    // A new conversation counts the same, and a resend of a message already stored is no new one.
    const contacts = await request(ts.url, '/api/portal/contacts', { token: marcus });
    const staffId = (
      contacts.body as { contacts: { staffId: string; acceptsMessages: boolean }[] }
    ).contacts.find((contact) => contact.acceptsMessages)?.staffId;
    expect(staffId).toBeDefined();
    expectLimit(
      await request(ts.url, '/api/portal/messages', {
        method: 'POST',
        token: marcus,
        json: { staffId, html: '<p>Hello</p>' },
      }),
      'message_rate_limit',
      /last minute/,
      60,
    );
    expectStatus(await reply(ts.url, 'three', third), 200);
    expect(await clientMessages(0)).toBe(before + 3);

    // Another client is not held back by Marcus's messages, and staff write as much as they like.
    const aaliyahThread = (await request(ts.url, '/api/portal/threads', { token: aaliyah })).body as {
      threads: { id: string }[];
    };
    const aaliyahReply = await request(
      ts.url,
      `/api/portal/threads/${aaliyahThread.threads[0]?.id}/messages`,
      {
        method: 'POST',
        token: aaliyah,
        json: { html: '<p>Hi</p>' },
      },
    );
    expectStatus(aaliyahReply, 201);
    for (let n = 0; n < 6; n++)
      await sendAsStaffOk(ts.url, casey, {
        clientId: idAt(ids, 0),
        threadId: marcusThread,
        html: `<p>Staff ${n}</p>`,
      });
  });

  it('allows so many a day, then says when more can be sent', async () => {
    await age(0, '2 minutes');
    expectStatus(await reply(ts.url, 'four'), 201);
    expectStatus(await reply(second.url, 'five'), 201);
    expectLimit(
      await reply(ts.url, 'six'),
      'daily_message_limit',
      /^You have sent 5 messages in the last 24 hours, the most the portal allows\. You can send more in about 24 hours;/,
      86_400,
    );
    // A day later, the oldest have left the window.
    await age(0, '1 day');
    expectStatus(await reply(second.url, 'six'), 201);
  });

  it('refuses a message longer than the portal’s editor allows, saying how long it may be', async () => {
    await age(0, '2 days');
    const long = 'a'.repeat(PORTAL_MESSAGE_MAX_CHARS + 1);
    const body = expectErrorResponse(await reply(ts.url, long), 400);
    expect(body).toEqual({
      error: 'message_too_long',
      message: 'This message is 5,001 characters long. Keep it to 5,000 characters, or send it in parts.',
    });
    // Markup far beyond what the portal's page makes of 5,000 characters is not read at all.
    const bloated = expectErrorResponse(
      await request(ts.url, `/api/portal/threads/${marcusThread}/messages`, {
        method: 'POST',
        token: marcus,
        json: { html: `<p>${'<b></b>'.repeat(10_000)}x</p>` },
      }),
      400,
    );
    expect(bloated.message).toBe(
      'Invalid message. This message is too long to send. Keep it to 5,000 characters.',
    );
    expectStatus(await reply(ts.url, 'a'.repeat(PORTAL_MESSAGE_MAX_CHARS)), 201);
    // Staff messages keep their own, larger limit.
    await sendAsStaffOk(ts.url, casey, {
      clientId: idAt(ids, 0),
      threadId: marcusThread,
      html: `<p>${'s'.repeat(PORTAL_MESSAGE_MAX_CHARS * 4)}</p>`,
    });
  });

  it('keeps a client’s uploads within their storage quota, and nothing of a refused upload', async () => {
    const document = (via: string, bytes: number, name = 'Pay stub') =>
      postMultipart(via, '/api/portal/documents', {
        token: marcus,
        fields: { name },
        files: [{ name: 'scan.pdf', content: bytes }],
      });
    const quota = (
      await ts.server.db.query<{ used: string }>(
        `SELECT coalesce(sum(f.byte_size), 0)::text AS used FROM client_records r
           JOIN record_files rf ON rf.record_id = r.id JOIN files f ON f.id = rf.file_id
          WHERE r.client_id = $1::uuid AND r.submitted_by = 'client'`,
        [idAt(ids, 0)],
      )
    ).rows[0]?.used;
    const already = Number(quota ?? 0);
    const room = LIMITS.storageQuotaBytes - already;
    expect(room).toBeGreaterThan(600 * 1024);
    const filesBefore = (await ts.server.files.list()).length;

    expectStatus(await document(ts.url, 500 * 1024), 201);
    const over = expectErrorResponse(await document(second.url, room - 500 * 1024 + 1), 413);
    expect(over).toEqual({
      error: 'storage_quota_reached',
      message:
        'These files would take your documents past the 1 MB the portal keeps for each client (less than 1 MB left). Send fewer or smaller files, or ask your case manager for help.',
    });
    expect((await ts.server.files.list()).length).toBe(filesBefore + 1);
    // Exactly to the quota is allowed; then nothing more, refused before a byte is read.
    expectStatus(await document(ts.url, room - 500 * 1024), 201);
    const full = expectErrorResponse(await document(second.url, 1), 413);
    expect(full.message).toBe(
      'Your documents have reached the 1 MB the portal keeps for each client, so no more can be uploaded. Ask your case manager for help.',
    );
    // Fulfilling a document request counts the same.
    const requested = await request(ts.url, '/api/requests', {
      method: 'POST',
      token: casey,
      json: {
        id: randomUUID(),
        clientId: idAt(ids, 0),
        type: 'document',
        private: false,
        documentCategoryId: (
          await ts.server.db.query<{ id: string }>(
            `SELECT id::text AS id FROM document_categories WHERE agency_id = (SELECT agency_id FROM users WHERE username = 'casey') LIMIT 1`,
          )
        ).rows[0]?.id,
        documentName: 'Other',
        otherName: 'Lease',
      },
    });
    expectStatus(requested, 201);
    const requestId = (requested.body as { request: { id: string } }).request.id;
    const fulfil = await postMultipart(ts.url, `/api/portal/requests/${requestId}/documents`, {
      token: marcus,
      files: [{ name: 'lease.pdf', content: 10 }],
    });
    expect(expectErrorResponse(fulfil, 413).error).toBe('storage_quota_reached');
    expect((await ts.server.files.list()).length).toBe(filesBefore + 2);

    // Staff still add documents to the client's profile.
    const category = (
      await ts.server.db.query<{ id: string }>(
        `SELECT id::text AS id FROM document_categories WHERE agency_id = (SELECT agency_id FROM users WHERE username = 'casey') LIMIT 1`,
      )
    ).rows[0]?.id;
    const staffUpload = await postMultipart(ts.url, `/api/clients/${idAt(ids, 0)}/documents`, {
      token: casey,
      fields: { categoryId: category ?? '', name: 'Lease', private: 'false' },
      files: [{ name: 'lease.pdf', content: 600 * 1024 }],
    });
    expectStatus(staffUpload, 201);
  });

  it('reads its limits from the environment, with protective defaults', () => {
    expect(loadServerConfig({}).portalLimits).toEqual({
      messagesPerMinute: 10,
      messagesPerDay: 200,
      storageQuotaBytes: 500 * MB,
    });
    expect(
      loadServerConfig({
        PORTAL_MESSAGES_PER_MINUTE: '4',
        PORTAL_MESSAGES_PER_DAY: '40',
        PORTAL_STORAGE_QUOTA_MB: '50',
      }).portalLimits,
    ).toEqual({ messagesPerMinute: 4, messagesPerDay: 40, storageQuotaBytes: 50 * MB });
    expect(() => loadServerConfig({ PORTAL_MESSAGES_PER_MINUTE: '0' })).toThrow(
      'PORTAL_MESSAGES_PER_MINUTE must be at least 1, got "0".',
    );
    expect(() => loadServerConfig({ PORTAL_STORAGE_QUOTA_MB: 'lots' })).toThrow(
      'PORTAL_STORAGE_QUOTA_MB must be a whole number, got "lots".',
    );
  });
});
