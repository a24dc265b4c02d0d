import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { type Doc, editClient, type PullResult, pullAll } from '../../support/api';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM, userId } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/** A removal that tells a desktop which record to drop and nothing else about the person. */
function expectRedactedClient(doc: Doc<'clients'> | undefined, id: string): void {
  expect(doc).toEqual({
    id,
    agencyId: '',
    firstName: '',
    lastName: '',
    firstNameKey: '',
    lastNameKey: '',
    dateOfBirth: '',
    phone: '',
    email: '',
    photoFileId: '',
    shared: false,
    portalConnected: false,
    updatedAt: expect.any(String),
    serverSeq: expect.any(Number),
    _deleted: true,
  });
}

function expectRedactedMemberships(docs: Doc<'memberships'>[], ids: string[]): void {
  expect(docs.map((doc) => doc.id).sort()).toEqual([...ids].sort());
  for (const doc of docs) {
    expect(doc).toMatchObject({
      _deleted: true,
      clientId: '',
      staffId: '',
      programId: '',
      label: '',
      startDate: '',
    });
  }
}

describe('losing and gaining sight of a client', () => {
  let ts: TestServer;
  let ids: string[];
  let jordan: string;
  let casey: string;
  let taylor: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [jordan, casey, taylor] = (await Promise.all(
      ['jordan', 'casey', 'taylor'].map((u) => signIn(ts.url, u)),
    )) as [string, string, string];
  });
  afterAll(() => ts.close());

  const membershipIds = async (clientId: string): Promise<string[]> => {
    const result = await ts.server.db.query<{ id: string }>(
      `SELECT id::text AS id FROM care_team WHERE client_id = $1::uuid
       UNION ALL SELECT id::text FROM enrollments WHERE client_id = $1::uuid`,
      [clientId],
    );
    return result.rows.map((row) => row.id);
  };
  const membershipsOf = (docs: Doc<'memberships'>[], memberIds: string[]) =>
    docs.filter((doc) => memberIds.includes(doc.id));

  describe('a client made not shared by its agency', () => {
    // Harbor client 0 is shared; jordan (Northside) has it on his desktop.
    let clientId: string;
    let jordanClients: PullResult<'clients'>;
    let jordanMemberships: PullResult<'memberships'>;
    let caseyClients: PullResult<'clients'>;

    beforeAll(async () => {
      clientId = idAt(ids, 0);
      jordanClients = await pullAll(ts.url, jordan, 'clients');
      jordanMemberships = await pullAll(ts.url, jordan, 'memberships');
      caseyClients = await pullAll(ts.url, casey, 'clients');
      expect(jordanClients.documents.find((doc) => doc.id === clientId)?.firstName).not.toBe('');
      const base = caseyClients.documents.find((doc) => doc.id === clientId);
      if (!base) throw new Error('casey does not have her own agency’s client');
      const outcome = await editClient(ts.url, casey, base, { shared: false });
      expect(outcome).toEqual({ conflicts: [], refusals: [] });
    });

    it('sends the other agency’s desktop a redacted removal from its old checkpoint', async () => {
      const next = await pullAll(ts.url, jordan, 'clients', { from: jordanClients.checkpoint });
      const aboutIt = next.documents.filter((doc) => doc.id === clientId);
      expect(aboutIt).toHaveLength(1);
      expectRedactedClient(aboutIt[0], clientId);

      const memberships = await pullAll(ts.url, jordan, 'memberships', {
        from: jordanMemberships.checkpoint,
      });
      const memberIds = await membershipIds(clientId);
      expectRedactedMemberships(membershipsOf(memberships.documents, memberIds), memberIds);

      // Once the removal is behind the checkpoint, nothing more comes about it.
      const after = await pullAll(ts.url, jordan, 'clients', { from: next.checkpoint });
      expect(after.documents.filter((doc) => doc.id === clientId)).toEqual([]);
    });

    it('keeps the record whole for its own agency', async () => {
      const next = await pullAll(ts.url, casey, 'clients', { from: caseyClients.checkpoint });
      const doc = next.documents.find((candidate) => candidate.id === clientId);
      expect(doc).toMatchObject({ id: clientId, shared: false, _deleted: false });
      expect(doc?.firstName).not.toBe('');
    });

    it('tells a desktop that never had it nothing, not even its id', async () => {
      for (const token of [taylor, jordan]) {
        // One page from the start, as a new desktop's first pull.
        const fresh = await pullAll(ts.url, token, 'clients', { limit: 1000 });
        expect(fresh.documents.filter((doc) => doc.id === clientId)).toEqual([]);
        const memberships = await pullAll(ts.url, token, 'memberships', { limit: 1000 });
        expect(membershipsOf(memberships.documents, await membershipIds(clientId))).toEqual([]);
      }
    });
  });

  it('removes a client from jordan’s desktop when his care-team membership ends', async () => {
    const clientId = idAt(ids, JORDAN_ACTIVE_CARE_TEAM);
    const before = await pullAll(ts.url, jordan, 'clients');
    const beforeMemberships = await pullAll(ts.url, jordan, 'memberships');
    expect(before.documents.find((doc) => doc.id === clientId)?._deleted).toBe(false);

    // The membership ended yesterday; the sweeper notices transitions by date.
    await ts.server.db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [clientId, await userId(ts.server.db, 'jordan')],
    );
    expect(await sweepCareTeamTransitions(ts.server.db)).toBe(1);

    const next = await pullAll(ts.url, jordan, 'clients', { from: before.checkpoint });
    const aboutIt = next.documents.filter((doc) => doc.id === clientId);
    expect(aboutIt).toHaveLength(1);
    expectRedactedClient(aboutIt[0], clientId);
    const memberships = await pullAll(ts.url, jordan, 'memberships', { from: beforeMemberships.checkpoint });
    const memberIds = await membershipIds(clientId);
    expectRedactedMemberships(membershipsOf(memberships.documents, memberIds), memberIds);
  });

  it('gives jordan a client when a care-team membership starts, and tells nobody else', async () => {
    // Harbor client 19 is not shared and jordan has never been on its team.
    const clientId = idAt(ids, 19);
    const jordanBefore = await pullAll(ts.url, jordan, 'clients');
    const taylorBefore = await pullAll(ts.url, taylor, 'clients');
    expect(jordanBefore.documents.some((doc) => doc.id === clientId)).toBe(false);

    await ts.server.db.query(
      `INSERT INTO care_team (client_id, staff_id, label, start_date)
       VALUES ($1::uuid, $2::uuid, 'Shelter liaison', (now() AT TIME ZONE 'UTC')::date)`,
      [clientId, await userId(ts.server.db, 'jordan')],
    );
    expect(await sweepCareTeamTransitions(ts.server.db)).toBe(1);

    const jordanNext = await pullAll(ts.url, jordan, 'clients', { from: jordanBefore.checkpoint });
    const gained = jordanNext.documents.find((doc) => doc.id === clientId);
    expect(gained).toMatchObject({ id: clientId, _deleted: false, shared: false });
    expect(gained?.firstName).not.toBe('');
    const memberships = await pullAll(ts.url, jordan, 'memberships', { limit: 1000 });
    expect(membershipsOf(memberships.documents, await membershipIds(clientId)).length).toBeGreaterThan(1);

    // Gaining access is not a removal for anyone: taylor never saw it and still hears nothing.
    const taylorNext = await pullAll(ts.url, taylor, 'clients', { from: taylorBefore.checkpoint });
    expect(taylorNext.documents.filter((doc) => doc.id === clientId)).toEqual([]);
  });
});
