import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../../../server/auth/totp';
import { PASSWORD_PROBLEM_MESSAGES } from '../../../shared/domain/password-rules';
import { expectStatus, request } from '../../support/api';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { PORTAL_PASSWORD } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/** A seeded server takes a while to start on a busy machine. */
const SERVER_START_MS = 180_000;

const PASSWORD = 'Portico#2026';
const STAFF_LOCKED =
  'Too many failed sign-in attempts. Try again in 15 minutes or ask your agency admin to unlock your account.';
const CLIENT_LOCKED =
  'Too many failed sign-in attempts. Try again in 15 minutes or ask your case manager to unlock your account.';
/** Sign-ins in this file far exceed the per-address limit, which rate-limits.test.ts covers. */
const GENEROUS = { limit: 10_000, windowMs: 60_000 };

describe('staff and client account security', () => {
  let ts: TestServer;
  let ids: string[];
  beforeAll(async () => {
    ts = await startTestServer({ rateLimits: { signInPerIp: GENEROUS, signInPerUsername: GENEROUS } });
    ids = await demoClientIds(ts.server.db);
  }, SERVER_START_MS);
  afterAll(() => ts.close());

  const login = (username: string, password: string, code?: string) =>
    request(ts.url, '/api/auth/login', { method: 'POST', json: { username, password, code } });
  const portalLogin = (username: string, password: string) =>
    request(ts.url, '/api/portal/auth/login', { method: 'POST', json: { username, password } });
  const post = (path: string, token: string, json: unknown = {}) =>
    request(ts.url, path, { method: 'POST', token, json });
  const auditCount = async (action: string, where = 'true', params: unknown[] = []) => {
    const result = await ts.server.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND ${where}`,
      [action, ...params],
    );
    return result.rows[0]?.n ?? 0;
  };

  describe('changing a staff password', () => {
    const change = (token: string, currentPassword: string, newPassword: string) =>
      post('/api/auth/password', token, { currentPassword, newPassword });

    it('refuses a wrong current password', async () => {
      const token = await signIn(ts.url, 'taylor');
      const body = expectErrorResponse(await change(token, 'Wrong#2026x', 'Harbor#4817q'), 403);
      expect(body.error).toBe('wrong_password');
    });

    it.each([
      ['Ab1#q', 'too_short'],
      ['harbor#4817q', 'needs_upper'],
      ['HARBOR#4817Q', 'needs_lower'],
      ['Harbor#xqwz', 'needs_digit'],
      ['Harbor4817q', 'needs_symbol'],
      ['Taylor#4817q', 'contains_name'],
      ['Qw#BROOKS48', 'contains_name'],
      ['Harbor#4123q', 'sequential_run'],
      ['Harbor#4321q', 'sequential_run'],
      ['Hxyz#4817q', 'sequential_run'],
      ['Harbor#4888q', 'repeated_run'],
    ])('refuses %s, naming the rule it breaks (%s)', async (newPassword, problem) => {
      const token = await signIn(ts.url, 'taylor');
      const body = expectErrorResponse(await change(token, PASSWORD, newPassword), 400);
      expect(body).toEqual({
        error: `password_${problem}`,
        message: PASSWORD_PROBLEM_MESSAGES[problem as keyof typeof PASSWORD_PROBLEM_MESSAGES],
      });
    });

    it('changes it, ends the other sessions, and remembers the last 3 passwords', async () => {
      const here = await signIn(ts.url, 'taylor');
      const elsewhere = await signIn(ts.url, 'taylor');
      const first = await change(here, PASSWORD, 'Harbor#4817q');
      expectStatus(first, 200);
      expect(first.body).toEqual({ status: 'changed', otherSessionsEnded: expect.any(Number) });
      expectStatus(await request(ts.url, '/api/auth/me', { token: here }), 200);
      expectErrorResponse(await request(ts.url, '/api/auth/me', { token: elsewhere }), 401);
      expectErrorResponse(await login('taylor', PASSWORD), 401);
      expectStatus(await login('taylor', 'Harbor#4817q'), 200);
      // The current password and the one before are both among the last 3.
      for (const reused of ['Harbor#4817q', PASSWORD])
        expect(expectErrorResponse(await change(here, 'Harbor#4817q', reused), 400).error).toBe(
          'password_recently_used',
        );
      expectStatus(await change(here, 'Harbor#4817q', 'Shelter#5928w'), 200);
      expect(expectErrorResponse(await change(here, 'Shelter#5928w', PASSWORD), 400).error).toBe(
        'password_recently_used',
      );
      expectStatus(await change(here, 'Shelter#5928w', 'Family#6039e'), 200);
      // Three changes later the first password has left the history.
      expectStatus(await change(here, 'Family#6039e', PASSWORD), 200);
      expectStatus(await login('taylor', PASSWORD), 200);
      const kept = await ts.server.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM password_history WHERE user_id = $1::uuid',
        [await userId(ts.server.db, 'taylor')],
      );
      expect(kept.rows[0]?.n).toBe(2);
      expect(await auditCount('auth.password_change')).toBe(4);
    });
  });

  describe('lock-out after failed sign-ins', () => {
    it('locks after 5 failures within 15 minutes, refuses even the right password, and unlocks', async () => {
      for (let attempt = 1; attempt <= 4; attempt++)
        expect(expectErrorResponse(await login('priya', 'wrong'), 401).error).toBe('invalid_credentials');
      const fifth = await login('priya', 'wrong');
      expect(expectErrorResponse(fifth, 423)).toEqual({ error: 'account_locked', message: STAFF_LOCKED });
      expect(Number(fifth.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expect(expectErrorResponse(await login('priya', PASSWORD), 423).message).toBe(STAFF_LOCKED);
      expect(await auditCount('auth.locked', "details->>'username' = 'priya'")).toBe(1);

      const priyaId = await userId(ts.server.db, 'priya');
      // Only an administrator of priya's agency (or a system admin) may unlock her.
      const casey = await signIn(ts.url, 'casey');
      expectErrorResponse(await post(`/api/admin/users/${priyaId}/unlock`, casey), 403);
      const taylor = await signIn(ts.url, 'taylor');
      expectErrorResponse(await post(`/api/admin/users/${priyaId}/unlock`, taylor), 404);
      const alex = await signIn(ts.url, 'alex');
      const listed = await request(ts.url, '/api/admin/users', { token: alex });
      const entry = (listed.body as { users: { id: string; lockedUntil: string | null }[] }).users.find(
        (user) => user.id === priyaId,
      );
      expect(entry?.lockedUntil).not.toBeNull();
      const unlocked = await post(`/api/admin/users/${priyaId}/unlock`, alex);
      expectStatus(unlocked, 200);
      expect((unlocked.body as { wasLocked: boolean }).wasLocked).toBe(true);
      expectStatus(await login('priya', PASSWORD), 200);
      expect(await auditCount('admin.user_unlock', 'subject_id = $2', [priyaId])).toBe(1);
    });

    it('counts again from zero after a successful sign-in', async () => {
      for (let attempt = 0; attempt < 4; attempt++) expectErrorResponse(await login('alex', 'wrong'), 401);
      expectStatus(await login('alex', PASSWORD), 200);
      for (let attempt = 0; attempt < 4; attempt++) expectErrorResponse(await login('alex', 'wrong'), 401);
      expectStatus(await login('alex', PASSWORD), 200);
    });

    it('counts only the failures of the last 15 minutes, and the lock ends by itself', async () => {
      for (let attempt = 0; attempt < 4; attempt++) expectErrorResponse(await login('jordan', 'wrong'), 401);
      await ts.server.db.query(
        "UPDATE sign_in_failures SET failed_at = now() - interval '16 minutes' WHERE username = 'jordan'",
      );
      expectErrorResponse(await login('jordan', 'wrong'), 401);
      for (let attempt = 0; attempt < 4; attempt++) await login('jordan', 'wrong');
      expectErrorResponse(await login('jordan', PASSWORD), 423);
      await ts.server.db.query(
        "UPDATE sign_in_locks SET locked_until = now() - interval '1 second' WHERE username = 'jordan'",
      );
      expectStatus(await login('jordan', PASSWORD), 200);
    });

    it('locks a username that does not exist exactly like one that does', async () => {
      for (let attempt = 0; attempt < 4; attempt++)
        expect(expectErrorResponse(await login('nobody-here', 'wrong'), 401).error).toBe(
          'invalid_credentials',
        );
      expect(expectErrorResponse(await login('nobody-here', 'wrong'), 423).message).toBe(STAFF_LOCKED);
    });

    it('locks portal accounts too, and the client’s agency admin unlocks them', async () => {
      for (let attempt = 0; attempt < 4; attempt++)
        expect(expectErrorResponse(await portalLogin('marcus', 'wrong'), 401).error).toBe(
          'invalid_credentials',
        );
      const locked = await portalLogin('marcus', 'wrong');
      expect(expectErrorResponse(locked, 423)).toEqual({ error: 'account_locked', message: CLIENT_LOCKED });
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
      expectErrorResponse(await portalLogin('marcus', PORTAL_PASSWORD), 423);
      const marcus = idAt(ids, 0);
      const unlockPath = `/api/clients/${marcus}/portal/unlock`;
      expectErrorResponse(await post(unlockPath, await signIn(ts.url, 'casey')), 403);
      // Marcus's record is shared, so Northside's admin sees it, but only his agency unlocks him.
      expectErrorResponse(await post(unlockPath, await signIn(ts.url, 'taylor')), 403);
      const unlocked = await post(unlockPath, await signIn(ts.url, 'alex'));
      expectStatus(unlocked, 200);
      expect(unlocked.body).toEqual({ wasLocked: true });
      expectStatus(await portalLogin('marcus', PORTAL_PASSWORD), 200);
      expect(await auditCount('portal.locked', 'client_id = $2 AND actor_id = $2', [marcus])).toBe(1);
      expect(await auditCount('admin.portal_unlock', 'client_id = $2', [marcus])).toBe(1);
    });
  });

  describe('two-factor sign-in (TOTP)', () => {
    it('is set up with a secret, turned on by a first code, then asked for at every sign-in', async () => {
      const token = await signIn(ts.url, 'casey');
      expect((await request(ts.url, '/api/auth/totp', { token })).body).toEqual({
        enabled: false,
        pending: false,
      });
      const setup = await post('/api/auth/totp/setup', token);
      expectStatus(setup, 200);
      const { secret, uri } = setup.body as { secret: string; uri: string };
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      expect(uri).toMatch(/^otpauth:\/\/totp\/Portico:casey/);
      expect(uri).toContain(`secret=${secret}`);
      expect(
        expectErrorResponse(
          await post('/api/auth/totp/enable', token, { password: PASSWORD, code: '000000' }),
          400,
        ).error,
      ).toBe('invalid_totp_code');
      // Until it is on, signing in needs no code.
      expectStatus(await login('casey', PASSWORD), 200);
      expectStatus(
        await post('/api/auth/totp/enable', token, { password: PASSWORD, code: totpCode(secret) }),
        200,
      );
      expect((await request(ts.url, '/api/auth/totp', { token })).body).toEqual({
        enabled: true,
        pending: false,
      });
      expect(expectErrorResponse(await post('/api/auth/totp/setup', token), 409).error).toBe(
        'totp_already_enabled',
      );

      expect(expectErrorResponse(await login('casey', PASSWORD), 401)).toEqual({
        error: 'totp_required',
        message: 'Enter the 6-digit code from your authenticator app.',
      });
      // A wrong password is still just a wrong password: the code is asked for only after it.
      expect(expectErrorResponse(await login('casey', 'wrong'), 401).error).toBe('invalid_credentials');
      expect(expectErrorResponse(await login('casey', PASSWORD, '123456'), 401).error).toBe(
        'invalid_totp_code',
      );
      // The enabling code's step is used up; the next step's code (one step of drift) works once.
      const next = totpCode(secret, Date.now() + 30_000);
      const signedIn = await login('casey', PASSWORD, `${next.slice(0, 3)} ${next.slice(3)}`);
      expectStatus(signedIn, 200);
      expect(expectErrorResponse(await login('casey', PASSWORD, next), 401).error).toBe('invalid_totp_code');
      expect(expectErrorResponse(await login('casey', PASSWORD, totpCode(secret)), 401).error).toBe(
        'invalid_totp_code',
      );
      expect(await auditCount('auth.totp_enable')).toBe(1);
      expect(await auditCount('auth.sign_in', "details->>'twoFactor' = 'true'")).toBe(1);
    });

    it('is turned on only with the current password, as it is turned off', async () => {
      // Someone at an unlocked desk, or holding a stolen session, cannot tie the account to their phone.
      const token = await signIn(ts.url, 'jordan');
      const setup = await post('/api/auth/totp/setup', token);
      expectStatus(setup, 200);
      const { secret } = setup.body as { secret: string };
      const code = totpCode(secret);
      expect(expectErrorResponse(await post('/api/auth/totp/enable', token, { code }), 400)).toEqual({
        error: 'invalid_input',
        message: 'Invalid two-factor change. Enter your password.',
      });
      expect(
        expectErrorResponse(
          await post('/api/auth/totp/enable', token, { password: 'Wrong#2026x', code }),
          403,
        ),
      ).toEqual({ error: 'wrong_password', message: 'Your current password is not correct. Type it again.' });
      expect((await request(ts.url, '/api/auth/totp', { token })).body).toEqual({
        enabled: false,
        pending: true,
      });
      expect(
        await auditCount('auth.totp_enable', 'actor_id = $2', [await userId(ts.server.db, 'jordan')]),
      ).toBe(0);
      // The wrong password did not use the code up.
      expectStatus(await post('/api/auth/totp/enable', token, { password: PASSWORD, code }), 200);
      expect((await request(ts.url, '/api/auth/totp', { token })).body).toEqual({
        enabled: true,
        pending: false,
      });
    });

    it('is turned off with the password and a fresh code', async () => {
      const casey = await userId(ts.server.db, 'casey');
      const secretRow = await ts.server.db.query<{ secret: string }>(
        'SELECT secret FROM staff_totp WHERE user_id = $1::uuid',
        [casey],
      );
      const secret = secretRow.rows[0]?.secret ?? '';
      // As if a minute passed since the last code was used.
      await ts.server.db.query('UPDATE staff_totp SET last_step = last_step - 3 WHERE user_id = $1::uuid', [
        casey,
      ]);
      const signedIn = await login('casey', PASSWORD, totpCode(secret, Date.now() - 30_000));
      expectStatus(signedIn, 200);
      const session = (signedIn.body as { token: string }).token;
      await ts.server.db.query('UPDATE staff_totp SET last_step = last_step - 3 WHERE user_id = $1::uuid', [
        casey,
      ]);
      const code = totpCode(secret);
      expect(
        expectErrorResponse(await post('/api/auth/totp/disable', session, { password: 'wrong', code }), 403)
          .error,
      ).toBe('wrong_password');
      expect(
        expectErrorResponse(
          await post('/api/auth/totp/disable', session, { password: PASSWORD, code: '000000' }),
          400,
        ).error,
      ).toBe('invalid_totp_code');
      expectStatus(await post('/api/auth/totp/disable', session, { password: PASSWORD, code }), 200);
      expectStatus(await login('casey', PASSWORD), 200);
      expect(await auditCount('auth.totp_disable')).toBe(1);
      // Its failed codes counted toward the lock-out like wrong passwords; the sign-in cleared them.
      expect(await auditCount('auth.sign_in_failed', "details->>'reason' = 'wrong_code'")).toBeGreaterThan(0);
    });
  });
});
