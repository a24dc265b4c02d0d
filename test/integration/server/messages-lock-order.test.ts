import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalThread } from '../../../server/portal-api/portal-views';
import { type ApiResponse, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { portalSignIn, sendAsStaff } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { waitUntil } from '../../support/wait';

/*
 * Sending a message locks the client's row (db/client-lock.ts), then the thread row, then writes
 * replicated rows; opening a conversation in the portal updates the thread row. The care team
 * sweeper locks the client's row and then re-stamps its threads and messages. Taking the client's
 * row first everywhere means a writer waits for the sweeper instead of each holding what the other
 * needs, and PostgreSQL aborting one of them.
 * PostgreSQL only: PGlite has one connection, so its writers never overlap.
 */
describe.runIf(process.env.DATABASE_URL)('messaging writers and the client lock', () => {
  let ts: TestServer;
  let ids: string[];
  let other: pg.Client;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    other = new pg.Client({ connectionString: ts.database.databaseUrl });
    await other.connect();
  });
  afterAll(async () => {
    await other.end();
    await ts.close();
  });

  const someoneWaitsForALock = async () => {
    const waiting = await ts.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    return (waiting.rows[0]?.n ?? 0) > 0;
  };

  /**
   * Starts re-stamping the client as the sweeper does (its row lock, then its threads), starts
   * `request` while that is open, then re-stamps the messages and commits.
   */
  const raceWithSweeper = async (clientId: string, start: () => Promise<ApiResponse>) => {
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM clients WHERE id = $1 FOR NO KEY UPDATE', [clientId]);
    await other.query('UPDATE threads SET access_seq = access_seq WHERE client_id = $1', [clientId]);
    const pending = start();
    await waitUntil(someoneWaitsForALock, 'the request waits for the sweeper');
    let sweeperFailure: unknown;
    try {
      await other.query('UPDATE messages SET access_seq = access_seq WHERE client_id = $1', [clientId]);
      await other.query('COMMIT');
    } catch (error) {
      sweeperFailure = error;
      await other.query('ROLLBACK');
    }
    return { response: await pending, sweeperFailure };
  };

  it('lets a staff send wait for the sweeper instead of deadlocking with it', async () => {
    // Casey's seeded conversation with Marcus (client 0).
    const clientId = idAt(ids, 0);
    const casey = await signIn(ts.url, 'casey');
    const thread = await ts.server.db.query<{ id: string }>(
      `SELECT t.id::text AS id FROM threads t JOIN users u ON u.id = t.staff_id
        WHERE t.client_id = $1::uuid AND u.username = 'casey'`,
      [clientId],
    );
    const { response, sweeperFailure } = await raceWithSweeper(clientId, () =>
      sendAsStaff(ts.url, casey, { clientId, threadId: thread.rows[0]?.id ?? null, html: '<p>Racing</p>' }),
    );
    expect(sweeperFailure).toBeUndefined();
    expect(response.status, JSON.stringify(response.body)).toBe(201);
  });

  it('lets a client opening a conversation wait for the sweeper instead of deadlocking with it', async () => {
    const clientId = idAt(ids, 0);
    const marcus = await portalSignIn(ts.url, 'marcus');
    const list = await request(ts.url, '/api/portal/threads', { token: marcus });
    const unread = (list.body as { threads: PortalThread[] }).threads.find((thread) => thread.unread);
    if (!unread) throw new Error('marcus has no unread conversation');
    const { response, sweeperFailure } = await raceWithSweeper(clientId, () =>
      request(ts.url, `/api/portal/threads/${unread.id}`, { token: marcus }),
    );
    expect(sweeperFailure).toBeUndefined();
    expect(response.status, JSON.stringify(response.body)).toBe(200);
  });
});
