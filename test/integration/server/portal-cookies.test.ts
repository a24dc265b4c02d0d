import type { FastifyReply, FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/sessions';
import { setPortalCookie } from '../../../server/portal-api/session-cookie';
import { PORTAL_IDLE_TIMEOUT_MS } from '../../../shared/domain/portal-account';
import { type ApiResponse, expectStatus, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { PORTAL_PASSWORD, portalSignIn, sendAsStaffOk } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { pngBytes, upload } from '../../support/uploads';

const PORTAL_HEADER = { 'x-portico-portal': '1' };

/** The `name=value` part of the portal's Set-Cookie, and its attributes, from an answer. */
function portalCookie(response: ApiResponse): { pair: string; attributes: string[] } {
  const header = response.headers.getSetCookie().find((cookie) => cookie.startsWith('portico_portal='));
  if (!header) throw new Error(`no portal cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
  return { pair, attributes };
}

/** The web app's session: an HttpOnly cookie, a header on every change, and an idle timeout. */
describe('Customer Portal cookie sessions', () => {
  let ts: TestServer;
  let ids: string[];

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
  });
  afterAll(() => ts.close());

  const login = (username: string) =>
    request(ts.url, '/api/portal/auth/login', {
      method: 'POST',
      json: { username, password: PORTAL_PASSWORD },
    });
  const withCookie = (cookie: string, headers: Record<string, string> = {}) => ({
    headers: { cookie, ...headers },
  });
  const signInWithCookie = async (username: string) => {
    const response = await login(username);
    expectStatus(response, 200);
    return portalCookie(response).pair;
  };

  it('sets an HttpOnly, SameSite=Strict cookie on sign-in that lasts as long as the session', async () => {
    const response = await login('marcus');
    expectStatus(response, 200);
    const { pair, attributes } = portalCookie(response);
    const token = (response.body as { token: string }).token;
    expect(pair).toBe(`portico_portal=${token}`);
    expect(attributes).toEqual(expect.arrayContaining(['Path=/api', 'HttpOnly', 'SameSite=Strict']));
    // Served over plain http here, so not Secure (a browser would drop a Secure cookie from http).
    expect(attributes).not.toContain('Secure');
    const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))?.slice('Max-Age='.length));
    const expiresAt = Date.parse((response.body as { expiresAt: string }).expiresAt);
    expect(Math.abs(Date.now() + maxAge * 1000 - expiresAt)).toBeLessThan(5000);
  });

  it('marks the cookie Secure when the portal is served over https', () => {
    const headers: Record<string, string> = {};
    const reply = {
      header(name: string, value: string) {
        headers[name] = value;
        return reply;
      },
    };
    const future = new Date(Date.now() + 60_000).toISOString();
    setPortalCookie({ protocol: 'https' } as FastifyRequest, reply as unknown as FastifyReply, 'abc', future);
    expect(headers['set-cookie']).toMatch(/; Secure$/);
  });

  it('authenticates reads by the cookie alone, and keeps bearer tokens working', async () => {
    const cookie = await signInWithCookie('aaliyah');
    const me = await request(ts.url, '/api/portal/me', withCookie(cookie));
    expectStatus(me, 200);
    expect((me.body as { client: { firstName: string } }).client.firstName).toBe('Aaliyah');
    expectStatus(await request(ts.url, '/api/portal/threads', withCookie(cookie)), 200);
    expectStatus(await request(ts.url, '/api/portal/contacts', withCookie(cookie)), 200);
    const bearer = await portalSignIn(ts.url, 'aaliyah');
    expectStatus(await request(ts.url, '/api/portal/me', { token: bearer }), 200);
    // A staff endpoint never reads the cookie.
    expectErrorResponse(await request(ts.url, '/api/auth/me', withCookie(cookie)), 401);
  });

  it('refuses a change made with the cookie but without the portal header', async () => {
    const cookie = await signInWithCookie('marcus');
    const threads = await request(ts.url, '/api/portal/threads', withCookie(cookie));
    const thread = (threads.body as { threads: { id: string; canReply: boolean }[] }).threads.find(
      (t) => t.canReply,
    );
    if (!thread) throw new Error('Marcus has no conversation to reply in');
    const path = `/api/portal/threads/${thread.id}/messages`;
    const json = { html: '<p>On my way.</p>' };

    const refused = expectErrorResponse(
      await request(ts.url, path, { method: 'POST', json, ...withCookie(cookie) }),
      403,
    );
    expect(refused.error).toBe('missing_portal_header');
    const wrongValue = await request(ts.url, path, {
      method: 'POST',
      json,
      ...withCookie(cookie, { 'x-portico-portal': 'yes' }),
    });
    expectErrorResponse(wrongValue, 403);
    const stored = await ts.server.db.query(`SELECT 1 FROM messages WHERE body_text = 'On my way.'`);
    expect(stored.rows).toHaveLength(0);

    expectStatus(
      await request(ts.url, path, { method: 'POST', json, ...withCookie(cookie, PORTAL_HEADER) }),
      201,
    );
    // Bearer tokens are not sent by browsers on their own, so they need no header.
    const bearer = await portalSignIn(ts.url, 'marcus');
    expectStatus(
      await request(ts.url, path, { method: 'POST', json: { html: '<p>Again.</p>' }, token: bearer }),
      201,
    );
  });

  it('signs out: the cookie is cleared and its session ends', async () => {
    const cookie = await signInWithCookie('jose');
    expectErrorResponse(
      await request(ts.url, '/api/portal/auth/logout', { method: 'POST', ...withCookie(cookie) }),
      403,
    );
    const out = await request(ts.url, '/api/portal/auth/logout', {
      method: 'POST',
      ...withCookie(cookie, PORTAL_HEADER),
    });
    expectStatus(out, 200);
    const cleared = portalCookie(out);
    expect(cleared.pair).toBe('portico_portal=');
    expect(cleared.attributes).toEqual(expect.arrayContaining(['Max-Age=0', 'Path=/api']));
    expectErrorResponse(await request(ts.url, '/api/portal/me', withCookie(cookie)), 401);
    // Signing out again still clears whatever cookie the page holds.
    const again = await request(ts.url, '/api/portal/auth/logout', {
      method: 'POST',
      ...withCookie(cookie, PORTAL_HEADER),
    });
    expectErrorResponse(again, 401);
    expect(portalCookie(again).pair).toBe('portico_portal=');
  });

  it('shows message pictures to the signed-in client through the cookie', async () => {
    const casey = await signIn(ts.url, 'casey');
    const picture = await upload(ts.url, pngBytes(2000), { token: casey, contentType: 'image/png' });
    expectStatus(picture, 201);
    const { url } = picture.body as { url: string };
    await sendAsStaffOk(ts.url, casey, {
      clientId: idAt(ids, 0),
      html: `<p>Map:</p><p><img src="${url}" alt="Map"></p>`,
    });

    const cookie = await signInWithCookie('marcus');
    const shown = await request(ts.url, url, withCookie(cookie));
    expectStatus(shown, 200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expectErrorResponse(await request(ts.url, url), 401);
    // Another client's cookie gets nothing.
    const other = await signInWithCookie('aaliyah');
    expectErrorResponse(await request(ts.url, url, withCookie(other)), 404);
  });

  it('ends a session after 30 minutes without activity, and activity keeps it going', async () => {
    const cookie = await signInWithCookie('tyrone');
    const token = cookie.slice('portico_portal='.length);
    const setLastSeen = (msAgo: number) =>
      ts.server.db.query(
        `UPDATE client_sessions SET last_seen_at = now() - ($1::int * interval '1 millisecond')
          WHERE token_hash = $2`,
        [msAgo, hashToken(token)],
      );

    // 29 minutes idle: still signed in, and the request counts as activity.
    await setLastSeen(PORTAL_IDLE_TIMEOUT_MS - 60_000);
    expectStatus(await request(ts.url, '/api/portal/me', withCookie(cookie)), 200);
    const seen = await ts.server.db.query<{ idle_ms: number }>(
      `SELECT (extract(epoch FROM now() - last_seen_at) * 1000)::int AS idle_ms FROM client_sessions
        WHERE token_hash = $1`,
      [hashToken(token)],
    );
    expect(seen.rows[0]?.idle_ms).toBeLessThan(5000);

    // 30 minutes idle: over, with words that say why.
    await setLastSeen(PORTAL_IDLE_TIMEOUT_MS + 1000);
    expect(expectErrorResponse(await request(ts.url, '/api/portal/me', withCookie(cookie)), 401)).toEqual({
      error: 'session_idle',
      message: 'You were signed out after 30 minutes without activity. Please sign in again.',
    });
    // Bearer sessions time out the same way.
    const bearer = await portalSignIn(ts.url, 'maria');
    await ts.server.db.query(
      `UPDATE client_sessions SET last_seen_at = now() - interval '31 minutes'
        WHERE token_hash = $1`,
      [hashToken(bearer)],
    );
    expectErrorResponse(await request(ts.url, '/api/portal/threads', { token: bearer }), 401);
  });

  it('signs a client in with the cookie when they accept an invitation', async () => {
    const staff = await signIn(ts.url, 'casey');
    const invite = await request(ts.url, `/api/clients/${idAt(ids, 16)}/portal/invite`, {
      method: 'POST',
      token: staff,
    });
    expectStatus(invite, 200);
    const link = (invite.body as { inviteUrl: string }).inviteUrl.split('#')[1] ?? '';
    const joined = await request(ts.url, `/api/portal/invites/${link}/accept`, {
      method: 'POST',
      json: { username: 'elijah', password: 'elijah2026' },
    });
    expectStatus(joined, 201);
    const { pair, attributes } = portalCookie(joined);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict']));
    expectStatus(await request(ts.url, '/api/portal/me', withCookie(pair)), 200);
  });
});
