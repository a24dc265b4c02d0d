import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Queryable } from '../../../server/db/database';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM } from '../../support/demo-world';
import { sendAsStaffOk } from '../../support/messaging';
import { SseReader } from '../../support/sse-reader';
import { asChanges, streamedDocs } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * The live hub (server/replication/live-hub.ts) reads each batch of changes once per instance and
 * routes rows to streams by what each may see, held in memory: a new message costs the same
 * queries with 3 streams open as with 24, and reaches exactly the streams whose staff may see it.
 */
describe('live hub', () => {
  let ts: TestServer;
  let ids: string[];
  const open: SseReader[] = [];

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
  });
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

  const hasDoc = (reader: SseReader, id: string) =>
    reader.events.some((event) => asChanges(event)?.documents.some((doc) => doc.id === id));

  /** Counts every query the server runs (pool and prepared) while `work` runs. */
  async function countQueries(work: () => Promise<void>): Promise<number> {
    let count = 0;
    const wrap = (target: Queryable) => {
      const original = target.query.bind(target);
      const counted: Queryable['query'] = (sql, params) => {
        count += 1;
        return original(sql, params);
      };
      (target as { query: Queryable['query'] }).query = counted;
      return () => {
        (target as { query: Queryable['query'] }).query = original;
      };
    };
    const restore = [wrap(ts.server.db), wrap(ts.server.db.prepared)];
    try {
      await work();
    } finally {
      for (const undo of restore) undo();
    }
    return count;
  }

  /** Opens `perUser` streams for each of casey, priya, jordan and taylor, sends one message, waits for all. */
  async function messageToAll(perUser: number): Promise<number> {
    const tokens = await Promise.all(['casey', 'priya', 'jordan', 'taylor'].map((u) => signIn(ts.url, u)));
    const readers: SseReader[] = [];
    for (const token of tokens) for (let i = 0; i < perUser; i++) readers.push(await listen(token));
    const casey = tokens[0] ?? '';
    // Marcus (Harbor client 0) is shared: every stream may see a message to him.
    const queries = await countQueries(async () => {
      const { message } = await sendAsStaffOk(ts.url, casey, {
        clientId: idAt(ids, 0),
        html: '<p>To all</p>',
      });
      for (const reader of readers) await reader.waitFor(() => hasDoc(reader, message.id));
    });
    await Promise.all(open.splice(0).map((reader) => reader.close()));
    return queries;
  }

  it('reads a new message once, however many streams are open', async () => {
    const few = await messageToAll(1);
    const many = await messageToAll(6);
    // Per-stream reads would add at least two queries (threads, messages) per extra stream: 40.
    expect(many, `${few} queries with 4 streams, ${many} with 24`).toBeLessThanOrEqual(few + 4);
  });

  it('routes a private item only within its agency, and only to those who see its client', async () => {
    const [jordan, casey, taylor] = await Promise.all(
      ['jordan', 'casey', 'taylor'].map((u) => signIn(ts.url, u)),
    );
    const linh = idAt(ids, JORDAN_ACTIVE_CARE_TEAM);
    const streams = {
      jordan: await listen(jordan ?? ''),
      casey: await listen(casey ?? ''),
      taylor: await listen(taylor ?? ''),
    };
    const thread = await ts.server.db.query<{ id: string }>(
      `SELECT t.id::text AS id FROM threads t JOIN users u ON u.id = t.staff_id
        WHERE t.client_id = $1::uuid AND u.username = 'jordan' AND t.private`,
      [linh],
    );
    const threadId = thread.rows[0]?.id;
    if (!threadId) throw new Error('the seed has no private conversation of jordan with Linh');
    const { message } = await sendAsStaffOk(ts.url, jordan ?? '', {
      clientId: linh,
      threadId,
      html: '<p>Private to Northside</p>',
    });
    await streams.jordan.waitFor(() => hasDoc(streams.jordan, message.id));
    // A message everyone sees, sent after: once it has reached casey and taylor, the private one
    // would have too, had it been routed to them.
    const marker = await sendAsStaffOk(ts.url, casey ?? '', {
      clientId: idAt(ids, 0),
      html: '<p>Marker</p>',
    });
    for (const reader of [streams.casey, streams.taylor]) {
      await reader.waitFor(() => hasDoc(reader, marker.message.id));
      expect(streamedDocs(reader, 'messages').filter((doc) => doc.id === message.id)).toEqual([]);
      expect(streamedDocs(reader, 'threads').filter((doc) => doc.id === threadId)).toEqual([]);
    }
  });
});
