import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pullAll } from '../../support/api';
import {
  CLIENT_INDEXES,
  clientAgency,
  clientShared,
  demoClientIds,
  idAt,
  JORDAN_ACTIVE_CARE_TEAM,
} from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * A fresh desktop pulls from the start, in small pages, and must receive exactly the clients its
 * staff member may see: no more, no fewer, and not even a tombstone naming one it may not see.
 */
describe('what each staff member pulls', () => {
  let ts: TestServer;
  let ids: string[];
  const tokens = new Map<string, string>();
  const PAGE = 7;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    for (const username of ['jordan', 'casey', 'sam']) tokens.set(username, await signIn(ts.url, username));
  });
  afterAll(() => ts.close());

  const token = (username: string): string => {
    const value = tokens.get(username);
    if (!value) throw new Error(`${username} is not signed in`);
    return value;
  };

  const expectedClients: Record<string, (index: number) => boolean> = {
    jordan: (i) => clientAgency(i) === 'northside' || clientShared(i) || i === JORDAN_ACTIVE_CARE_TEAM,
    casey: (i) => clientAgency(i) === 'harbor' || clientShared(i),
    sam: () => true,
  };

  for (const [username, maySee] of Object.entries(expectedClients)) {
    it(`${username} receives exactly the clients they may see, through every page`, async () => {
      const pulled = await pullAll(ts.url, token(username), 'clients', { limit: PAGE });
      expect(pulled.pages).toBeGreaterThan(1);
      const expected = CLIENT_INDEXES.filter(maySee).map((i) => idAt(ids, i));
      const received = pulled.documents.map((doc) => doc.id);
      expect(new Set(received).size, 'each client once').toBe(received.length);
      expect([...received].sort()).toEqual([...expected].sort());
      // Nothing deleted on a first pull: no tombstone for a record this person never had.
      expect(pulled.documents.filter((doc) => doc._deleted)).toEqual([]);
      expect(pulled.documents.every((doc) => doc.firstName.length > 0 && doc.dateOfBirth.length === 10)).toBe(
        true,
      );
    });
  }

  it('jordan no longer sees the client whose care team he left', async () => {
    const pulled = await pullAll(ts.url, token('jordan'), 'clients', { limit: PAGE });
    const received = new Set(pulled.documents.map((doc) => doc.id));
    expect(received.has(idAt(ids, JORDAN_ACTIVE_CARE_TEAM))).toBe(true);
    // Client 11 is Harbor's, not shared; jordan's membership ended 20 days ago.
    expect(received.has(idAt(ids, 11))).toBe(false);
  });

  for (const username of ['jordan', 'casey', 'sam']) {
    it(`${username} receives the care teams and enrollments of exactly the clients they see`, async () => {
      const clients = await pullAll(ts.url, token(username), 'clients', { limit: 1000 });
      const visibleClients = clients.documents.filter((doc) => !doc._deleted).map((doc) => doc.id);
      const memberships = await pullAll(ts.url, token(username), 'memberships', { limit: PAGE * 3 });
      expect(memberships.pages).toBeGreaterThan(1);
      const expected = await ts.server.db.query<{ id: string }>(
        `SELECT id::text AS id FROM care_team WHERE client_id::text = ANY($1::text[])
         UNION ALL SELECT id::text FROM enrollments WHERE client_id::text = ANY($1::text[])`,
        [visibleClients],
      );
      const received = memberships.documents.map((doc) => doc.id);
      expect(new Set(received).size).toBe(received.length);
      expect([...received].sort()).toEqual(expected.rows.map((row) => row.id).sort());
      expect(memberships.documents.filter((doc) => doc._deleted)).toEqual([]);
    });
  }

  it('gives every staff member the whole directory', async () => {
    const counts = await ts.server.db.query<{ n: number }>(
      'SELECT ((SELECT count(*) FROM agencies) + (SELECT count(*) FROM users) + (SELECT count(*) FROM programs))::int AS n',
    );
    for (const username of ['jordan', 'casey']) {
      const directory = await pullAll(ts.url, token(username), 'directory', { limit: 4 });
      expect(directory.documents).toHaveLength(counts.rows[0]?.n ?? -1);
      expect(new Set(directory.documents.map((doc) => doc.kind))).toEqual(
        new Set(['agency', 'staff', 'program']),
      );
    }
  });
});
