import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectStatus, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { PORTAL_PASSWORD, portalSignIn } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const WRONG_CREDENTIALS = 'The username or password is incorrect.';

interface PortalLogin {
  token: string;
  client: { id: string; firstName: string; lastName: string };
  expiresAt: string;
}

/** Customer Portal accounts are the clients' own: apart from staff accounts in both directions. */
describe('Customer Portal sign-in', () => {
  let ts: TestServer;
  let ids: string[];

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
  });
  afterAll(() => ts.close());

  const login = (username: unknown, password: unknown) =>
    request(ts.url, '/api/portal/auth/login', { method: 'POST', json: { username, password } });
  const me = (token?: string) => request(ts.url, '/api/portal/me', token === undefined ? {} : { token });

  it('signs a client in with a token, who they are, and when the session ends', async () => {
    const response = await login('  Marcus ', PORTAL_PASSWORD);
    expectStatus(response, 200);
    const body = response.body as PortalLogin;
    expect(Object.keys(body).sort()).toEqual(['client', 'expiresAt', 'token']);
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.client).toEqual({ id: idAt(ids, 0), firstName: 'Marcus', lastName: 'Johnson' });
    expect(Date.parse(body.expiresAt)).toBeGreaterThan(Date.now());
    const who = await me(body.token);
    expectStatus(who, 200);
    expect((who.body as { client: unknown }).client).toEqual(body.client);
    // Only a hash of the token is kept.
    const stored = await ts.server.db.query<{ token_hash: string }>('SELECT token_hash FROM client_sessions');
    expect(JSON.stringify(stored.rows)).not.toContain(body.token);
  });

  it('folds accents in usernames taken from first names', async () => {
    expectStatus(await login('jose', PORTAL_PASSWORD), 200);
  });

  it('gives one answer for a wrong password, an unknown name, a staff account and a disabled account', async () => {
    await ts.server.db.query(`UPDATE client_accounts SET active = false WHERE username = 'maria'`);
    for (const [username, password] of [
      ['marcus', 'wrong password'],
      ['nobody', PORTAL_PASSWORD],
      ['casey', 'Portico#2026'],
      ['maria', PORTAL_PASSWORD],
    ]) {
      expect(expectErrorResponse(await login(username, password), 401)).toEqual({
        error: 'invalid_credentials',
        message: WRONG_CREDENTIALS,
      });
    }
  });

  it('keeps portal and staff sessions apart', async () => {
    const client = await portalSignIn(ts.url, 'aaliyah');
    const staff = await signIn(ts.url, 'casey');
    expectErrorResponse(await request(ts.url, '/api/auth/me', { token: client }), 401);
    expectErrorResponse(await request(ts.url, '/api/replication/clients/pull', { token: client }), 401);
    expectErrorResponse(
      await request(ts.url, '/api/messages', { method: 'POST', token: client, json: {} }),
      401,
    );
    expectErrorResponse(await me(staff), 401);
    expectErrorResponse(await request(ts.url, '/api/portal/threads', { token: staff }), 401);
  });

  it('signs out: the token stops working at once', async () => {
    const token = await portalSignIn(ts.url, 'tyrone');
    expectStatus(await request(ts.url, '/api/portal/auth/logout', { method: 'POST', token }), 200);
    expect(expectErrorResponse(await me(token), 401).message).toBe(
      'Your session has expired. Please sign in again.',
    );
  });

  it('ends a disabled account’s sessions', async () => {
    const token = await portalSignIn(ts.url, 'linh');
    await ts.server.db.query(`UPDATE client_accounts SET active = false WHERE username = 'linh'`);
    expectErrorResponse(await me(token), 401);
  });

  it('refuses bad sign-in input and changes nothing', async () => {
    const before = await snapshotDatabase(ts.server.db);
    expectErrorResponse(await login('', 'x'), 400);
    expectErrorResponse(await login('marcus', ''), 400);
    expectErrorResponse(await login(7, 'x'), 400);
    expectErrorResponse(await me(), 401);
    expectErrorResponse(await me('not-a-token'), 401);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });
});
