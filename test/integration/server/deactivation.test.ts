import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, pullAll, request } from '../../support/api';
import { auditRows } from '../../support/audit';
import { userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { SseReader } from '../../support/sse-reader';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/** A seeded server takes a while to start on a busy machine. */
const SERVER_START_MS = 180_000;
/** Far less than the stream's periodic session check (30 s): deactivation must not wait for it. */
const PROMPTLY_MS = 5_000;

/*
 * An agency admin deactivates a staff member: every session ends at once, the live stream ends,
 * the desktop's next pull is refused with 401 (the desktop then ends its session and the cache
 * leaves with it), and signing in is refused like a wrong password.
 */
describe('deactivating a staff member', () => {
  let ts: TestServer;
  let taylor: string;
  let jordanId: string;
  beforeAll(async () => {
    ts = await startTestServer();
    taylor = await signIn(ts.url, 'taylor');
    jordanId = await userId(ts.server.db, 'jordan');
  }, SERVER_START_MS);
  afterAll(() => ts.close());

  const patch = (token: string, id: string, body: unknown) =>
    request(ts.url, `/api/admin/users/${id}`, { method: 'PATCH', token, json: body });

  it('is for the staff member’s own agency admins and system admins only', async () => {
    expect(
      expectErrorResponse(await patch(await signIn(ts.url, 'priya'), jordanId, { active: false }), 403).error,
    ).toBe('forbidden');
    // Harbor's admin is told the Northside staff member does not exist in their agency.
    expectErrorResponse(await patch(await signIn(ts.url, 'alex'), jordanId, { active: false }), 404);
    // An agency admin cannot touch a system admin, even one of their agency.
    const alex = await signIn(ts.url, 'alex');
    expectErrorResponse(await patch(alex, await userId(ts.server.db, 'sam'), { active: false }), 404);
    // Nobody deactivates themselves (an agency would be left without its admin by accident).
    const taylorId = await userId(ts.server.db, 'taylor');
    expect(expectErrorResponse(await patch(taylor, taylorId, { active: false }), 400).message).toBe(
      'You cannot deactivate your own account.',
    );
    for (const body of [{}, { active: 'no' }, { active: false, role: 'system_admin' }, null])
      expectErrorResponse(await patch(taylor, jordanId, body), 400);
    expectErrorResponse(await patch(taylor, 'not-an-id', { active: false }), 400);
    expect(await auditRows(ts.server.db, 'admin.user_deactivate')).toEqual([]);
  });

  it('ends the sessions and the live stream at once; the next pull is refused', async () => {
    const desktop = await signIn(ts.url, 'jordan');
    const laptop = await signIn(ts.url, 'jordan');
    expectStatus(await request(ts.url, '/api/replication/clients/pull', { token: desktop }), 200);
    const stream = await SseReader.open(`${ts.url}/api/replication/stream`, desktop);
    try {
      await stream.waitFor((event) => event.event === 'resync');
      const answer = await patch(taylor, jordanId, { active: false });
      expectStatus(answer, 200);
      expect((answer.body as { user: { active: boolean; username: string } }).user).toMatchObject({
        username: 'jordan',
        active: false,
      });
      const started = Date.now();
      await stream.waitFor((event) => event.event === 'session-ended', PROMPTLY_MS);
      await stream.ended;
      expect(Date.now() - started).toBeLessThan(PROMPTLY_MS);
    } finally {
      await stream.close();
    }
    for (const token of [desktop, laptop]) {
      expectErrorResponse(await request(ts.url, '/api/replication/clients/pull', { token }), 401);
      expectErrorResponse(await request(ts.url, '/api/auth/me', { token }), 401);
      expectErrorResponse(await request(ts.url, '/api/replication/stream', { token }), 401);
    }
    const login = await request(ts.url, '/api/auth/login', {
      method: 'POST',
      json: { username: 'jordan', password: 'Portico#2026' },
    });
    expect(expectErrorResponse(login, 401).error).toBe('invalid_credentials');
    // Everyone else's directory says so.
    const directory = await pullAll(ts.url, taylor, 'directory');
    expect(directory.documents.find((doc) => doc.id === jordanId)?.active).toBe(false);
    const [entry] = await auditRows(ts.server.db, 'admin.user_deactivate', 'subject_id = $2', [jordanId]);
    expect(entry?.details).toEqual({ username: 'jordan', sessionsEnded: 2 });
  });

  it('can be undone: the staff member signs in again', async () => {
    expectStatus(await patch(taylor, jordanId, { active: true }), 200);
    expectStatus(
      await request(ts.url, '/api/auth/login', {
        method: 'POST',
        json: { username: 'jordan', password: 'Portico#2026' },
      }),
      200,
    );
    expect(await auditRows(ts.server.db, 'admin.user_activate', 'subject_id = $2', [jordanId])).toHaveLength(
      1,
    );
  });

  it('ends a signed-out session’s stream at once too', async () => {
    const token = await signIn(ts.url, 'priya');
    const stream = await SseReader.open(`${ts.url}/api/replication/stream`, token);
    try {
      await stream.waitFor((event) => event.event === 'resync');
      expectStatus(await request(ts.url, '/api/auth/logout', { method: 'POST', token }), 200);
      await stream.waitFor((event) => event.event === 'session-ended', PROMPTLY_MS);
    } finally {
      await stream.close();
    }
  });
});
