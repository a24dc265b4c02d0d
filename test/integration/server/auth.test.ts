import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../../server/auth/sessions';
import type { SessionUser } from '../../../shared/domain/session';
import { expectStatus, request } from '../../support/api';
import { expectErrorResponse } from '../../support/expect-error';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const PASSWORD = 'Portico#2026';
const WRONG_CREDENTIALS = 'The username or password is incorrect.';
const EXPIRED = 'Your session has expired. Please sign in again.';

interface LoginBody {
  token: string;
  user: SessionUser;
  expiresAt: string;
}

describe('staff sign-in and sessions', () => {
  let ts: TestServer;
  beforeAll(async () => {
    ts = await startTestServer();
  });
  afterAll(() => ts.close());

  const login = (username: string, password: string) =>
    request(ts.url, '/api/auth/login', { method: 'POST', json: { username, password } });
  const me = (token?: string) => request(ts.url, '/api/auth/me', token === undefined ? {} : { token });

  it('signs a staff member in with a token, who they are, and when the session ends', async () => {
    const before = Date.now();
    const response = await login('casey', PASSWORD);
    expectStatus(response, 200);
    const body = response.body as LoginBody;
    expect(Object.keys(body).sort()).toEqual(['expiresAt', 'token', 'user']);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.user).toMatchObject({
      username: 'casey',
      displayName: 'Casey Morgan',
      agencyName: 'Harbor Light Outreach',
      role: 'staff',
    });
    const expires = Date.parse(body.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + ts.config.sessionTtlMs - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + ts.config.sessionTtlMs + 1000);

    const who = await me(body.token);
    expectStatus(who, 200);
    expect((who.body as { user: SessionUser }).user).toEqual(body.user);
  });

  it('accepts the username in any letter case', async () => {
    expectStatus(await login('  CASEY ', PASSWORD), 200);
  });

  it('answers a wrong password, an unknown user and a deactivated account alike', async () => {
    const priyaBefore = await signIn(ts.url, 'priya');
    await ts.server.db.query("UPDATE users SET active = false WHERE username = 'priya'");
    try {
      const answers = [
        await login('casey', 'not the password'),
        await login('nobody-here', PASSWORD),
        await login('priya', PASSWORD),
      ];
      for (const answer of answers) {
        const body = expectErrorResponse(answer, 401);
        expect(body).toEqual({ error: 'invalid_credentials', message: WRONG_CREDENTIALS });
      }
      // A deactivated account's open sessions stop working too.
      const body = expectErrorResponse(await me(priyaBefore), 401);
      expect(body.message).toBe(EXPIRED);
    } finally {
      await ts.server.db.query("UPDATE users SET active = true WHERE username = 'priya'");
    }
  });

  it('refuses an expired session with a message that says to sign in again', async () => {
    const token = await signIn(ts.url, 'jordan');
    expectStatus(await me(token), 200);
    await ts.server.db.query(
      "UPDATE sessions SET expires_at = now() - interval '1 second' WHERE token_hash = $1",
      [hashToken(token)],
    );
    const body = expectErrorResponse(await me(token), 401);
    expect(body).toEqual({ error: 'session_expired', message: EXPIRED });
    const pull = await request(ts.url, '/api/replication/clients/pull', { token });
    expect(expectErrorResponse(pull, 401).message).toBe(EXPIRED);
  });

  it('ends only the signed-out session on logout', async () => {
    const first = await signIn(ts.url, 'taylor');
    const second = await signIn(ts.url, 'taylor');
    const out = await request(ts.url, '/api/auth/logout', { method: 'POST', token: first });
    expectStatus(out, 200);
    expectErrorResponse(await me(first), 401);
    expectErrorResponse(await request(ts.url, '/api/auth/logout', { method: 'POST', token: first }), 401);
    expectStatus(await me(second), 200);
  });

  it('asks for sign-in when a request carries no token', async () => {
    for (const response of [
      await me(),
      await request(ts.url, '/api/auth/logout', { method: 'POST' }),
      await request(ts.url, '/api/replication/clients/pull'),
      await request(ts.url, '/api/replication/stream'),
    ]) {
      expect(expectErrorResponse(response, 401)).toEqual({
        error: 'unauthenticated',
        message: 'Sign in to continue.',
      });
    }
  });
});
