import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepExpiredRequests } from '../../../server/requests/request-sweeper';
import { type Doc, expectStatus, pullAll, push, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt } from '../../support/demo-world';
import { portalSignIn } from '../../support/messaging';
import { sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * What a desktop may change by replication: its sender may cancel an open request; a staff member
 * may mark their own notifications read. Everything else comes back refused with the server's copy.
 */
describe('pushing requests and notifications from a desktop', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let priya: string;
  let jordan: string;
  let marcus: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, priya, jordan] = (await Promise.all(
      ['casey', 'priya', 'jordan'].map((u) => signIn(ts.url, u)),
    )) as [string, string, string];
    marcus = await portalSignIn(ts.url, 'marcus');
  });
  afterAll(() => ts.close());

  const current = async (token: string, id: string): Promise<Doc<'requests'>> => {
    const doc = (await pullAll(ts.url, token, 'requests')).documents.find((candidate) => candidate.id === id);
    if (!doc) throw new Error(`request ${id} is not in the pull`);
    return doc;
  };
  const pushEdit = (token: string, base: Doc<'requests'>, changes: Partial<Doc<'requests'>>) =>
    push(ts.url, token, 'requests', [
      { assumedMasterState: base, newDocumentState: { ...base, ...changes } },
    ]);
  const newRequest = () => sendRequestOk(ts.url, casey, { clientId: idAt(ids, 0), type: 'location' });

  it('cannot change a fulfilled request back to sent; the server’s completed copy comes back', async () => {
    const sent = await newRequest();
    const fulfilled = await request(ts.url, `/api/portal/requests/${sent.id}/location`, {
      method: 'POST',
      token: marcus,
      json: { latitude: 47.6, longitude: -122.3 },
    });
    expectStatus(fulfilled, 201);
    const base = await current(casey, sent.id);
    expect(base).toMatchObject({ status: 'completed' });
    const before = await snapshotDatabase(ts.server.db);
    const answer = await pushEdit(casey, base, { status: 'sent', completedAt: '', recordId: '' });
    expect(answer.refusals).toEqual([
      { id: sent.id, message: 'The client already fulfilled this request, so it can no longer be changed.' },
    ]);
    expect(answer.conflicts).toEqual([base]);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    // Cancelling it is refused the same way: it is no longer open.
    const cancel = await pushEdit(casey, base, { status: 'cancelled' });
    expect(cancel.refusals).toHaveLength(1);
    expect((await current(casey, sent.id)).status).toBe('completed');
  });

  it('lets the sender cancel an open request, stamping the time itself', async () => {
    const sent = await newRequest();
    const base = await current(casey, sent.id);
    const answer = await pushEdit(casey, base, {
      status: 'cancelled',
      cancelledAt: '1999-01-01T00:00:00.000Z',
    });
    expect(answer).toEqual({ conflicts: [], refusals: [] });
    const after = await current(casey, sent.id);
    expect(after.status).toBe('cancelled');
    expect(Math.abs(Date.parse(after.cancelledAt) - Date.now())).toBeLessThan(60_000);
    expect(after.serverSeq).toBeGreaterThan(base.serverSeq);
    // The client can no longer fulfil it.
    const late = await request(ts.url, `/api/portal/requests/${sent.id}/location`, {
      method: 'POST',
      token: marcus,
      json: { address: 'Library' },
    });
    expect(late.status).toBe(409);
  });

  it('refuses a cancel by anyone but the sender, even a colleague who sees it', async () => {
    const sent = await newRequest();
    for (const token of [priya, jordan]) {
      const base = await current(token, sent.id);
      const answer = await pushEdit(token, base, { status: 'cancelled' });
      expect(answer.refusals).toEqual([
        { id: sent.id, message: 'Only the staff member who sent this request can cancel it.' },
      ]);
      expect(answer.conflicts).toEqual([base]);
    }
    expect((await current(casey, sent.id)).status).toBe('sent');
  });

  it('refuses any other change, and a deletion', async () => {
    const sent = await newRequest();
    const base = await current(casey, sent.id);
    for (const changes of [
      { description: 'Something else' },
      { private: true },
      { status: 'completed' as const },
      { status: 'cancelled' as const, expiresAt: '2100-01-01T00:00:00.000Z' },
    ]) {
      const answer = await pushEdit(casey, base, changes);
      expect(answer.refusals, JSON.stringify(changes)).toEqual([
        { id: sent.id, message: 'A request cannot be changed once it is sent; it can only be cancelled.' },
      ]);
      expect(answer.conflicts).toEqual([base]);
    }
    const deletion = await pushEdit(casey, base, { _deleted: true });
    expect(deletion.refusals).toHaveLength(1);
    expect(await current(casey, sent.id)).toEqual(base);
  });

  it('answers a push made on an old copy with the current one and applies nothing', async () => {
    const sent = await newRequest();
    const old = await current(casey, sent.id);
    // The client opened it meanwhile: the server's copy moved on.
    expectStatus(await request(ts.url, `/api/portal/requests/${sent.id}`, { token: marcus }), 200);
    const now = await current(casey, sent.id);
    expect(now.status).toBe('viewed');
    const answer = await pushEdit(casey, old, { status: 'cancelled' });
    expect(answer).toEqual({ conflicts: [now], refusals: [] });
    // On top of the current copy, the cancel goes through.
    expect(await pushEdit(casey, now, { status: 'cancelled' })).toEqual({ conflicts: [], refusals: [] });
  });

  it('refuses to cancel a request that has expired', async () => {
    const sent = await newRequest();
    await ts.server.db.query(
      `UPDATE portal_requests SET expires_at = now() - interval '1 minute' WHERE id = $1::uuid`,
      [sent.id],
    );
    const stale = await current(casey, sent.id);
    const answer = await pushEdit(casey, stale, { status: 'cancelled' });
    expect(answer.refusals).toEqual([
      { id: sent.id, message: 'This request has expired, so it can no longer be changed.' },
    ]);
    expect(await sweepExpiredRequests(ts.server.db)).toBeGreaterThanOrEqual(1);
    expect((await current(casey, sent.id)).status).toBe('expired');
  });

  it('lets staff mark only their own notifications read or unread, and nothing else', async () => {
    const notifications = (await pullAll(ts.url, casey, 'notifications')).documents;
    const unread = notifications.find((doc) => !doc.read);
    if (!unread) throw new Error('casey has no unread notification in the demo seed');
    const stranger = await push(ts.url, priya, 'notifications', [
      { assumedMasterState: unread, newDocumentState: { ...unread, read: true } },
    ]);
    expect(stranger).toEqual({
      conflicts: [],
      refusals: [{ id: unread.id, message: 'This notification is not available to you.' }],
    });
    const edited = await push(ts.url, casey, 'notifications', [
      { assumedMasterState: unread, newDocumentState: { ...unread, title: 'Changed' } },
    ]);
    expect(edited.refusals).toHaveLength(1);
    expect(edited.conflicts).toEqual([unread]);
    expect(
      await push(ts.url, casey, 'notifications', [
        { assumedMasterState: unread, newDocumentState: { ...unread, read: true } },
      ]),
    ).toEqual({ conflicts: [], refusals: [] });
    const after = (await pullAll(ts.url, casey, 'notifications')).documents.find(
      (doc) => doc.id === unread.id,
    );
    expect(after?.read).toBe(true);
  });

  it('refuses every push to records and the catalog', async () => {
    const record = (await pullAll(ts.url, casey, 'records')).documents[0];
    const entry = (await pullAll(ts.url, casey, 'catalog')).documents[0];
    if (!record || !entry) throw new Error('the demo seed has records and a catalog');
    const before = await snapshotDatabase(ts.server.db);
    const records = await push(ts.url, casey, 'records', [
      { assumedMasterState: record, newDocumentState: { ...record, title: 'Changed' } },
    ]);
    expect(records.refusals).toHaveLength(1);
    expect(records.conflicts).toEqual([record]);
    const catalog = await push(ts.url, casey, 'catalog', [
      { assumedMasterState: entry, newDocumentState: { ...entry, name: 'Changed' } },
    ]);
    expect(catalog.refusals).toHaveLength(1);
    expect(catalog.conflicts).toEqual([entry]);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });
});
