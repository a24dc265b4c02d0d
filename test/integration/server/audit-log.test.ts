import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, request } from '../../support/api';
import { agencyIdByName, auditRows } from '../../support/audit';
import { HARBOR, NORTHSIDE } from '../../support/demo-lookup';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/** A seeded server takes a while to start on a busy machine. */
const SERVER_START_MS = 180_000;

interface AuditAnswer {
  entries: {
    id: number;
    action: string;
    actor: { kind: string; id: string | null; name: string };
    clientId: string | null;
    agencyId: string | null;
    private: boolean;
    occurredAt: string;
  }[];
  nextBefore: number | null;
}

/** The append-only log itself: what a database refuses, what desktops report, who may read it. */
describe('the audit log', () => {
  let ts: TestServer;
  let ids: string[];
  let tokens: Record<'casey' | 'alex' | 'jordan' | 'taylor' | 'sam', string>;
  let harbor: string;
  let northside: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    const [casey, alex, jordan, taylor, sam] = await Promise.all(
      ['casey', 'alex', 'jordan', 'taylor', 'sam'].map((name) => signIn(ts.url, name)),
    );
    tokens = {
      casey: casey ?? '',
      alex: alex ?? '',
      jordan: jordan ?? '',
      taylor: taylor ?? '',
      sam: sam ?? '',
    };
    harbor = await agencyIdByName(ts.server.db, HARBOR);
    northside = await agencyIdByName(ts.server.db, NORTHSIDE);
  }, SERVER_START_MS);
  afterAll(() => ts.close());

  describe('is append-only in the database', () => {
    const everything = async () => {
      const result = await ts.server.db.query('SELECT * FROM audit_log ORDER BY id');
      return JSON.stringify(result.rows);
    };

    it.each([
      ['an UPDATE', "UPDATE audit_log SET actor_name = 'someone else'"],
      [
        'an UPDATE of one entry',
        "UPDATE audit_log SET details = '{}' WHERE id = (SELECT min(id) FROM audit_log)",
      ],
      ['an UPDATE that matches nothing', "UPDATE audit_log SET actor_name = 'x' WHERE false"],
      ['a DELETE', 'DELETE FROM audit_log'],
      ['a DELETE of one entry', 'DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)'],
      ['a TRUNCATE', 'TRUNCATE audit_log'],
    ])('refuses %s and keeps every entry', async (_what, sql) => {
      const before = await everything();
      expect(before).not.toBe('[]');
      await expect(ts.server.db.query(sql)).rejects.toThrow(/audit log is append-only/);
      await expect(
        ts.server.db.transaction(async (tx) => {
          await tx.query(sql);
        }),
      ).rejects.toThrow(/append-only/);
      expect(await everything()).toBe(before);
    });
  });

  describe('records the views a desktop reports', () => {
    const report = (token: string, views: unknown, headers: Record<string, string> = {}) =>
      request(ts.url, '/api/audit/views', { method: 'POST', token, json: { views }, headers });
    const view = (clientId: string, viewedAt = new Date().toISOString(), what = 'profile') => ({
      clientId,
      viewedAt,
      what,
    });

    it('keeps views of clients the staff member may see, with who, when and from where', async () => {
      const jordanId = await userId(ts.server.db, 'jordan');
      const shared = idAt(ids, 0);
      const onCareTeam = idAt(ids, JORDAN_ACTIVE_CARE_TEAM);
      const notVisible = idAt(ids, 11);
      const viewedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
      const answer = await report(
        tokens.jordan,
        [
          view(shared, viewedAt, 'documents'),
          view(onCareTeam, viewedAt),
          view(notVisible, viewedAt),
          view(randomUUID(), viewedAt),
        ],
        { 'user-agent': 'Portico Desktop/0.1 (audit test)' },
      );
      expectStatus(answer, 200);
      // Clients jordan may not see are skipped without saying whether they exist.
      expect(answer.body).toEqual({ received: 4, recorded: 2 });
      const rows = await auditRows(ts.server.db, 'client.view', 'actor_id = $2::uuid', [jordanId]);
      expect(rows.map((row) => row.client_id).sort()).toEqual([shared, onCareTeam].sort());
      const documents = rows.find((row) => row.client_id === shared);
      expect(documents).toMatchObject({
        actor_kind: 'staff',
        actor_name: 'Jordan Lee',
        agency_id: northside,
        client_agency_id: harbor,
        subject_kind: 'client',
        subject_id: shared,
        details: { what: 'documents' },
        user_agent: 'Portico Desktop/0.1 (audit test)',
      });
      expect(documents?.ip).toMatch(/127\.0\.0\.1|::1/);
      expect(Date.parse(documents?.occurred_at ?? '')).toBe(Date.parse(viewedAt));
    });

    it('keeps one view per client, part and minute, however often it is reported', async () => {
      const client = idAt(ids, 1);
      const minute = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
      const at = (offsetMs: number) => new Date(minute + offsetMs).toISOString();
      // The profile and the messages are two parts: the client's privacy page names each.
      const first = await report(tokens.casey, [
        view(client, at(1_000)),
        view(client, at(20_000)),
        view(client, at(30_000), 'messages'),
      ]);
      expect(first.body).toEqual({ received: 3, recorded: 2 });
      // A resend after a lost answer records nothing twice.
      const again = await report(tokens.casey, [
        view(client, at(1_000)),
        view(client, at(59_000)),
        view(client, at(45_000), 'messages'),
      ]);
      expect(again.body).toEqual({ received: 3, recorded: 0 });
      const nextMinute = await report(tokens.casey, [view(client, at(61_000))]);
      expect(nextMinute.body).toEqual({ received: 1, recorded: 1 });
      // Another staff member's view of the same minute is theirs.
      const other = await report(tokens.alex, [view(client, at(1_000))]);
      expect(other.body).toEqual({ received: 1, recorded: 1 });
    });

    it.each([
      ['no views', []],
      ['a list that is not one', 'profile'],
      [
        'a client id that is not a UUID',
        [{ clientId: '../../etc/passwd', viewedAt: new Date().toISOString(), what: 'x' }],
      ],
      ['a time that is not one', [{ clientId: randomUUID(), viewedAt: 'yesterday', what: 'profile' }]],
      [
        'a time in the future',
        [{ clientId: randomUUID(), viewedAt: '2999-01-01T00:00:00Z', what: 'profile' }],
      ],
      ['a time years ago', [{ clientId: randomUUID(), viewedAt: '2001-01-01T00:00:00Z', what: 'profile' }]],
      [
        'a part of the record in free text',
        [{ clientId: randomUUID(), viewedAt: new Date().toISOString(), what: "'; DROP" }],
      ],
      ['more than 500 views', Array.from({ length: 501 }, () => view(randomUUID()))],
    ])('refuses %s with a 400 that says what is wrong', async (_what, views) => {
      const before = await ts.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
      expectErrorResponse(await report(tokens.casey, views), 400);
      const after = await ts.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log');
      expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
    });

    it('takes views only from signed-in staff', async () => {
      expectErrorResponse(await report('', [view(idAt(ids, 0))]), 401);
      const marcus = await portalSignIn(ts.url, 'marcus');
      expectErrorResponse(await report(marcus, [view(idAt(ids, 0))]), 401);
    });
  });

  describe('is read by administrators', () => {
    const read = (token: string, query = '') =>
      request(ts.url, `/api/admin/audit${query === '' ? '' : `?${query}`}`, { token });
    const entriesOf = async (token: string, query = ''): Promise<AuditAnswer> => {
      const answer = await read(token, query);
      expectStatus(answer, 200);
      return answer.body as AuditAnswer;
    };

    beforeAll(async () => {
      // A private request of Northside's about a shared Harbor client: Harbor must not learn of it.
      await sendRequestOk(ts.url, tokens.jordan, { clientId: idAt(ids, 0), type: 'location', private: true });
      await sendRequestOk(ts.url, tokens.jordan, {
        clientId: idAt(ids, 0),
        type: 'location',
        private: false,
      });
    });

    it('refuses staff who are not administrators, and clients', async () => {
      expect(expectErrorResponse(await read(tokens.casey), 403).error).toBe('forbidden');
      expectErrorResponse(await read(await portalSignIn(ts.url, 'aaliyah')), 401);
    });

    it('gives an agency admin their agency’s entries and their clients’, but not another agency’s private items', async () => {
      const all = (await entriesOf(tokens.alex, 'limit=500')).entries;
      expect(all.length).toBeGreaterThan(0);
      for (const entry of all) {
        const client = entry.clientId
          ? await ts.server.db.query<{ agency_id: string }>(
              'SELECT agency_id::text AS agency_id FROM clients WHERE id = $1::uuid',
              [entry.clientId],
            )
          : undefined;
        const ownClient = client?.rows[0]?.agency_id === harbor;
        expect(entry.agencyId === harbor || (ownClient && !entry.private), JSON.stringify(entry)).toBe(true);
      }
      const sends = all.filter((entry) => entry.action === 'request.send');
      expect(sends.map((entry) => entry.private)).toEqual([false]);
      // jordan's view of a Harbor client is Harbor's to see; jordan's sign-in is not.
      expect(all.some((entry) => entry.action === 'client.view' && entry.actor.name === 'Jordan Lee')).toBe(
        true,
      );
      expect(all.some((entry) => entry.action === 'auth.sign_in' && entry.actor.name === 'Jordan Lee')).toBe(
        false,
      );
      const northsideView = (await entriesOf(tokens.taylor, 'action=request.send')).entries;
      expect(northsideView.map((entry) => entry.private).sort()).toEqual([false, true]);
    });

    it('gives a system admin every agency’s entries', async () => {
      const all = (await entriesOf(tokens.sam, 'limit=500')).entries;
      const agencies = new Set(all.map((entry) => entry.agencyId));
      expect(agencies.has(harbor) && agencies.has(northside)).toBe(true);
      expect(all.filter((entry) => entry.action === 'request.send')).toHaveLength(2);
    });

    it('filters by client, actor, action or prefix and time, newest first, a page at a time', async () => {
      const marcus = idAt(ids, 0);
      const byClient = (await entriesOf(tokens.sam, `clientId=${marcus}`)).entries;
      expect(byClient.length).toBeGreaterThan(0);
      expect(byClient.every((entry) => entry.clientId === marcus)).toBe(true);
      const jordanId = await userId(ts.server.db, 'jordan');
      const byActor = (await entriesOf(tokens.sam, `actorId=${jordanId}`)).entries;
      expect(byActor.every((entry) => entry.actor.id === jordanId)).toBe(true);
      const auth = (await entriesOf(tokens.sam, 'action=auth.')).entries;
      expect(auth.length).toBeGreaterThan(0);
      expect(auth.every((entry) => entry.action.startsWith('auth.'))).toBe(true);
      const recent = (
        await entriesOf(
          tokens.sam,
          `from=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}`,
        )
      ).entries;
      expect(recent.some((entry) => entry.action === 'client.view')).toBe(true);
      expect(recent.every((entry) => Date.parse(entry.occurredAt) >= Date.now() - 3_700_000)).toBe(true);
      const everything = (await entriesOf(tokens.sam, 'limit=500')).entries;
      const order = everything.map((entry) => entry.id);
      expect([...order].sort((a, b) => b - a)).toEqual(order);
      const first = await entriesOf(tokens.sam, 'limit=3');
      expect(first.entries.map((entry) => entry.id)).toEqual(order.slice(0, 3));
      const second = await entriesOf(tokens.sam, `limit=3&before=${first.nextBefore}`);
      expect(second.entries.map((entry) => entry.id)).toEqual(order.slice(3, 6));
    });

    it.each([
      'limit=0',
      'limit=501',
      'limit=many',
      'clientId=not-a-uuid',
      'actorId=1',
      'action=DROP TABLE audit_log',
      'from=yesterday',
      'before=-1',
    ])('refuses the query %s with a 400', async (query) => {
      expectErrorResponse(await read(tokens.sam, query), 400);
    });
  });
});
