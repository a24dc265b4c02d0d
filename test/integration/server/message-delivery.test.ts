import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inviteLinksAndDelivery } from '../../../server/db/migrations/011-invite-links-and-delivery';
import { EMPTY_CHECKPOINT, type MessageDoc } from '../../../shared/replication/documents';
import { expectStatus, isAfter, latestPosition, pullAll, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { finishedJob, startMassSend } from '../../support/mass-send';
import { portalSignIn, sendAsStaffOk } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Issue 11, item 4: a message to a client with no Customer Portal account is stored but not
 * delivered: `deliveredAt` stays empty until the client joins, and the joining reaches every
 * desktop through replication.
 */
describe('delivery of messages to clients who are not connected', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    casey = await signIn(ts.url, 'casey');
  });
  afterAll(() => ts.close());

  /** Casey's pull of one message, as the desktop receives it. */
  async function pulled(id: string, since = EMPTY_CHECKPOINT): Promise<MessageDoc | undefined> {
    const { documents } = await pullAll(ts.url, casey, 'messages', { from: since });
    return documents.find((doc) => doc.id === id);
  }

  const highestPosition = () => latestPosition(ts.server.db, 'messages');

  async function joinThroughInvite(index: number, username: string): Promise<void> {
    const invite = await request(ts.url, `/api/clients/${idAt(ids, index)}/portal/invite`, {
      method: 'POST',
      token: casey,
    });
    expectStatus(invite, 200);
    const token = (invite.body as { inviteUrl: string }).inviteUrl.split('#')[1];
    const joined = await request(ts.url, `/api/portal/invites/${token}/accept`, {
      method: 'POST',
      json: { username, password: 'joined2day' },
    });
    expectStatus(joined, 201);
  }

  it('keeps a message to a client with no account waiting, and delivers it when they join', async () => {
    const clientId = idAt(ids, 20);
    const { message } = await sendAsStaffOk(ts.url, casey, { clientId, html: '<p>Call the clinic</p>' });
    expect(message.deliveredAt).toBe('');
    expect((await pulled(message.id))?.deliveredAt).toBe('');

    const checkpoint = await highestPosition();
    await joinThroughInvite(20, 'waiting.client');
    // The desktop's next pull from where it was brings the message again, now delivered.
    const after = await pulled(message.id, checkpoint);
    expect(after?.deliveredAt).not.toBe('');
    expect(Date.parse(after?.deliveredAt ?? '')).toBeGreaterThan(Date.parse(message.sentAt));
  });

  it('delivers at once to a connected client, and a client’s own message is delivered as written', async () => {
    const connected = idAt(ids, 0);
    const { message } = await sendAsStaffOk(ts.url, casey, { clientId: connected, html: '<p>Hello</p>' });
    expect(message.deliveredAt).not.toBe('');
    expect(Date.parse(message.deliveredAt)).toBe(Date.parse(message.sentAt));

    const username = (
      await ts.server.db.query<{ username: string }>(
        'SELECT username FROM client_accounts WHERE client_id = $1::uuid',
        [connected],
      )
    ).rows[0]?.username;
    const token = await portalSignIn(ts.url, username ?? '');
    const reply = await request(ts.url, `/api/portal/threads/${message.threadId}/messages`, {
      method: 'POST',
      token,
      json: { html: '<p>Thanks</p>' },
    });
    expectStatus(reply, 201);
    const written = (reply.body as { message: { id: string } }).message;
    const doc = await pulled(written.id);
    expect(doc?.deliveredAt).toBe(doc?.sentAt);
  });

  it('keeps what is written after a disconnection waiting until the client is invited back', async () => {
    const clientId = idAt(ids, 21);
    await joinThroughInvite(21, 'comes.back');
    const before = await sendAsStaffOk(ts.url, casey, { clientId, html: '<p>While connected</p>' });
    expectStatus(
      await request(ts.url, `/api/clients/${clientId}/portal/disconnect`, { method: 'POST', token: casey }),
      200,
    );
    const after = await sendAsStaffOk(ts.url, casey, { clientId, html: '<p>While away</p>' });
    expect(after.message.deliveredAt).toBe('');
    expect((await pulled(before.message.id))?.deliveredAt).toBe(before.message.deliveredAt);

    await joinThroughInvite(21, 'came.back');
    expect((await pulled(after.message.id))?.deliveredAt).not.toBe('');
    // What had reached them before keeps when it did.
    expect((await pulled(before.message.id))?.deliveredAt).toBe(before.message.deliveredAt);
  });

  it('delivers mass-sent messages at once (they go only to connected clients)', async () => {
    const clientId = idAt(ids, 2);
    const job = await startMassSend(ts.url, casey, {
      id: randomUUID(),
      clientIds: [clientId],
      html: '<p>Closed Friday</p>',
    });
    expect((await finishedJob(ts.url, casey, job.id)).sent).toBe(1);
    const stored = await ts.server.db.query<{ sent_at: string; delivered_at: string | null }>(
      `SELECT sent_at::text, delivered_at::text FROM messages WHERE client_id = $1::uuid AND body_text = 'Closed Friday'`,
      [clientId],
    );
    expect(stored.rows[0]?.delivered_at).toBe(stored.rows[0]?.sent_at);
  });

  it('fills in delivery for messages stored before it was recorded (migration 011)', async () => {
    const db = ts.server.db;
    const never = idAt(ids, 22);
    const active = idAt(ids, 0);
    const away = idAt(ids, 23);
    await joinThroughInvite(23, 'left.later');
    const sent = async (clientId: string, text: string) =>
      (await sendAsStaffOk(ts.url, casey, { clientId, html: `<p>${text}</p>` })).message.id;
    const toNever = await sent(never, 'never joined');
    const toActive = await sent(active, 'still here');
    const beforeLeaving = await sent(away, 'before leaving');
    await request(ts.url, `/api/clients/${away}/portal/disconnect`, { method: 'POST', token: casey });
    const afterLeaving = await sent(away, 'after leaving');
    const mine = [toNever, toActive, beforeLeaving, afterLeaving];
    // As a database from before 011 had them: no delivery recorded.
    await db.query('UPDATE messages SET delivered_at = NULL WHERE id = ANY($1::uuid[])', [mine]);
    const checkpoint = await highestPosition();

    const backfill = inviteLinksAndDelivery.statements.find((statement) =>
      statement.startsWith('UPDATE messages'),
    );
    if (!backfill) throw new Error('migration 011 has no backfill');
    await db.query(backfill);

    const rows = await db.query<{ id: string; delivered: boolean; same: boolean; txid: number; seq: number }>(
      `SELECT id::text AS id, delivered_at IS NOT NULL AS delivered, delivered_at = sent_at AS same, txid, seq
         FROM messages WHERE id = ANY($1::uuid[])`,
      [mine],
    );
    const byId = new Map(rows.rows.map((row) => [row.id, row]));
    expect(byId.get(toNever)?.delivered).toBe(false);
    expect(byId.get(toActive)?.same).toBe(true);
    expect(byId.get(beforeLeaving)?.same).toBe(true);
    expect(byId.get(afterLeaving)?.delivered).toBe(false);
    // Every row moved past the desktops' checkpoints, so they pull the values.
    for (const row of rows.rows) expect(isAfter(row, checkpoint)).toBe(true);
  });
});
