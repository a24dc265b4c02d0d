import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalRequest } from '../../../server/portal-api/request-views';
import { sweepExpiredRequests } from '../../../server/requests/request-sweeper';
import { todayIsoDate } from '../../../shared/domain/dates';
import { roiTerm } from '../../../shared/domain/roi-rule';
import { todayInTimeZone } from '../../../shared/domain/time-zone';
import type { RequestDoc } from '../../../shared/replication/documents';
import { type ApiResponse, expectStatus, pullAll, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { HARBOR } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { catalogIds, need, postMultipart, sendRequestOk } from '../../support/requests';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * A client fulfilling each type of request: the record is created (private as the request was,
 * requested by its sender), the request is completed, and only its sender is notified.
 */
describe('fulfilling requests from the Customer Portal', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let priya: string;
  let alex: string;
  let tyrone: string;
  let catalog: Awaited<ReturnType<typeof catalogIds>>;
  // Tyrone (Harbor client 4) has a portal account and casey on his care team.
  const TYRONE = 4;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, priya, alex] = (await Promise.all(['casey', 'priya', 'alex'].map((u) => signIn(ts.url, u)))) as [
      string,
      string,
      string,
    ];
    tyrone = await portalSignIn(ts.url, 'tyrone');
    catalog = await catalogIds(ts.server.db, HARBOR);
  });
  afterAll(() => ts.close());

  // Private, to see privacy carried to the record; an ROI request cannot be private.
  const send = (body: Record<string, unknown> & { type: string }) =>
    sendRequestOk(ts.url, casey, { clientId: idAt(ids, TYRONE), private: body.type !== 'roi', ...body });
  const portal = (path: string, json?: unknown) =>
    request(ts.url, path, { method: json === undefined ? 'GET' : 'POST', token: tyrone, json });
  const housing = () => need(catalog.assessments.get('Housing Needs Assessment'), 'housing assessment');

  /** The record, the completed request and the sender's notification, as the desktops pull them. */
  async function expectFulfilled(sent: RequestDoc, answer: ApiResponse, title: string) {
    expectStatus(answer, 201);
    const recordId = (answer.body as { record: { id: string } }).record.id;
    expect(answer.body).toMatchObject({ request: { id: sent.id, status: 'completed' } });
    const requestDoc = (await pullAll(ts.url, casey, 'requests')).documents.find((doc) => doc.id === sent.id);
    expect(requestDoc).toMatchObject({ status: 'completed', recordId, completedAt: expect.any(String) });
    expect(requestDoc?.completedAt).not.toBe('');
    const record = (await pullAll(ts.url, casey, 'records')).documents.find((doc) => doc.id === recordId);
    expect(record).toMatchObject({
      clientId: idAt(ids, TYRONE),
      kind: sent.type,
      private: sent.private,
      requestId: sent.id,
      requestedByStaffId: sent.senderStaffId,
      submittedBy: 'client',
      title,
    });
    const notifications = (await pullAll(ts.url, casey, 'notifications')).documents;
    const notice = notifications.filter((doc) => doc.requestId === sent.id);
    expect(notice).toEqual([
      expect.objectContaining({
        staffId: sent.senderStaffId,
        kind: 'request_fulfilled',
        clientId: idAt(ids, TYRONE),
        recordId,
        read: false,
        title: `Tyrone Harris completed ${sent.description}`,
      }),
    ]);
    for (const other of [priya, alex]) {
      const theirs = (await pullAll(ts.url, other, 'notifications')).documents;
      expect(theirs.map((doc) => doc.requestId)).not.toContain(sent.id);
    }
    return record;
  }

  it('lists open requests newest first with what each needs, and marks one viewed when opened', async () => {
    const assessment = await send({ type: 'assessment', assessmentDefinitionId: housing() });
    const roi = await send({ type: 'roi' });
    const list = await portal('/api/portal/requests');
    expectStatus(list, 200);
    const requests = (list.body as { requests: PortalRequest[] }).requests;
    expect(requests.slice(0, 2).map((item) => item.id)).toEqual([roi.id, assessment.id]);
    const shownAssessment = need(requests[1], 'assessment request');
    expect(shownAssessment).toMatchObject({ type: 'assessment', status: 'sent', senderName: 'Casey Morgan' });
    expect(shownAssessment.assessment?.fields.find((field) => field.key === 'household_size')).toMatchObject({
      type: 'number',
      required: true,
    });
    const agencyToday = todayInTimeZone('America/Los_Angeles');
    expect(need(requests[0], 'ROI request').roi).toEqual({
      termDays: 365,
      signedDate: agencyToday,
      ...roiTerm(agencyToday, 365),
      agencyName: HARBOR,
      shared: true,
      otherAgencies: ['Northside Family Shelter'],
    });
    // One open ROI request per client: this one is cancelled so the ROI case below may send its own.
    await ts.server.db.query(
      `UPDATE portal_requests SET status = 'cancelled', cancelled_at = now() WHERE id = $1::uuid`,
      [roi.id],
    );

    const opened = await portal(`/api/portal/requests/${assessment.id}`);
    expect(opened.body).toMatchObject({ request: { status: 'viewed', viewedAt: expect.any(String) } });
    const doc = (await pullAll(ts.url, casey, 'requests')).documents.find((d) => d.id === assessment.id);
    expect(doc?.status).toBe('viewed');
  });

  it('enforces required assessment fields and each field’s type', async () => {
    const sent = await send({ type: 'assessment', assessmentDefinitionId: housing() });
    const path = `/api/portal/requests/${sent.id}/assessment`;
    const before = await snapshotDatabase(ts.server.db);
    const missing = await portal(path, { assessmentDate: todayIsoDate(), answers: { monthly_income: 800 } });
    expect(expectErrorResponse(missing, 400).message).toBe(
      'Answer the required questions: “Where did you stay last night?”, “How many people are in your household, including you?”.',
    );
    const blank = await portal(path, {
      assessmentDate: todayIsoDate(),
      answers: { living_situation: 'Emergency shelter', household_size: '  ' },
    });
    expect(expectErrorResponse(blank, 400).message).toContain('How many people are in your household');
    const wrongType = await portal(path, {
      assessmentDate: todayIsoDate(),
      answers: { living_situation: 'Emergency shelter', household_size: 'two' },
    });
    expect(expectErrorResponse(wrongType, 400).message).toContain('must be a number');
    const notAnOption = await portal(path, {
      assessmentDate: todayIsoDate(),
      answers: { living_situation: 'A castle', household_size: 2 },
    });
    expect(expectErrorResponse(notAnOption, 400).message).toContain('must be one of');
    const badDate = await portal(path, {
      assessmentDate: '2026-02-30',
      answers: { living_situation: 'Emergency shelter', household_size: 2 },
    });
    expectErrorResponse(badDate, 400);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });

  it('refuses text in a number question, and numbers below the question’s minimum', async () => {
    const sent = await send({ type: 'assessment', assessmentDefinitionId: housing() });
    const path = `/api/portal/requests/${sent.id}/assessment`;
    const before = await snapshotDatabase(ts.server.db);
    const answerWith = (answers: Record<string, unknown>) =>
      portal(path, {
        assessmentDate: todayIsoDate(),
        answers: { living_situation: 'Emergency shelter', household_size: 2, ...answers },
      });
    // What Number() would have made a number of is text to a person, and refused as such.
    for (const text of ['0x1A', '1e3', 'Infinity', '3 people'])
      expect(expectErrorResponse(await answerWith({ household_size: text }), 400).message, text).toBe(
        'The answer to “How many people are in your household, including you?” must be a number.',
      );
    expect(expectErrorResponse(await answerWith({ monthly_income: -20 }), 400).message).toBe(
      'The answer to “Total monthly household income (dollars)” cannot be negative.',
    );
    expect(expectErrorResponse(await answerWith({ household_size: '0' }), 400).message).toBe(
      'The answer to “How many people are in your household, including you?” must be 1 or more.',
    );
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    expectStatus(await answerWith({ monthly_income: '0', household_size: ' 1 ' }), 201);
  });

  it('fulfils an assessment: the record keeps the answers, the date and the fields', async () => {
    const sent = await send({ type: 'assessment', assessmentDefinitionId: housing() });
    const answer = await portal(`/api/portal/requests/${sent.id}/assessment`, {
      assessmentDate: '2026-01-15',
      answers: {
        living_situation: 'Emergency shelter',
        household_size: '3',
        has_eviction_notice: true,
        barriers: '',
      },
    });
    const record = await expectFulfilled(sent, answer, 'Housing Needs Assessment');
    expect(record?.data).toMatchObject({
      definitionId: housing(),
      definitionName: 'Housing Needs Assessment',
      assessmentDate: '2026-01-15',
      answers: { living_situation: 'Emergency shelter', household_size: 3, has_eviction_notice: true },
    });
    expect((record?.data as { fields?: unknown[] } | undefined)?.fields?.length).toBeGreaterThan(3);
  });

  it('fulfils a document request with the uploaded files', async () => {
    const sent = await send({
      type: 'document',
      documentCategoryId: need(catalog.categories.get('Housing'), 'Housing'),
      documentName: 'Lease',
    });
    const answer = await postMultipart(ts.url, `/api/portal/requests/${sent.id}/documents`, {
      token: tyrone,
      files: [
        { name: 'lease-p1.jpg', content: 2048, contentType: 'image/jpeg' },
        { name: 'lease-p2.jpg', content: 4096, contentType: 'image/jpeg' },
      ],
    });
    const record = await expectFulfilled(sent, answer, 'Lease');
    expect(record?.data).toMatchObject({
      categoryName: 'Housing',
      name: 'Lease',
      files: [
        { name: 'lease-p1.jpg', size: 2048 },
        { name: 'lease-p2.jpg', size: 4096 },
      ],
    });
  });

  it('fulfils a location request with an address or with coordinates, not with neither', async () => {
    const sent = await send({ type: 'location' });
    const path = `/api/portal/requests/${sent.id}/location`;
    expectErrorResponse(await portal(path, {}), 400);
    expectErrorResponse(await portal(path, { latitude: 47.6 }), 400);
    expectErrorResponse(await portal(path, { latitude: 147.6, longitude: 10 }), 400);
    const answer = await portal(path, { latitude: 47.60668, longitude: -122.33251, accuracy: 12 });
    const record = await expectFulfilled(sent, answer, '47.60668, -122.33251');
    expect(record?.data).toEqual({ address: '', latitude: 47.60668, longitude: -122.33251, accuracy: 12 });
  });

  it('fulfils an ROI request: typed name, and dates from the agency’s default term', async () => {
    // The agency administrator shortens the term first; the signature takes it.
    const settings = await request(ts.url, '/api/admin/agency-settings', {
      method: 'PATCH',
      token: alex,
      json: { roiTermDays: 180 },
    });
    expectStatus(settings, 200);
    const sent = await send({ type: 'roi' });
    const path = `/api/portal/requests/${sent.id}/roi`;
    // The agency's today (Harbor Light is in Los Angeles), which the server sets.
    const today = todayInTimeZone('America/Los_Angeles');
    expectErrorResponse(await portal(path, { signedName: '  ', signedDate: today }), 400);
    expectErrorResponse(await portal(path, { signedName: 'Tyrone Harris', signedDate: '2999-01-01' }), 400);
    const answer = await portal(path, { signedName: 'Tyrone Harris', signedDate: today });
    const record = await expectFulfilled(sent, answer, 'Release of Information');
    expect(record?.data).toEqual({
      signedName: 'Tyrone Harris',
      signedDate: today,
      ...roiTerm(today, 180),
      active: true,
    });
  });

  it('refuses a second submit of the same request, keeping one record', async () => {
    const sent = await send({ type: 'location' });
    const path = `/api/portal/requests/${sent.id}/location`;
    const [first, second] = await Promise.all([
      portal(path, { address: 'Shelter on 5th' }),
      portal(path, { address: 'Shelter on 5th' }),
    ]);
    expect([first?.status, second?.status].sort()).toEqual([201, 409]);
    const records = await ts.server.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM client_records WHERE request_id = $1::uuid',
      [sent.id],
    );
    expect(records.rows[0]?.n).toBe(1);
    expect(expectErrorResponse(await portal(path, { address: 'Again' }), 409).message).toBe(
      'You already completed this request.',
    );
  });

  it('refuses to fulfil an expired request, and the sweeper marks it expired', async () => {
    const sent = await send({ type: 'location' });
    await ts.server.db.query(
      `UPDATE portal_requests SET expires_at = now() - interval '1 second' WHERE id = $1::uuid`,
      [sent.id],
    );
    const before = await snapshotDatabase(ts.server.db);
    const late = await portal(`/api/portal/requests/${sent.id}/location`, { address: 'Library' });
    expect(expectErrorResponse(late, 409).message).toBe(
      'This request has expired. Ask your case manager to send it again.',
    );
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    const listed = (await portal('/api/portal/requests')).body as { requests: PortalRequest[] };
    expect(listed.requests.map((item) => item.id)).not.toContain(sent.id);
    await sweepExpiredRequests(ts.server.db);
    const doc = (await pullAll(ts.url, casey, 'requests')).documents.find((d) => d.id === sent.id);
    expect(doc?.status).toBe('expired');
    const document = await send({
      type: 'document',
      documentCategoryId: need(catalog.categories.get('Housing'), 'Housing'),
      documentName: 'Lease',
    });
    await ts.server.db.query(
      `UPDATE portal_requests SET expires_at = now() - interval '1 second' WHERE id = $1::uuid`,
      [document.id],
    );
    const upload = await postMultipart(ts.url, `/api/portal/requests/${document.id}/documents`, {
      token: tyrone,
      files: [{ name: 'lease.pdf', content: 1000 }],
    });
    expectErrorResponse(upload, 409);
  });

  it('refuses the wrong kind of answer, and another client’s request', async () => {
    const sent = await send({ type: 'location' });
    expectErrorResponse(
      await portal(`/api/portal/requests/${sent.id}/roi`, { signedName: 'T', signedDate: todayIsoDate() }),
      400,
    );
    const marcus = await portalSignIn(ts.url, 'marcus');
    const other = await request(ts.url, `/api/portal/requests/${sent.id}/location`, {
      method: 'POST',
      token: marcus,
      json: { address: 'Somewhere' },
    });
    expectErrorResponse(other, 404);
  });

  it('takes documents a client sends unasked: shared, for the client’s own agency', async () => {
    const answer = await postMultipart(ts.url, '/api/portal/documents', {
      token: tyrone,
      fields: { name: 'Food bank card' },
      files: [{ name: 'card.png', content: 3000, contentType: 'image/png' }],
    });
    expectStatus(answer, 201);
    const id = (answer.body as { record: { id: string } }).record.id;
    const record = (await pullAll(ts.url, priya, 'records')).documents.find((doc) => doc.id === id);
    expect(record).toMatchObject({
      kind: 'document',
      private: false,
      requestId: '',
      requestedByStaffId: '',
      submittedBy: 'client',
      title: 'Food bank card',
    });
    const noName = await postMultipart(ts.url, '/api/portal/documents', {
      token: tyrone,
      files: [{ name: 'card.png', content: 3000 }],
    });
    expectErrorResponse(noName, 400);
  });
});
