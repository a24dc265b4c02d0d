import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { currentClient, editClient, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { SseReader } from '../../support/sse-reader';
import { streamedDocs, waitForDoc } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * The live stream must tell each desktop about exactly the changes its staff member may see,
 * the same rule the pull applies.
 */
describe('GET /api/replication/stream', () => {
  let ts: TestServer;
  let ids: string[];
  let jordan: string;
  let casey: string;
  let taylor: string;
  const open: SseReader[] = [];

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [jordan, casey, taylor] = (await Promise.all(
      ['jordan', 'casey', 'taylor'].map((u) => signIn(ts.url, u)),
    )) as [string, string, string];
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((reader) => reader.close()));
  });
  afterAll(async () => {
    await ts?.close();
  });

  /** Opens a stream and waits until it is listening (its first event). */
  const listen = async (token: string): Promise<SseReader> => {
    const reader = await SseReader.open(`${ts.url}/api/replication/stream`, token);
    open.push(reader);
    await reader.waitFor(() => true);
    return reader;
  };

  it('is an event stream that starts by asking the desktop to resync', async () => {
    const reader = await listen(casey);
    expect(reader.status).toBe(200);
    expect(reader.contentType).toContain('text/event-stream');
    expect(reader.events[0]).toEqual({ event: 'resync', data: JSON.stringify({ type: 'resync' }) });
  });

  it('sends a change to those who may see it and not to those who may not', async () => {
    const jordanStream = await listen(jordan);
    const caseyStream = await listen(casey);
    const notShared = idAt(ids, 30);
    const shared = idAt(ids, 31);

    // Taylor edits a Northside record kept to Northside, then one shared with everyone.
    const hidden = await currentClient(ts.url, taylor, notShared);
    expect(hidden.shared).toBe(false);
    expect((await editClient(ts.url, taylor, hidden, { firstName: 'Streamed' })).refusals).toEqual([]);
    const open = await currentClient(ts.url, taylor, shared);
    expect((await editClient(ts.url, taylor, open, { firstName: 'Broadcast' })).refusals).toEqual([]);

    const seenByJordan = await waitForDoc(
      jordanStream,
      'clients',
      notShared,
      (doc) => doc.firstName === 'Streamed',
    );
    expect(seenByJordan._deleted).toBe(false);
    await waitForDoc(jordanStream, 'clients', shared, (doc) => doc.firstName === 'Broadcast');

    // Casey's stream handles changes in order, so once the later edit reached her the earlier one
    // would have too, had she been allowed to see it.
    await waitForDoc(caseyStream, 'clients', shared, (doc) => doc.firstName === 'Broadcast');
    expect(streamedDocs(caseyStream, 'clients').filter((doc) => doc.id === notShared)).toEqual([]);
    expect(JSON.stringify(caseyStream.events)).not.toContain('Streamed');
  });

  it('sends a redacted removal when a record stops being shared', async () => {
    const jordanStream = await listen(jordan);
    const clientId = idAt(ids, 12);
    const base = await currentClient(ts.url, casey, clientId);
    expect((await editClient(ts.url, casey, base, { shared: false })).refusals).toEqual([]);
    const removal = await waitForDoc(jordanStream, 'clients', clientId, (doc) => doc._deleted);
    expect(removal).toMatchObject({ firstName: '', lastName: '', dateOfBirth: '', phone: '', email: '' });
    expect(JSON.stringify(jordanStream.events)).not.toContain(base.lastName);
  });

  it('refuses to open without a valid session', async () => {
    const path = '/api/replication/stream';
    expectErrorResponse(await request(ts.url, path), 401);
    expectErrorResponse(await request(ts.url, path, { token: 'not-a-real-token' }), 401);
  });
});
