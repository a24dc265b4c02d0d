import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import { type Doc, editClient, pullAll } from '../../support/api';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM, userId } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

function expectRedactedRequest(doc: Doc<'requests'> | undefined, id: string): void {
  expect(doc).toMatchObject({
    id,
    _deleted: true,
    clientId: '',
    agencyId: '',
    senderStaffId: '',
    description: '',
    documentName: '',
    recordId: '',
    sentAt: '',
  });
}

function expectRedactedRecord(doc: Doc<'records'> | undefined, id: string): void {
  expect(doc).toMatchObject({ id, _deleted: true, clientId: '', agencyId: '', title: '', requestId: '' });
  expect(JSON.stringify(doc?.data)).not.toMatch(/[A-Za-z0-9]{2,}"?:\s*"[^"]/);
}

/*
 * Requests and records follow their client's visibility: when a staff member loses sight of the
 * client, their desktop is sent redacted removals for the client's requests and records too.
 */
describe('losing sight of a client’s requests and records', () => {
  let ts: TestServer;
  let ids: string[];
  let jordan: string;
  let casey: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [jordan, casey] = (await Promise.all(['jordan', 'casey'].map((u) => signIn(ts.url, u)))) as [
      string,
      string,
    ];
  });
  afterAll(() => ts.close());

  const idsOf = async (table: 'portal_requests' | 'client_records', clientId: string, extra = 'true') => {
    const result = await ts.server.db.query<{ id: string }>(
      `SELECT id::text AS id FROM ${table} WHERE client_id = $1::uuid AND ${extra}`,
      [clientId],
    );
    return result.rows.map((row) => row.id).sort();
  };

  it('sends redacted removals when the client is made not shared, and keeps them whole for its agency', async () => {
    // Marcus (Harbor client 0) is shared: Jordan has his requests and records, none of them private.
    const clientId = idAt(ids, 0);
    const requestIds = await idsOf('portal_requests', clientId);
    const recordIds = await idsOf('client_records', clientId);
    expect(requestIds.length).toBeGreaterThan(1);
    expect(recordIds.length).toBeGreaterThan(1);
    const jordanRequests = await pullAll(ts.url, jordan, 'requests');
    const jordanRecords = await pullAll(ts.url, jordan, 'records');
    const caseyRequests = await pullAll(ts.url, casey, 'requests');
    expect(
      jordanRequests.documents
        .filter((doc) => doc.clientId === clientId)
        .map((doc) => doc.id)
        .sort(),
    ).toEqual(requestIds);
    expect(
      jordanRecords.documents
        .filter((doc) => doc.clientId === clientId)
        .map((doc) => doc.id)
        .sort(),
    ).toEqual(recordIds);

    const clients = await pullAll(ts.url, casey, 'clients');
    const base = clients.documents.find((doc) => doc.id === clientId);
    if (!base) throw new Error('casey does not have her own agency’s client');
    expect(await editClient(ts.url, casey, base, { shared: false })).toEqual({ conflicts: [], refusals: [] });

    const nextRequests = await pullAll(ts.url, jordan, 'requests', { from: jordanRequests.checkpoint });
    for (const id of requestIds)
      expectRedactedRequest(
        nextRequests.documents.find((doc) => doc.id === id),
        id,
      );
    const nextRecords = await pullAll(ts.url, jordan, 'records', { from: jordanRecords.checkpoint });
    for (const id of recordIds)
      expectRedactedRecord(
        nextRecords.documents.find((doc) => doc.id === id),
        id,
      );

    // A desktop starting from nothing is told nothing about them, not even their ids.
    const fresh = [
      ...(await pullAll(ts.url, jordan, 'requests')).documents,
      ...(await pullAll(ts.url, jordan, 'records')).documents,
    ].map((doc) => doc.id);
    for (const id of [...requestIds, ...recordIds]) expect(fresh).not.toContain(id);

    const caseyNext = await pullAll(ts.url, casey, 'requests', { from: caseyRequests.checkpoint });
    for (const doc of caseyNext.documents.filter((candidate) => requestIds.includes(candidate.id)))
      expect(doc).toMatchObject({ clientId, _deleted: false });
  });

  it('sends redacted removals when a care-team membership ends', async () => {
    // Linh (Harbor client 3) is not shared; Jordan sees her through her care team.
    const clientId = idAt(ids, JORDAN_ACTIVE_CARE_TEAM);
    const requestIds = await idsOf('portal_requests', clientId);
    const recordIds = await idsOf('client_records', clientId);
    expect(requestIds.length).toBeGreaterThan(1);
    expect(recordIds.length).toBeGreaterThan(0);
    const before = await pullAll(ts.url, jordan, 'requests');
    const beforeRecords = await pullAll(ts.url, jordan, 'records');
    expect(before.documents.filter((doc) => doc.clientId === clientId && !doc._deleted)).toHaveLength(
      requestIds.length,
    );

    await ts.server.db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [clientId, await userId(ts.server.db, 'jordan')],
    );
    expect(await sweepCareTeamTransitions(ts.server.db)).toBe(1);

    const next = await pullAll(ts.url, jordan, 'requests', { from: before.checkpoint });
    for (const id of requestIds)
      expectRedactedRequest(
        next.documents.find((doc) => doc.id === id),
        id,
      );
    const nextRecords = await pullAll(ts.url, jordan, 'records', { from: beforeRecords.checkpoint });
    for (const id of recordIds)
      expectRedactedRecord(
        nextRecords.documents.find((doc) => doc.id === id),
        id,
      );
  });
});
