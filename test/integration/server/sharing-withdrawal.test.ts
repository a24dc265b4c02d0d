import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PrivacyView } from '../../../shared/domain/privacy';
import { type Doc, editClient, expectStatus, pullAll, request } from '../../support/api';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM, userId } from '../../support/demo-world';
import { portalSignIn, sendAsStaffOk } from '../../support/messaging';
import { SseReader } from '../../support/sse-reader';
import { asChanges, streamedDocs, waitForDoc } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const SERVER_START_MS = 180_000;

/*
 * A client stops sharing their record with another agency from the portal's privacy page
 * (migration 041, server/sharing/). It takes effect as a care-team end does: that agency's
 * desktops are sent removals by pull and by the live stream, nobody else hears of it, the audit
 * log has it and the client's case managers get an Inbox notification. Sharing again brings the
 * record back. Marcus (Harbor client 0) is shared; Linh (Harbor client 3) is not, but Jordan
 * (Northside) is on her care team.
 */
describe('a client withdraws sharing with an agency', () => {
  let ts: TestServer;
  let ids: string[];
  let marcusId: string;
  let linhId: string;
  let harborId: string;
  let northsideId: string;
  const staff: Record<string, string> = {};
  const open: SseReader[] = [];

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    marcusId = idAt(ids, 0);
    linhId = idAt(ids, JORDAN_ACTIVE_CARE_TEAM);
    const agencies = await ts.server.db.query<{ id: string; name: string }>(
      'SELECT id::text AS id, name FROM agencies',
    );
    const agencyId = (name: string) => agencies.rows.find((row) => row.name === name)?.id ?? '';
    harborId = agencyId('Harbor Light Outreach');
    northsideId = agencyId('Northside Family Shelter');
    expect(harborId).not.toBe('');
    expect(northsideId).not.toBe('');
    for (const name of ['casey', 'alex', 'jordan', 'taylor']) staff[name] = await signIn(ts.url, name);
  }, SERVER_START_MS);
  afterEach(async () => {
    await Promise.all(open.splice(0).map((reader) => reader.close()));
  });
  afterAll(async () => {
    await ts?.close();
  });

  const listen = async (token: string): Promise<SseReader> => {
    const reader = await SseReader.open(`${ts.url}/api/replication/stream`, token);
    open.push(reader);
    await reader.waitFor(() => true);
    return reader;
  };

  const usernameOf = async (clientId: string): Promise<string> => {
    const result = await ts.server.db.query<{ username: string }>(
      'SELECT username FROM client_accounts WHERE client_id = $1::uuid',
      [clientId],
    );
    const username = result.rows[0]?.username;
    if (!username) throw new Error('the demo client has no portal account');
    return username;
  };

  const clientOf = async (username: string): Promise<string> => {
    const result = await ts.server.db.query<{ client_id: string }>(
      'SELECT client_id::text AS client_id FROM client_accounts WHERE username = $1',
      [username],
    );
    const id = result.rows[0]?.client_id;
    if (!id) throw new Error(`no portal account ${username}`);
    return id;
  };

  const sharing = (token: string, method: 'PUT' | 'DELETE', agencyId: string) =>
    request(ts.url, `/api/portal/privacy/withdrawals/${agencyId}`, { method, token });

  const auditOf = async (clientId: string, action: string) =>
    (
      await ts.server.db.query<{
        actor_kind: string;
        actor_id: string;
        subject_id: string;
        details: unknown;
      }>(
        `SELECT actor_kind, actor_id::text AS actor_id, subject_id, details FROM audit_log
          WHERE client_id = $1::uuid AND action = $2 ORDER BY id`,
        [clientId, action],
      )
    ).rows;

  const withdrawalRows = async (clientId: string) =>
    (
      await ts.server.db.query<{ agency_id: string; open: boolean }>(
        `SELECT agency_id::text AS agency_id, until_txid IS NULL AS open FROM client_share_withdrawals
          WHERE client_id = $1::uuid ORDER BY id`,
        [clientId],
      )
    ).rows;

  const redacted = (doc: Doc<'clients'> | undefined) => doc?._deleted === true && doc.firstName === '';

  it('refuses the home agency, hostile ids, unknown agencies and callers who are not the client', async () => {
    const marcus = await portalSignIn(ts.url, 'marcus');
    const home = await sharing(marcus, 'PUT', harborId);
    expectStatus(home, 409);
    expect(home.body).toMatchObject({ error: 'home_agency', message: expect.stringContaining('own agency') });
    expectStatus(await sharing(marcus, 'PUT', 'northside'), 400);
    expectStatus(await sharing(marcus, 'PUT', '5b6f2c1e-8d3a-4f4b-9a7e-2c1d0e9f8a7b'), 404);
    // Staff tokens and no token at all are not a client's session.
    expectStatus(await sharing(staff.casey ?? '', 'PUT', northsideId), 401);
    expectStatus(
      await request(ts.url, `/api/portal/privacy/withdrawals/${northsideId}`, { method: 'PUT' }),
      401,
    );
    expect(await withdrawalRows(marcusId)).toEqual([]);
    expect(await auditOf(marcusId, 'portal.sharing_withdraw')).toEqual([]);
  });

  it('lets one client change only their own record', async () => {
    // Nothing in the request names a client: Aaliyah's withdrawal is Aaliyah's, whatever she sends.
    const aaliyah = await portalSignIn(ts.url, 'aaliyah');
    const answer = await request(ts.url, `/api/portal/privacy/withdrawals/${northsideId}`, {
      method: 'PUT',
      token: aaliyah,
      json: { clientId: marcusId },
    });
    expectStatus(answer, 200);
    expect(await withdrawalRows(marcusId)).toEqual([]);
    const aaliyahId = await clientOf('aaliyah');
    expect(await withdrawalRows(aaliyahId)).toEqual([{ agency_id: northsideId, open: true }]);
    // Her open ROI request no longer says that signing shares with Northside.
    const roiAgencies = async () => {
      const requests = await request(ts.url, '/api/portal/requests', { token: aaliyah });
      expectStatus(requests, 200);
      const roi = (
        requests.body as { requests: { type: string; roi: { otherAgencies: string[] } | null }[] }
      ).requests.find((each) => each.type === 'roi');
      return roi?.roi?.otherAgencies;
    };
    expect(await roiAgencies()).toEqual([]);
    expectStatus(await sharing(aaliyah, 'DELETE', northsideId), 200);
    expect(await withdrawalRows(aaliyahId)).toEqual([{ agency_id: northsideId, open: false }]);
    expect(await roiAgencies()).toEqual(['Northside Family Shelter']);
  });

  it('removes a shared record from the other agency’s desktops by pull and by live stream, and records it', async () => {
    const jordanClients = await pullAll(ts.url, staff.jordan ?? '', 'clients');
    const jordanThreads = await pullAll(ts.url, staff.jordan ?? '', 'threads');
    const caseyClients = await pullAll(ts.url, staff.casey ?? '', 'clients');
    expect(jordanClients.documents.find((doc) => doc.id === marcusId)?.firstName).not.toBe('');
    const jordanStream = await listen(staff.jordan ?? '');
    const caseyStream = await listen(staff.casey ?? '');

    const marcus = await portalSignIn(ts.url, 'marcus');
    const answer = await sharing(marcus, 'PUT', northsideId);
    expectStatus(answer, 200);
    const view = answer.body as PrivacyView;
    expect(view.sharing).toEqual([
      {
        agencyId: northsideId,
        agency: 'Northside Family Shelter',
        withdrawn: true,
        withdrawnAt: expect.any(String),
      },
    ]);
    expect(view.whoCanSee.map((reason) => reason.kind)).toEqual(['own', 'system_admins']);

    // The live stream: Jordan's desktop is told to drop Marcus, with nothing about him.
    const removal = await waitForDoc(jordanStream, 'clients', marcusId, (doc) => doc._deleted, 20_000);
    expect(redacted(removal)).toBe(true);
    // The pull from where Jordan's desktop was: the same removal, for his threads too.
    const next = await pullAll(ts.url, staff.jordan ?? '', 'clients', { from: jordanClients.checkpoint });
    const aboutMarcus = next.documents.filter((doc) => doc.id === marcusId);
    expect(aboutMarcus).toHaveLength(1);
    expect(redacted(aboutMarcus[0])).toBe(true);
    const threads = await pullAll(ts.url, staff.jordan ?? '', 'threads', { from: jordanThreads.checkpoint });
    for (const thread of threads.documents.filter((doc) => doc.clientId === marcusId))
      expect(thread._deleted).toBe(true);
    // Every Northside desktop, from nothing: Marcus is not there at all.
    for (const token of [staff.jordan ?? '', staff.taylor ?? '']) {
      const fresh = await pullAll(ts.url, token, 'clients', { limit: 1000 });
      expect(fresh.documents.filter((doc) => doc.id === marcusId)).toEqual([]);
    }
    // Nor anything of his: care team, conversations, messages, requests, records.
    for (const collection of ['memberships', 'threads', 'messages', 'requests', 'records'] as const) {
      const fresh = await pullAll(ts.url, staff.jordan ?? '', collection, { limit: 1000 });
      const his = fresh.documents.filter((doc) => (doc as { clientId?: string }).clientId === marcusId);
      expect(his, collection).toEqual([]);
    }
    // His own agency keeps him whole.
    const casey = await pullAll(ts.url, staff.casey ?? '', 'clients', { from: caseyClients.checkpoint });
    expect(casey.documents.find((doc) => doc.id === marcusId)).toMatchObject({
      _deleted: false,
      shared: true,
    });
    expect(streamedDocs(caseyStream, 'clients').filter((doc) => doc.id === marcusId && doc._deleted)).toEqual(
      [],
    );

    // A new message to Marcus is routed in memory: to Casey, not to Jordan.
    const { message } = await sendAsStaffOk(ts.url, staff.casey ?? '', {
      clientId: marcusId,
      html: '<p>Only for Harbor Light now</p>',
    });
    const marker = await sendAsStaffOk(ts.url, staff.casey ?? '', {
      clientId: idAt(ids, 2),
      html: '<p>Everyone sees this one</p>',
    });
    await waitForDoc(caseyStream, 'messages', message.id);
    await waitForDoc(jordanStream, 'messages', marker.message.id);
    expect(streamedDocs(jordanStream, 'messages').filter((doc) => doc.id === message.id)).toEqual([]);
    const jordanMessages = jordanStream.events
      .map(asChanges)
      .flatMap((event) => event?.documents ?? [])
      .filter((doc) => doc.id === message.id);
    expect(jordanMessages).toEqual([]);

    // The audit log and the case managers' Inbox.
    expect(await auditOf(marcusId, 'portal.sharing_withdraw')).toEqual([
      {
        actor_kind: 'client',
        actor_id: marcusId,
        subject_id: northsideId,
        details: { agency: 'Northside Family Shelter' },
      },
    ]);
    const caseyNotifications = await pullAll(ts.url, staff.casey ?? '', 'notifications');
    const notice = caseyNotifications.documents.find(
      (doc) => doc.kind === 'sharing_withdrawn' && doc.clientId === marcusId,
    );
    expect(notice?.title).toBe('Marcus Johnson stopped sharing their record with Northside Family Shelter');
    const notified = await ts.server.db.query<{ staff_id: string }>(
      `SELECT staff_id::text AS staff_id FROM staff_notifications WHERE client_id = $1::uuid AND kind = 'sharing_withdrawn'
        ORDER BY staff_id`,
      [marcusId],
    );
    // Marcus's care team at Harbor Light: Casey and Alex (program lead). Nobody at Northside.
    expect(notified.rows.map((row) => row.staff_id).sort()).toEqual(
      [await userId(ts.server.db, 'casey'), await userId(ts.server.db, 'alex')].sort(),
    );

    // Asking again changes nothing and records nothing.
    expectStatus(await sharing(marcus, 'PUT', northsideId), 200);
    expect(await auditOf(marcusId, 'portal.sharing_withdraw')).toHaveLength(1);
  });

  it('tells a Northside desktop whose checkpoint is past the withdrawal nothing when his agency stops sharing him', async () => {
    // A change Jordan sees, after the withdrawal, so his desktop's checkpoint is past it.
    let caseyClients = await pullAll(ts.url, staff.casey ?? '', 'clients');
    const other = caseyClients.documents.find((doc) => doc.id === idAt(ids, 2));
    if (!other) throw new Error('casey does not have client 2');
    expect(await editClient(ts.url, staff.casey ?? '', other, { phone: '(555) 0199-0002' })).toEqual({
      conflicts: [],
      refusals: [],
    });
    // One page from the start, as a new desktop's first pull.
    const jordanClients = await pullAll(ts.url, staff.jordan ?? '', 'clients', { limit: 1000 });
    expect(jordanClients.documents.filter((doc) => doc.id === marcusId)).toEqual([]);
    expect(jordanClients.documents.at(-1)?.id).toBe(idAt(ids, 2));
    caseyClients = await pullAll(ts.url, staff.casey ?? '', 'clients');
    const base = caseyClients.documents.find((doc) => doc.id === marcusId);
    if (!base) throw new Error('casey does not have Marcus');
    expect(await editClient(ts.url, staff.casey ?? '', base, { shared: false })).toEqual({
      conflicts: [],
      refusals: [],
    });
    const next = await pullAll(ts.url, staff.jordan ?? '', 'clients', { from: jordanClients.checkpoint });
    expect(next.documents.filter((doc) => doc.id === marcusId)).toEqual([]);
    const again = await pullAll(ts.url, staff.casey ?? '', 'clients', { from: caseyClients.checkpoint });
    const latest = again.documents.find((doc) => doc.id === marcusId);
    if (!latest) throw new Error('casey did not get her own change');
    expect(await editClient(ts.url, staff.casey ?? '', latest, { shared: true })).toEqual({
      conflicts: [],
      refusals: [],
    });
  });

  it('brings the record back when the client shares again', async () => {
    const jordanClients = await pullAll(ts.url, staff.jordan ?? '', 'clients');
    expect(jordanClients.documents.filter((doc) => doc.id === marcusId)).toEqual([]);
    const jordanStream = await listen(staff.jordan ?? '');
    const marcus = await portalSignIn(ts.url, 'marcus');
    const answer = await sharing(marcus, 'DELETE', northsideId);
    expectStatus(answer, 200);
    const view = answer.body as PrivacyView;
    expect(view.sharing[0]).toMatchObject({ agencyId: northsideId, withdrawn: false, withdrawnAt: null });
    expect(view.whoCanSee.map((reason) => reason.kind)).toEqual(['own', 'shared', 'system_admins']);

    const back = await waitForDoc(jordanStream, 'clients', marcusId, (doc) => !doc._deleted, 20_000);
    expect(back.firstName).toBe('Marcus');
    const next = await pullAll(ts.url, staff.jordan ?? '', 'clients', { from: jordanClients.checkpoint });
    expect(next.documents.find((doc) => doc.id === marcusId)).toMatchObject({
      _deleted: false,
      firstName: 'Marcus',
    });
    expect(await auditOf(marcusId, 'portal.sharing_restore')).toHaveLength(1);
    const restored = await ts.server.db.query<{ title: string }>(
      `SELECT title FROM staff_notifications WHERE client_id = $1::uuid AND kind = 'sharing_restored'`,
      [marcusId],
    );
    expect(restored.rows.map((row) => row.title)).toEqual([
      'Marcus Johnson shared their record with Northside Family Shelter again',
      'Marcus Johnson shared their record with Northside Family Shelter again',
    ]);
  });

  it('ends a care-team member’s sight of a record that is not shared, and tells the rest of that agency nothing', async () => {
    const jordanClients = await pullAll(ts.url, staff.jordan ?? '', 'clients');
    const taylorClients = await pullAll(ts.url, staff.taylor ?? '', 'clients');
    expect(jordanClients.documents.find((doc) => doc.id === linhId)?.firstName).not.toBe('');
    expect(taylorClients.documents.filter((doc) => doc.id === linhId)).toEqual([]);
    const jordanStream = await listen(staff.jordan ?? '');
    const linh = await portalSignIn(ts.url, await usernameOf(linhId));
    const answer = await sharing(linh, 'PUT', northsideId);
    expectStatus(answer, 200);
    expect((answer.body as PrivacyView).whoCanSee.map((reason) => reason.kind)).toEqual([
      'own',
      'system_admins',
    ]);

    const removal = await waitForDoc(jordanStream, 'clients', linhId, (doc) => doc._deleted, 20_000);
    expect(redacted(removal)).toBe(true);
    const next = await pullAll(ts.url, staff.jordan ?? '', 'clients', { from: jordanClients.checkpoint });
    expect(redacted(next.documents.find((doc) => doc.id === linhId))).toBe(true);
    // Taylor (Northside) never saw Linh: not even her id.
    const taylorNext = await pullAll(ts.url, staff.taylor ?? '', 'clients', {
      from: taylorClients.checkpoint,
    });
    expect(taylorNext.documents.filter((doc) => doc.id === linhId)).toEqual([]);
  });
});
