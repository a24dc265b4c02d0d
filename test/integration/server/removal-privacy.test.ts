import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepCareTeamTransitions } from '../../../server/authz/care-team-sweeper';
import {
  EMPTY_CHECKPOINT,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
} from '../../../shared/replication/documents';
import { pullAll, pullPage } from '../../support/api';
import { demoClientIds, idAt, JORDAN_ACTIVE_CARE_TEAM, userId } from '../../support/demo-world';
import { sendAsStaffOk } from '../../support/messaging';
import { SseReader } from '../../support/sse-reader';
import { asChanges } from '../../support/stream-events';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * Removals stay private (issue 12). Linh (Harbor client 3, not shared) has Jordan (Northside) on
 * her care team, with a private Northside conversation, its messages and a private request. When
 * that membership ends, Jordan's desktop is told to drop what it held. Nobody else hears a thing:
 * Casey (Harbor, Linh's own agency) never saw Northside's private items and must not learn their
 * ids; Taylor (Northside) never saw Linh at all and must receive no removal about her. Checked
 * from an empty cache and from every checkpoint a desktop could have had before, on the pull and
 * on the live stream.
 */

const COLLECTIONS: ReplicatedCollection[] = [
  'clients',
  'memberships',
  'threads',
  'messages',
  'requests',
  'records',
];
const PAGE = 20;

describe('removals after a care-team membership ends', () => {
  let ts: TestServer;
  let linh: string;
  let tokens: Record<'jordan' | 'casey' | 'taylor', string>;
  /** Per person and collection: the empty checkpoint and every page's checkpoint before the end. */
  const checkpoints = new Map<string, ReplicationCheckpoint[]>();
  /** Ids of Northside's private items about Linh, and of every row about Linh. */
  let northsidePrivate: Set<string>;
  let aboutLinh: Set<string>;
  const streams: Partial<Record<'casey' | 'taylor', SseReader>> = {};

  const ids = async (sql: string) =>
    new Set((await ts.server.db.query<{ id: string }>(sql, [linh])).rows.map((row) => row.id));

  /** Every checkpoint a desktop pulling `collection` in pages of PAGE passes through, from empty. */
  async function everyCheckpoint(
    token: string,
    collection: ReplicatedCollection,
  ): Promise<ReplicationCheckpoint[]> {
    const seen: ReplicationCheckpoint[] = [EMPTY_CHECKPOINT];
    let checkpoint = EMPTY_CHECKPOINT;
    for (;;) {
      const page = await pullPage(ts.url, token, collection, checkpoint, PAGE);
      if (!page.checkpoint || page.documents.length === 0) break;
      checkpoint = page.checkpoint;
      seen.push(checkpoint);
      if (page.documents.length < PAGE) break;
    }
    return seen;
  }

  beforeAll(async () => {
    ts = await startTestServer();
    linh = idAt(await demoClientIds(ts.server.db), JORDAN_ACTIVE_CARE_TEAM);
    const [jordan, casey, taylor] = (await Promise.all(
      ['jordan', 'casey', 'taylor'].map((u) => signIn(ts.url, u)),
    )) as [string, string, string];
    tokens = { jordan, casey, taylor };
    northsidePrivate = await ids(
      `SELECT t.id::text AS id FROM threads t JOIN agencies a ON a.id = t.agency_id
        WHERE t.client_id = $1::uuid AND t.private AND a.name ILIKE '%northside%'
       UNION ALL SELECT m.id::text FROM messages m JOIN agencies a ON a.id = m.agency_id
        WHERE m.client_id = $1::uuid AND m.private AND a.name ILIKE '%northside%'
       UNION ALL SELECT r.id::text FROM portal_requests r JOIN agencies a ON a.id = r.agency_id
        WHERE r.client_id = $1::uuid AND r.private AND a.name ILIKE '%northside%'
       UNION ALL SELECT d.id::text FROM client_records d JOIN agencies a ON a.id = d.agency_id
        WHERE d.client_id = $1::uuid AND d.private AND a.name ILIKE '%northside%'`,
    );
    // The conversation, its two messages and the request: the seed's private Northside items.
    expect(northsidePrivate.size).toBeGreaterThanOrEqual(4);

    for (const person of ['jordan', 'casey', 'taylor'] as const) {
      for (const collection of COLLECTIONS)
        checkpoints.set(`${person}/${collection}`, await everyCheckpoint(tokens[person], collection));
    }
    // Something about Linh changes in between, so there are checkpoints from before and after it.
    await sendAsStaffOk(ts.url, casey, { clientId: linh, html: '<p>Checking in before Friday.</p>' });
    for (const person of ['jordan', 'casey', 'taylor'] as const) {
      for (const collection of COLLECTIONS) {
        const all = await pullAll(ts.url, tokens[person], collection, { limit: 1000 });
        checkpoints.get(`${person}/${collection}`)?.push(all.checkpoint);
      }
    }
    aboutLinh = await ids(
      `SELECT id::text AS id FROM clients WHERE id = $1::uuid
       UNION ALL SELECT id::text FROM care_team WHERE client_id = $1::uuid
       UNION ALL SELECT id::text FROM enrollments WHERE client_id = $1::uuid
       UNION ALL SELECT id::text FROM threads WHERE client_id = $1::uuid
       UNION ALL SELECT id::text FROM messages WHERE client_id = $1::uuid
       UNION ALL SELECT id::text FROM portal_requests WHERE client_id = $1::uuid
       UNION ALL SELECT id::text FROM client_records WHERE client_id = $1::uuid`,
    );

    for (const person of ['casey', 'taylor'] as const) {
      const reader = await SseReader.open(`${ts.url}/api/replication/stream`, tokens[person]);
      await reader.waitFor(() => true);
      streams[person] = reader;
    }

    // Jordan's membership ended yesterday; the sweeper notices it by the calendar.
    await ts.server.db.query(
      `UPDATE care_team SET end_date = (now() AT TIME ZONE 'UTC')::date - 1
        WHERE client_id = $1::uuid AND staff_id = $2::uuid`,
      [linh, await userId(ts.server.db, 'jordan')],
    );
    expect(await sweepCareTeamTransitions(ts.server.db)).toBe(1);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(Object.values(streams).map((reader) => reader?.close()));
    await ts?.close();
  });

  /** Every document `person` pulls from each of their earlier checkpoints, per collection. */
  async function pulledFromEveryCheckpoint(person: 'jordan' | 'casey' | 'taylor') {
    const pulled: {
      collection: ReplicatedCollection;
      from: ReplicationCheckpoint;
      id: string;
      deleted: boolean;
    }[] = [];
    for (const collection of COLLECTIONS) {
      for (const from of checkpoints.get(`${person}/${collection}`) ?? []) {
        const { documents } = await pullAll(ts.url, tokens[person], collection, { from, limit: 1000 });
        for (const doc of documents) pulled.push({ collection, from, id: doc.id, deleted: doc._deleted });
      }
    }
    return pulled;
  }

  it('tells Jordan, who held them, to drop Northside’s private items about Linh', async () => {
    const pulled = await pulledFromEveryCheckpoint('jordan');
    const removed = new Set(pulled.filter((doc) => doc.deleted).map((doc) => doc.id));
    for (const id of northsidePrivate) expect(removed.has(id), id).toBe(true);
    expect(removed.has(linh)).toBe(true);
  });

  it('never gives Casey the id of a Northside private item about Linh', async () => {
    const pulled = await pulledFromEveryCheckpoint('casey');
    expect(pulled.filter((doc) => northsidePrivate.has(doc.id))).toEqual([]);
    // She still has Linh herself: her own agency's client.
    expect(pulled.some((doc) => doc.id === linh && !doc.deleted)).toBe(true);
  });

  it('sends Taylor, who never saw Linh, nothing about her at all', async () => {
    const pulled = await pulledFromEveryCheckpoint('taylor');
    expect(pulled.filter((doc) => aboutLinh.has(doc.id))).toEqual([]);
  });

  it('streams neither of them anything they may not know', async () => {
    // Something everyone sees, sent after the sweep: once it arrives, the sweep's changes have too.
    const marker = await sendAsStaffOk(ts.url, tokens.casey, {
      clientId: idAt(await demoClientIds(ts.server.db), 0),
      html: '<p>Marker after the sweep.</p>',
    });
    for (const person of ['casey', 'taylor'] as const) {
      const reader = streams[person];
      if (!reader) throw new Error(`no stream for ${person}`);
      await reader.waitFor((event) =>
        Boolean(asChanges(event)?.documents.some((doc) => doc.id === marker.message.id)),
      );
      const streamed = reader.events.flatMap((event) => asChanges(event)?.documents ?? []);
      const forbidden = person === 'casey' ? northsidePrivate : aboutLinh;
      expect(streamed.filter((doc) => forbidden.has(doc.id)).map((doc) => doc.id)).toEqual([]);
    }
  });
});
