import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyServer } from '../../../server/app';
import { currentClient, editClient } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { SseReader } from '../../support/sse-reader';
import { waitForDoc } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Several agency server instances can serve one PostgreSQL database; live changes travel between
 * them through LISTEN/NOTIFY. Only meaningful on PostgreSQL: PGlite is embedded in one process
 * and cannot be shared by two instances, so this file runs only when DATABASE_URL is set.
 */
describe.runIf(process.env.DATABASE_URL)('two server instances on one PostgreSQL database', () => {
  let ts: TestServer;
  let second: AgencyServer;
  let ids: string[];
  const open: SseReader[] = [];

  beforeAll(async () => {
    ts = await startTestServer();
    second = await ts.startInstance();
    ids = await demoClientIds(ts.server.db);
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((reader) => reader.close()));
  });
  afterAll(() => ts.close());

  const listen = async (url: string, token: string): Promise<SseReader> => {
    const reader = await SseReader.open(`${url}/api/replication/stream`, token);
    open.push(reader);
    await reader.waitFor((event) => event.event === 'resync');
    return reader;
  };

  it('delivers a change pushed to one instance to a stream on the other, both ways', async () => {
    // Tokens are kept in the shared database, so a session from one instance works on the other.
    const jordan = await signIn(ts.url, 'jordan');
    const taylor = await signIn(second.url, 'taylor');
    const onSecond = await listen(second.url, jordan);
    const onFirst = await listen(ts.url, jordan);

    const first = idAt(ids, 33);
    const base = await currentClient(ts.url, taylor, first);
    expect((await editClient(ts.url, taylor, base, { firstName: 'Relayed' })).refusals).toEqual([]);
    await waitForDoc(onSecond, 'clients', first, (doc) => doc.firstName === 'Relayed');

    const other = idAt(ids, 34);
    const otherBase = await currentClient(second.url, taylor, other);
    expect((await editClient(second.url, taylor, otherBase, { firstName: 'Returned' })).refusals).toEqual([]);
    await waitForDoc(onFirst, 'clients', other, (doc) => doc.firstName === 'Returned');
  });
});
