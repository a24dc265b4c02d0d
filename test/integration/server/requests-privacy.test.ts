import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDoc, RequestDoc } from '../../../shared/replication/documents';
import { expectStatus, pullAll, push, request } from '../../support/api';
import { HARBOR } from '../../support/demo-lookup';
import { demoClientIds, idAt } from '../../support/demo-world';
import { portalSignIn } from '../../support/messaging';
import { catalogIds, need, postMultipart, sendRequestOk } from '../../support/requests';
import { SseReader } from '../../support/sse-reader';
import { streamedDocs, waitForDoc } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * A private request and what the client sends back stay within the sender's agency: never in
 * another agency's pull, stream or API answer, while the sender's colleagues get them. Marcus
 * (Harbor client 0) is shared, so Jordan (Northside) sees his record and everything not private.
 */
describe('private requests and their records', () => {
  let ts: TestServer;
  let ids: string[];
  const tokens: Record<'casey' | 'priya' | 'jordan' | 'sam' | 'marcus', string> = {
    casey: '',
    priya: '',
    jordan: '',
    sam: '',
    marcus: '',
  };
  let jordanStream: SseReader;
  let priyaStream: SseReader;
  let locationRequest: RequestDoc;
  let documentRequest: RequestDoc;
  let locationRecordId: string;
  let documentRecord: { id: string; data: { files: { fileId: string }[] } };
  let publicRequest: RequestDoc;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    for (const staff of ['casey', 'priya', 'jordan', 'sam'] as const)
      tokens[staff] = await signIn(ts.url, staff);
    tokens.marcus = await portalSignIn(ts.url, 'marcus');
    jordanStream = await SseReader.open(`${ts.url}/api/replication/stream`, tokens.jordan);
    priyaStream = await SseReader.open(`${ts.url}/api/replication/stream`, tokens.priya);
    await Promise.all([jordanStream.waitFor(() => true), priyaStream.waitFor(() => true)]);

    const clientId = idAt(ids, 0);
    locationRequest = await sendRequestOk(ts.url, tokens.casey, {
      clientId,
      type: 'location',
      private: true,
    });
    documentRequest = await sendRequestOk(ts.url, tokens.casey, {
      clientId,
      type: 'document',
      private: true,
      documentCategoryId: need((await catalogIds(ts.server.db, HARBOR)).categories.get('Medical'), 'Medical'),
      documentName: 'Disability Verification',
    });
    const location = await request(ts.url, `/api/portal/requests/${locationRequest.id}/location`, {
      method: 'POST',
      token: tokens.marcus,
      json: { address: '1420 Pine St, room 12' },
    });
    expectStatus(location, 201);
    locationRecordId = (location.body as { record: { id: string } }).record.id;
    const upload = await postMultipart(ts.url, `/api/portal/requests/${documentRequest.id}/documents`, {
      token: tokens.marcus,
      files: [{ name: 'verification.pdf', content: new TextEncoder().encode('%PDF private') }],
    });
    expectStatus(upload, 201);
    documentRecord = (upload.body as { record: typeof documentRecord }).record;
    // Sent last: once Jordan's stream has it, it has had every earlier change too.
    publicRequest = await sendRequestOk(ts.url, tokens.casey, { clientId, type: 'location' });
    await waitForDoc(jordanStream, 'requests', publicRequest.id);
    await waitForDoc(priyaStream, 'requests', publicRequest.id);
  });
  afterAll(async () => {
    await jordanStream.close();
    await priyaStream.close();
    await ts.close();
  });

  const privateIds = () => [locationRequest.id, documentRequest.id, locationRecordId, documentRecord.id];

  it('reaches the sender’s colleagues and the system admin by pull, completed, with its records', async () => {
    for (const who of ['priya', 'sam'] as const) {
      const requests = (await pullAll(ts.url, tokens[who], 'requests')).documents;
      expect(requests.find((doc) => doc.id === locationRequest.id)).toMatchObject({
        private: true,
        status: 'completed',
        recordId: locationRecordId,
      });
      const records = (await pullAll(ts.url, tokens[who], 'records')).documents;
      expect(records.find((doc) => doc.id === locationRecordId)).toMatchObject({
        private: true,
        title: '1420 Pine St, room 12',
      });
      expect(records.some((doc) => doc.id === documentRecord.id)).toBe(true);
    }
  });

  it('never reaches another agency’s staff member by pull', async () => {
    const requests = (await pullAll(ts.url, tokens.jordan, 'requests')).documents;
    const records = (await pullAll(ts.url, tokens.jordan, 'records')).documents;
    expect(requests.some((doc) => doc.id === publicRequest.id)).toBe(true);
    const seen = [...requests, ...records].map((doc) => doc.id);
    for (const id of privateIds()) expect(seen).not.toContain(id);
    expect(JSON.stringify([...requests, ...records])).not.toContain('1420 Pine St');
  });

  it('never reaches another agency’s staff member by the live stream, while a colleague’s stream has it', async () => {
    await waitForDoc(priyaStream, 'records', locationRecordId);
    await waitForDoc(priyaStream, 'requests', locationRequest.id, (doc) => doc.status === 'completed');
    const streamed = [...streamedDocs(jordanStream, 'requests'), ...streamedDocs(jordanStream, 'records')];
    expect(streamed.some((doc) => doc.id === publicRequest.id)).toBe(true);
    for (const id of privateIds()) expect(streamed.map((doc) => doc.id)).not.toContain(id);
    const everything = jordanStream.events.map((event) => event.data).join('\n');
    expect(everything).not.toContain('1420 Pine St');
    expect(everything).not.toContain('Disability Verification');
  });

  it('never reaches another agency’s staff member through the API', async () => {
    const fileId = need(documentRecord.data.files[0], 'file').fileId;
    const path = `/api/records/${documentRecord.id}/files/${fileId}`;
    expect((await request(ts.url, path, { token: tokens.jordan })).status).toBe(404);
    expect((await request(ts.url, path, { token: tokens.priya })).status).toBe(200);
    // A push naming it gets no more than an id and a deletion back.
    const base = { ...locationRequest, _deleted: false } as RequestDoc & { _deleted: boolean };
    const answer = await push(ts.url, tokens.jordan, 'requests', [
      { assumedMasterState: base, newDocumentState: { ...base, status: 'cancelled' } },
    ]);
    expect(answer.refusals).toEqual([
      { id: locationRequest.id, message: 'This request is not available to you.' },
    ]);
    for (const conflict of answer.conflicts)
      expect(conflict).toMatchObject({ _deleted: true, description: '', clientId: '' });
    const records = await push(ts.url, tokens.jordan, 'records', [
      {
        newDocumentState: { id: locationRecordId, _deleted: false } as RecordDoc & { _deleted: boolean },
      },
    ]);
    for (const conflict of records.conflicts)
      expect(conflict).toMatchObject({ _deleted: true, title: '', data: {} });
  });

  it('notifies the sender only: nobody else pulls the notification', async () => {
    const mine = (await pullAll(ts.url, tokens.casey, 'notifications')).documents;
    expect(mine.filter((doc) => doc.requestId === locationRequest.id)).toMatchObject([
      { staffId: expect.any(String), recordId: locationRecordId, read: false },
    ]);
    for (const who of ['priya', 'jordan', 'sam'] as const) {
      const theirs = (await pullAll(ts.url, tokens[who], 'notifications')).documents;
      expect(theirs.map((doc) => doc.requestId)).not.toContain(locationRequest.id);
    }
    expect(streamedDocs(jordanStream, 'notifications')).toEqual([]);
  });

  it('keeps nothing from the client it is about: the portal shows the client their private requests', async () => {
    const response = await request(ts.url, `/api/portal/requests/${locationRequest.id}`, {
      token: tokens.marcus,
    });
    expectStatus(response, 200);
    expect(response.body).toMatchObject({ request: { id: locationRequest.id, status: 'completed' } });
  });
});
