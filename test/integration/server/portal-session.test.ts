import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/sessions';
import { PORTAL_IDLE_TIMEOUT_MS } from '../../../shared/domain/portal-account';
import { type ApiResponse, expectStatus, request } from '../../support/api';
import { PORTAL_PASSWORD, portalSignIn } from '../../support/messaging';
import { startTestServer, type TestServer } from '../../support/test-server';

/** The `portico_portal=…` pair the server set, as a browser would send it back. */
function cookiePair(response: ApiResponse): string {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('portico_portal='));
  if (!header) throw new Error('no portal cookie was set');
  return header.split(';')[0] ?? '';
}

/**
 * GET /api/portal/session: what the web app asks when it opens. Not being signed in is an answer,
 * not an error, so a visitor's first page load has no failed request.
 */
describe('Customer Portal session check', () => {
  let ts: TestServer;

  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(() => ts.close());

  const session = (headers: Record<string, string> = {}, token?: string) =>
    request(ts.url, '/api/portal/session', { headers, ...(token === undefined ? {} : { token }) });
  const signInWithCookie = async (username: string) => {
    const answer = await request(ts.url, '/api/portal/auth/login', {
      method: 'POST',
      json: { username, password: PORTAL_PASSWORD },
    });
    expectStatus(answer, 200);
    return cookiePair(answer);
  };

  it('answers 200 signed out when there is no session, and sets no cookie', async () => {
    const answer = await session();
    expectStatus(answer, 200);
    expect(answer.body).toEqual({ signedIn: false });
    expect(answer.headers.getSetCookie()).toEqual([]);
    // Some other site's or an old cookie is not a session either.
    const bogus = await session({ cookie: 'portico_portal=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expectStatus(bogus, 200);
    expect(bogus.body).toEqual({ signedIn: false });
    const staffToken = await session({}, 'not-a-portal-token-at-all');
    expect(staffToken.body).toEqual({ signedIn: false });
  });

  it('names the signed-in client from the HttpOnly cookie or a bearer token', async () => {
    const cookie = await signInWithCookie('linh');
    const answer = await session({ cookie });
    expectStatus(answer, 200);
    const body = answer.body as { signedIn: boolean; client: { firstName: string }; expiresAt: string };
    expect(body.signedIn).toBe(true);
    expect(body.client.firstName).toBe('Linh');
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const bearer = await portalSignIn(ts.url, 'linh');
    expect((await session({}, bearer)).body).toMatchObject({ signedIn: true, client: { firstName: 'Linh' } });
  });

  it('keeps an active session open, recording its activity at most twice a minute', async () => {
    const cookie = await signInWithCookie('linh');
    const tokenHash = hashToken(cookie.slice('portico_portal='.length));
    const lastSeen = async () =>
      Date.parse(
        (
          await ts.server.db.query<{ at: string }>(
            'SELECT last_seen_at AS at FROM client_sessions WHERE token_hash = $1',
            [tokenHash],
          )
        ).rows[0]?.at ?? '',
      );
    const setIdleFor = (ms: number) =>
      ts.server.db.query(
        `UPDATE client_sessions SET last_seen_at = now() - ($1::int * interval '1 millisecond') WHERE token_hash = $2`,
        [ms, tokenHash],
      );
    // Idle for 29 minutes: still signed in, and the request counts as activity.
    await setIdleFor(PORTAL_IDLE_TIMEOUT_MS - 60_000);
    expect((await session({ cookie })).body).toMatchObject({ signedIn: true });
    expect(await lastSeen()).toBeGreaterThan(Date.now() - 10_000);
    // Active 5 seconds ago: the row is not written again.
    await setIdleFor(5_000);
    const before = await lastSeen();
    expect((await session({ cookie })).body).toMatchObject({ signedIn: true });
    expect(await lastSeen()).toBe(before);
    // Idle past the limit: signed out, and the request does not bring the session back.
    await setIdleFor(PORTAL_IDLE_TIMEOUT_MS + 1000);
    const idleSince = await lastSeen();
    expect((await session({ cookie })).body).toEqual({ signedIn: false });
    expect(await lastSeen()).toBe(idleSince);
  });

  it('answers signed out, still with 200, once the session has ended', async () => {
    const cookie = await signInWithCookie('tyrone');
    const token = cookie.slice('portico_portal='.length);
    await ts.server.db.query(
      `UPDATE client_sessions SET last_seen_at = now() - ($1::int * interval '1 millisecond')
        WHERE token_hash = $2`,
      [PORTAL_IDLE_TIMEOUT_MS + 1000, hashToken(token)],
    );
    const idle = await session({ cookie });
    expectStatus(idle, 200);
    expect(idle.body).toEqual({ signedIn: false });

    const other = await signInWithCookie('maria');
    expectStatus(
      await request(ts.url, '/api/portal/auth/logout', {
        method: 'POST',
        headers: { cookie: other, 'x-portico-portal': '1' },
      }),
      200,
    );
    expect((await session({ cookie: other })).body).toEqual({ signedIn: false });
  });
});
