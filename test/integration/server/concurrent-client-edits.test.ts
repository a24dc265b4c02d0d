import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FieldEdit } from '../../../shared/replication/protocol';
import { currentClient, type Doc, expectStatus, pullAll, push, request } from '../../support/api';
import { auditRows } from '../../support/audit';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectClearSentence } from '../../support/expect-error';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Two staff members edit one client field offline and sync in either order (issue 14): the later
 * edit by edit time stays, the one whose edit did not is told with both values, the audit log
 * holds both, and the desktop's edit time never counts as later than the push's arrival. Every
 * push here is what a desktop sends: the edited document with, per changed field, the value it
 * started from and when. Each test uses its own clients.
 */
describe('concurrent edits of a client', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let priya: string;
  let sam: string;
  let alex: string;
  let taylor: string;
  let caseyId: string;
  let priyaId: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, priya, sam, alex, taylor] = (await Promise.all(
      ['casey', 'priya', 'sam', 'alex', 'taylor'].map((u) => signIn(ts.url, u)),
    )) as [string, string, string, string, string];
    caseyId = await userId(ts.server.db, 'casey');
    priyaId = await userId(ts.server.db, 'priya');
  });
  afterAll(() => ts.close());

  /** Pushes `changes` made on `base` at `at` (ms), each field's starting value taken from `base`. */
  const pushEdit = (
    token: string,
    base: Doc<'clients'>,
    changes: Partial<Pick<Doc<'clients'>, 'firstName' | 'lastName' | 'phone' | 'email' | 'shared'>>,
    at: number,
  ) => {
    const fieldEdits: Record<string, FieldEdit> = {};
    for (const field of Object.keys(changes) as (keyof typeof changes)[])
      fieldEdits[field] = { from: base[field], at: new Date(at).toISOString() };
    return push(ts.url, token, 'clients', [
      { assumedMasterState: base, newDocumentState: { ...base, ...changes }, fieldEdits },
    ]);
  };

  const stored = async (id: string) =>
    (
      await ts.server.db.query<{ phone: string; email: string }>(
        'SELECT phone, email FROM clients WHERE id = $1::uuid',
        [id],
      )
    ).rows[0];

  const lostNotices = async (staffId: string, clientId: string) =>
    (
      await ts.server.db.query<{ title: string; body: string }>(
        `SELECT title, body FROM staff_notifications
          WHERE staff_id = $1::uuid AND client_id = $2::uuid AND kind = 'client_edit_lost' ORDER BY seq`,
        [staffId, clientId],
      )
    ).rows;

  it('keeps the later edit when it arrives first, tells the other with both values, and logs both', async () => {
    const id = idAt(ids, 5);
    const base = await currentClient(ts.url, casey, id);
    const priyaAt = Date.now() - 60_000;
    // Casey changed the phone a second after Priya; Casey's desktop synced first.
    expect(await pushEdit(casey, base, { phone: '(555) 200-0002' }, priyaAt + 1000)).toEqual({
      conflicts: [],
      refusals: [],
    });
    const answer = await pushEdit(priya, base, { phone: '(555) 100-0001' }, priyaAt);
    expect(answer.refusals).toEqual([]);
    expect(answer.merged).toEqual([id]);
    expect(answer.conflicts.map((doc) => doc.phone)).toEqual(['(555) 200-0002']);
    expect((await stored(id))?.phone).toBe('(555) 200-0002');

    const [notice, ...more] = await lostNotices(priyaId, id);
    expect(more).toEqual([]);
    expect(notice?.title).toBe(
      `Your change to ${base.firstName} ${base.lastName}’s phone number was not kept`,
    );
    expect(notice?.body).toContain('“(555) 100-0001”');
    expect(notice?.body).toContain('“(555) 200-0002”');
    expect(notice?.body).toContain('Casey');
    expect(await lostNotices(caseyId, id)).toEqual([]);
    // It reaches Priya as any notification does: her desktop pulls it.
    const pulled = await pullAll(ts.url, priya, 'notifications', { limit: 1000 });
    expect(
      pulled.documents.filter((doc) => doc.clientId === id && doc.kind === 'client_edit_lost'),
    ).toHaveLength(1);

    const [update] = await auditRows(ts.server.db, 'client.update', 'client_id = $2::uuid', [id]);
    expect(update).toMatchObject({ actor_id: caseyId });
    expect(update?.details.changes).toMatchObject({ phone: { old: base.phone, new: '(555) 200-0002' } });
    const [lost] = await auditRows(ts.server.db, 'client.edit_lost', 'client_id = $2::uuid', [id]);
    expect(lost).toMatchObject({ actor_id: priyaId });
    expect(lost?.details.changes).toMatchObject({
      phone: {
        old: base.phone,
        new: '(555) 100-0001',
        kept: '(555) 200-0002',
        keptEditBy: caseyId,
        editedAt: new Date(priyaAt).toISOString(),
      },
    });
  });

  it('replaces an earlier edit when the later one arrives second, and tells whoever made the earlier', async () => {
    const id = idAt(ids, 6);
    const base = await currentClient(ts.url, casey, id);
    const priyaAt = Date.now() - 60_000;
    expect((await pushEdit(priya, base, { phone: '(555) 100-0003' }, priyaAt)).refusals).toEqual([]);
    // Casey never saw Priya's value; his edit came a second later.
    const answer = await pushEdit(casey, base, { phone: '(555) 200-0004' }, priyaAt + 1000);
    expect(answer).toEqual({ conflicts: [], refusals: [] });
    expect((await stored(id))?.phone).toBe('(555) 200-0004');
    const [notice] = await lostNotices(priyaId, id);
    expect(notice?.body).toContain('“(555) 100-0003”');
    expect(notice?.body).toContain('“(555) 200-0004”');
    expect(await lostNotices(caseyId, id)).toEqual([]);
    const updates = await auditRows(ts.server.db, 'client.update', 'client_id = $2::uuid', [id]);
    expect(updates.map((entry) => [entry.actor_id, entry.details.changes])).toMatchObject([
      [priyaId, { phone: { old: base.phone, new: '(555) 100-0003' } }],
      [
        caseyId,
        {
          phone: {
            old: '(555) 100-0003',
            new: '(555) 200-0004',
            startedFrom: base.phone,
            replacedEditBy: priyaId,
          },
        },
      ],
    ]);
  });

  it('merges edits of different fields silently, whichever arrives first', async () => {
    for (const [index, caseyFirst] of [
      [7, true],
      [8, false],
    ] as const) {
      const id = idAt(ids, index);
      const base = await currentClient(ts.url, casey, id);
      const at = Date.now() - 30_000;
      const edits = [
        () => pushEdit(casey, base, { phone: `(555) 300-000${index}` }, at + 1000),
        () => pushEdit(priya, base, { email: `merged${index}@example.org` }, at),
      ];
      const [first, second] = caseyFirst ? edits : [...edits].reverse();
      expect((await first?.())?.refusals).toEqual([]);
      const answer = await second?.();
      expect(answer?.refusals).toEqual([]);
      // The second desktop's copy of the other field was stale: it is sent the merged record.
      expect(answer?.conflicts).toMatchObject([
        { phone: `(555) 300-000${index}`, email: `merged${index}@example.org` },
      ]);
      expect(await stored(id)).toEqual({
        phone: `(555) 300-000${index}`,
        email: `merged${index}@example.org`,
      });
      expect(await lostNotices(priyaId, id)).toEqual([]);
      expect(await lostNotices(caseyId, id)).toEqual([]);
      expect(await auditRows(ts.server.db, 'client.edit_lost', 'client_id = $2::uuid', [id])).toEqual([]);
    }
  });

  it('takes no edit time as later than the push’s arrival, so a clock in the future does not win', async () => {
    const id = idAt(ids, 9);
    const base = await currentClient(ts.url, casey, id);
    const sentAt = Date.now();
    // Priya's clock is a day ahead.
    const tomorrow = sentAt + 86_400_000;
    expect((await pushEdit(priya, base, { phone: '(555) 100-0009' }, tomorrow)).refusals).toEqual([]);
    const arrivedBy = Date.now();
    const recorded = await ts.server.db.query<{ edited_ms: number }>(
      `SELECT extract(epoch FROM edited_at) * 1000 AS edited_ms FROM client_field_edits
        WHERE client_id = $1::uuid AND field = 'phone'`,
      [id],
    );
    const editedAt = Number(recorded.rows[0]?.edited_ms);
    expect(editedAt).toBeGreaterThanOrEqual(sentAt);
    expect(editedAt).toBeLessThanOrEqual(arrivedBy);
    // Casey, offline since before Priya's push, changes it after it arrived (by a real clock).
    await new Promise((resolve) => setTimeout(resolve, 20));
    const answer = await pushEdit(casey, base, { phone: '(555) 200-0009' }, Date.now());
    expect(answer.refusals).toEqual([]);
    expect((await stored(id))?.phone).toBe('(555) 200-0009');
    expect((await lostNotices(priyaId, id)).map((notice) => notice.body).join()).toContain(
      '“(555) 100-0009”',
    );
  });

  it('refuses hostile field edits and changes nothing', async () => {
    const id = idAt(ids, 10);
    const base = await currentClient(ts.url, casey, id);
    const at = new Date().toISOString();
    const row = (fieldEdits: unknown, changes: Record<string, unknown> = { phone: '(555) 999-0000' }) => ({
      assumedMasterState: base,
      newDocumentState: { ...base, ...changes },
      fieldEdits,
    });
    const before = await snapshotDatabase(ts.server.db);
    // The envelope: not a time, a starting value of no field's type, too long, too many fields.
    for (const fieldEdits of [
      { phone: { from: base.phone, at: 'yesterday' } },
      { phone: { from: base.phone, at: '0000-01-01T00:00:00Z', extra: 1 } },
      { phone: { from: 5, at } },
      { phone: { from: 'x'.repeat(501), at } },
      { phone: { at } },
      Object.fromEntries(Array.from({ length: 21 }, (_, n) => [`field${n}`, { from: '', at }])),
      { 'phone.number': { from: base.phone, at } },
      [{ from: base.phone, at }],
    ]) {
      const response = await request(ts.url, '/api/replication/clients/push', {
        method: 'POST',
        token: casey,
        json: { rows: [row(fieldEdits)] },
      });
      expectStatus(response, 400);
      expectClearSentence((response.body as { message: string }).message);
    }
    // Rows the handler refuses: a field the desktop may not change, a starting value of the wrong
    // type, and a value that is not valid (refused even though a later edit would have kept it out).
    for (const [fieldEdits, changes] of [
      [{ agencyId: { from: base.agencyId, at } }, { agencyId: base.id }],
      [{ phone: { from: true, at } }, { phone: '(555) 999-0000' }],
      [
        { email: { from: 'someone.else@example.org', at: '2001-01-01T00:00:00Z' } },
        { email: 'not an email' },
      ],
    ] as const) {
      const answer = await push(ts.url, casey, 'clients', [row(fieldEdits, changes) as never]);
      expect(answer.refusals).toHaveLength(1);
      expectClearSentence(answer.refusals[0]?.message ?? '');
      expect(answer.conflicts).toEqual([base]);
    }
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('lets only those who may see the client read the values in the audit log', async () => {
    // Sam (a system admin at Harbor) edits a Northside client that is not shared.
    const id = idAt(ids, 33);
    const base = await currentClient(ts.url, sam, id);
    expect(base.shared).toBe(false);
    expect((await pushEdit(sam, base, { phone: '(555) 400-0033' }, Date.now())).refusals).toEqual([]);
    const read = async (token: string) => {
      const response = await request(ts.url, `/api/admin/audit?clientId=${id}&action=client.update`, {
        token,
      });
      expectStatus(response, 200);
      return (response.body as { entries: { details: Record<string, unknown> }[] }).entries;
    };
    // Alex, Harbor's admin, may not see this client: the entry is not Harbor's to read.
    expect(await read(alex)).toEqual([]);
    expect((await read(taylor)).map((entry) => entry.details.changes)).toMatchObject([
      { phone: { old: base.phone, new: '(555) 400-0033' } },
    ]);
    expect((await read(sam)).length).toBe(1);
  });
});
