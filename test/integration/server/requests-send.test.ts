import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUEST_EXPIRY_DAYS } from '../../../shared/domain/requests';
import { snapshotDatabase } from '../../support/db-snapshot';
import { HARBOR, NORTHSIDE } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { catalogIds, need, sendRequest, sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/** SEND REQUEST TO THE CUSTOMER PORTAL at the server: what each type stores and what it refuses. */
describe('sending a request', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let priya: string;
  let harbor: Awaited<ReturnType<typeof catalogIds>>;
  let northside: Awaited<ReturnType<typeof catalogIds>>;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    casey = await signIn(ts.url, 'casey');
    priya = await signIn(ts.url, 'priya');
    harbor = await catalogIds(ts.server.db, HARBOR);
    northside = await catalogIds(ts.server.db, NORTHSIDE);
  });
  afterAll(() => ts.close());

  const identification = () => need(harbor.categories.get('Identification'), 'Identification');

  it('stores an assessment request with its name as the description, sent and expiring in 30 days', async () => {
    const request = await sendRequestOk(ts.url, casey, {
      clientId: idAt(ids, 6),
      type: 'assessment',
      private: true,
      assessmentDefinitionId: need(harbor.assessments.get('Housing Needs Assessment'), 'assessment'),
    });
    expect(request).toMatchObject({
      clientId: idAt(ids, 6),
      type: 'assessment',
      private: true,
      description: 'Housing Needs Assessment',
      status: 'sent',
      viewedAt: '',
      completedAt: '',
      cancelledAt: '',
      recordId: '',
    });
    expect(Date.parse(request.expiresAt) - Date.parse(request.sentAt)).toBe(REQUEST_EXPIRY_DAYS * 86_400_000);
  });

  it('offers only its own agency’s assessments that are active and enabled for the portal', async () => {
    const base = { clientId: idAt(ids, 6), type: 'assessment' };
    const otherAgency = await sendRequest(ts.url, casey, {
      ...base,
      assessmentDefinitionId: need(
        northside.assessments.get('Housing Needs Assessment'),
        'Northside assessment',
      ),
    });
    expectErrorResponse(otherAgency, 404);
    const notForPortal = await sendRequest(ts.url, casey, {
      ...base,
      assessmentDefinitionId: need(
        harbor.assessments.get('Vulnerability Index Intake'),
        'staff-only assessment',
      ),
    });
    expect(expectErrorResponse(notForPortal, 400).message).toContain('not enabled');
    expectErrorResponse(await sendRequest(ts.url, casey, base), 400);
  });

  it('stores a document request by category and predefined name', async () => {
    const request = await sendRequestOk(ts.url, casey, {
      clientId: idAt(ids, 6),
      type: 'document',
      documentCategoryId: identification(),
      documentName: 'Birth Certificate',
    });
    expect(request).toMatchObject({
      documentCategoryId: identification(),
      documentName: 'Birth Certificate',
      description: 'Identification: Birth Certificate',
    });
  });

  it('needs an Other Name when “Other” is chosen, and stores that name', async () => {
    const base = { clientId: idAt(ids, 6), type: 'document', documentCategoryId: identification() };
    for (const otherName of [undefined, '', '   ']) {
      const before = await snapshotDatabase(ts.server.db);
      const response = await sendRequest(ts.url, casey, { ...base, documentName: 'Other', otherName });
      expect(expectErrorResponse(response, 400).message).toContain('Enter the Other Name.');
      expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    }
    const request = await sendRequestOk(ts.url, casey, {
      ...base,
      documentName: 'Other',
      otherName: 'Tribal enrollment card',
    });
    expect(request.documentName).toBe('Tribal enrollment card');
    expect(request.description).toBe('Identification: Tribal enrollment card');
  });

  it('refuses a predefined name the category does not have, or another agency’s category', async () => {
    const wrongName = await sendRequest(ts.url, casey, {
      clientId: idAt(ids, 6),
      type: 'document',
      documentCategoryId: identification(),
      documentName: 'Pay Stub',
    });
    expect(expectErrorResponse(wrongName, 400).message).toContain('Pay Stub');
    const otherAgency = await sendRequest(ts.url, casey, {
      clientId: idAt(ids, 6),
      type: 'document',
      documentCategoryId: need(northside.categories.get('Identification'), 'Northside category'),
      documentName: 'State ID',
    });
    expectErrorResponse(otherAgency, 404);
  });

  it('describes location and ROI requests in words', async () => {
    const location = await sendRequestOk(ts.url, casey, { clientId: idAt(ids, 8), type: 'location' });
    expect(location.description).toBe('Location');
    const roi = await sendRequestOk(ts.url, casey, { clientId: idAt(ids, 8), type: 'roi' });
    expect(roi.description).toBe('Release of Information');
  });

  it('makes a resend harmless: the same id from the same sender answers the stored request', async () => {
    const id = randomUUID();
    const body = { id, clientId: idAt(ids, 9), type: 'location' };
    const first = await sendRequest(ts.url, casey, body);
    expect(first.status).toBe(201);
    const again = await sendRequest(ts.url, casey, body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const count = await ts.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM portal_requests WHERE id = $1::uuid',
      [id],
    );
    expect(count.rows[0]?.n).toBe(1);
    const taken = await sendRequest(ts.url, priya, body);
    expect(expectErrorResponse(taken, 409).error).toBe('request_id_taken');
  });

  it('refuses a client the sender may not see, as if it did not exist', async () => {
    // Northside client 30 is not shared; casey (Harbor) is not on its care team.
    const before = await snapshotDatabase(ts.server.db);
    const response = await sendRequest(ts.url, casey, { clientId: idAt(ids, 30), type: 'location' });
    expectErrorResponse(response, 404);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });
});
