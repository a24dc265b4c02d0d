import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_NAMES, LAST_NAMES } from '../../../server/seed/demo-data';
import type { PortalConnection } from '../../../shared/domain/portal-connection';
import { type ApiResponse, expectStatus, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

const EXPIRED = 'This invitation has expired. Ask your case manager for a new one.';

type InviteAnswer = PortalConnection & { inviteUrl: string; expiresAt: string };

/** Customer Portal invitations: Not Connected, Invite Pending, Connected, and back. */
describe('Customer Portal invitations', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let jordan: string;
  let sam: string;

  beforeAll(async () => {
    // Its many refused choices of password on one link would pass the join limit (10 a minute),
    // which rate-limits-and-headers.test.ts covers.
    const generous = { limit: 10_000, windowMs: 60_000 };
    ts = await startTestServer({ rateLimits: { signInPerIp: generous, signInPerUsername: generous } });
    ids = await demoClientIds(ts.server.db);
    [casey, jordan, sam] = await Promise.all([
      signIn(ts.url, 'casey'),
      signIn(ts.url, 'jordan'),
      signIn(ts.url, 'sam'),
    ]);
    // A seeded server takes a while to start on a busy machine.
  }, 180_000);
  afterAll(() => ts.close());

  const portalPath = (index: number) => `/api/clients/${idAt(ids, index)}/portal`;
  const status = (index: number, token = casey) => request(ts.url, portalPath(index), { token });
  const invite = (index: number, token = casey) =>
    request(ts.url, `${portalPath(index)}/invite`, { method: 'POST', token });
  const cancel = (index: number, token = casey) =>
    request(ts.url, `${portalPath(index)}/invite`, { method: 'DELETE', token });
  const disconnect = (index: number, token = casey) =>
    request(ts.url, `${portalPath(index)}/disconnect`, { method: 'POST', token });
  const openLink = (token: string) => request(ts.url, `/api/portal/invites/${token}`);
  const accept = (token: string, username: unknown, password: unknown) =>
    request(ts.url, `/api/portal/invites/${token}/accept`, {
      method: 'POST',
      json: { username, password },
    });

  async function inviteOk(index: number, token = casey): Promise<{ body: InviteAnswer; link: string }> {
    const response = await invite(index, token);
    expectStatus(response, 200);
    const body = response.body as InviteAnswer;
    const link = body.inviteUrl.split('#')[1] ?? '';
    return { body, link };
  }

  const stateOf = async (index: number, token = casey) => {
    const response = await status(index, token);
    expectStatus(response, 200);
    return response.body as PortalConnection;
  };

  it('goes from Not Connected to Invite Pending to Connected', async () => {
    expect(await stateOf(6)).toEqual({
      state: 'not_connected',
      invite: null,
      account: null,
      inviteUrl: null,
    });

    const before = Date.now();
    const { body, link } = await inviteOk(6);
    expect(body.inviteUrl).toMatch(new RegExp(`^${ts.url}/portal/join#[A-Za-z0-9_-]{40,}$`));
    expect(body.state).toBe('invite_pending');
    expect(body.invite?.sentBy).toBe('Casey Morgan');
    const days = (Date.parse(body.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    // Only a hash of the link's token is kept.
    const stored = await ts.server.db.query('SELECT * FROM portal_invites');
    expect(JSON.stringify(stored.rows)).not.toContain(link);

    const pending = await stateOf(6);
    expect(pending.state).toBe('invite_pending');
    expect(pending.inviteUrl).toBeNull();
    expect(pending.invite?.expiresAt).toBe(body.expiresAt);

    const opened = await openLink(link);
    expectStatus(opened, 200);
    expect(opened.body).toEqual({ firstName: 'Devon', expiresAt: body.expiresAt });

    const joined = await accept(link, '  Devon.W ', 'walk2thepark');
    expectStatus(joined, 201);
    const session = joined.body as { token: string; client: { id: string; firstName: string } };
    expect(session.client).toEqual({ id: idAt(ids, 6), firstName: FIRST_NAMES[6], lastName: LAST_NAMES[42] });
    expectStatus(await request(ts.url, '/api/portal/me', { token: session.token }), 200);

    const connected = await stateOf(6);
    expect(connected.state).toBe('connected');
    expect(connected.invite).toBeNull();
    expect(connected.account?.username).toBe('devon.w');
    await portalSignIn(ts.url, 'devon.w', 'walk2thepark');

    // The link has done its work.
    expect(expectErrorResponse(await openLink(link), 410).error).toBe('invite_used');
    expectErrorResponse(await accept(link, 'someone', 'another1pass'), 410);
    // A connected client is not invited again until disconnected.
    expect(expectErrorResponse(await invite(6), 409).error).toBe('already_connected');
  });

  it('resends with a new link: the old one is refused', async () => {
    const first = await inviteOk(7);
    const second = await inviteOk(7);
    expect(second.link).not.toBe(first.link);
    expect(expectErrorResponse(await openLink(first.link), 410).error).toBe('invite_replaced');
    expectErrorResponse(await accept(first.link, 'keisha', 'safe4keisha'), 410);
    expectStatus(await openLink(second.link), 200);
    const open = await ts.server.db.query(
      `SELECT 1 FROM portal_invites WHERE client_id = $1::uuid AND status = 'pending'`,
      [idAt(ids, 7)],
    );
    expect(open.rows).toHaveLength(1);
  });

  it('keeps one open invitation when two staff members send at once', async () => {
    const alex = await signIn(ts.url, 'alex');
    const answers = await Promise.all([invite(8), invite(8, alex), invite(8), invite(8, sam)]);
    for (const answer of answers) expectStatus(answer, 200);
    const open = await ts.server.db.query(
      `SELECT 1 FROM portal_invites WHERE client_id = $1::uuid AND status = 'pending'`,
      [idAt(ids, 8)],
    );
    expect(open.rows).toHaveLength(1);
  });

  it('cancels an invitation: the link stops working', async () => {
    const { link } = await inviteOk(9);
    const cancelled = await cancel(9);
    expectStatus(cancelled, 200);
    expect(cancelled.body).toEqual({ state: 'not_connected', invite: null, account: null, inviteUrl: null });
    expect(expectErrorResponse(await openLink(link), 410).error).toBe('invite_cancelled');
    expectErrorResponse(await accept(link, 'rosa', 'rosa2026pass'), 410);
    expect(expectErrorResponse(await cancel(9), 404).message).toBe(
      'This client has no pending invitation to cancel.',
    );
  });

  it('lets an invitation expire, then a resend works', async () => {
    const { link } = await inviteOk(10);
    await ts.server.db.query(
      `UPDATE portal_invites SET expires_at = now() - interval '1 minute' WHERE client_id = $1::uuid AND status = 'pending'`,
      [idAt(ids, 10)],
    );
    expect(expectErrorResponse(await openLink(link), 410)).toEqual({
      error: 'invite_expired',
      message: EXPIRED,
    });
    expect(expectErrorResponse(await accept(link, 'samuel', 'samuel2026'), 410).message).toBe(EXPIRED);
    // Staff see it lapsed: not connected, with the expired invitation's dates.
    const lapsed = await stateOf(10);
    expect(lapsed.state).toBe('not_connected');
    expect(Date.parse(lapsed.invite?.expiresAt ?? '')).toBeLessThan(Date.now());

    const again = await inviteOk(10);
    expectStatus(await accept(again.link, 'samuel', 'samuel2026'), 201);
    expect((await stateOf(10)).state).toBe('connected');
  });

  it('disconnects: sessions end at once, sign-in stops, and the client can be invited again', async () => {
    const { link } = await inviteOk(12);
    const joined = await accept(link, 'luis', 'luis2026ok');
    expectStatus(joined, 201);
    const joinToken = (joined.body as { token: string }).token;
    const signedIn = await portalSignIn(ts.url, 'luis', 'luis2026ok');

    const answer = await disconnect(12);
    expectStatus(answer, 200);
    expect(answer.body).toEqual({ state: 'not_connected', invite: null, account: null, inviteUrl: null });
    for (const token of [joinToken, signedIn])
      expectErrorResponse(await request(ts.url, '/api/portal/me', { token }), 401);
    expectErrorResponse(
      await request(ts.url, '/api/portal/auth/login', {
        method: 'POST',
        json: { username: 'luis', password: 'luis2026ok' },
      }),
      401,
    );
    expect(expectErrorResponse(await disconnect(12), 409).error).toBe('not_connected');

    // Back again under a new name; the old one no longer signs in.
    const second = await inviteOk(12);
    expectStatus(await accept(second.link, 'luis.h', 'newpass99x'), 201);
    expect((await stateOf(12)).account?.username).toBe('luis.h');
    await portalSignIn(ts.url, 'luis.h', 'newpass99x');
  });

  it('leaves a client’s portal account to their own agency (or a system admin)', async () => {
    // Client 6 is Harbor's and shared: Jordan (Northside) sees the record but may not manage it.
    for (const call of [status, invite, cancel, disconnect]) {
      const refused = expectErrorResponse(await call(6, jordan), 403);
      expect(refused.message).toContain('client’s own agency');
    }
    // Client 30 is Northside's and not shared: Casey does not even see it.
    for (const call of [status, invite, cancel, disconnect]) expectErrorResponse(await call(30, casey), 404);
    // A system administrator manages anyone's.
    expectStatus(await invite(30, sam), 200);
    expect((await stateOf(30, sam)).state).toBe('invite_pending');
    // Without staff sign-in, nothing; a client's portal session is not a staff session.
    expectErrorResponse(await request(ts.url, portalPath(6)), 401);
    const client = await portalSignIn(ts.url, 'marcus');
    expectErrorResponse(await invite(13, client), 401);
  });

  it('refuses bad input with clear messages and changes nothing', async () => {
    const { link } = await inviteOk(14);
    const before = await snapshotDatabase(ts.server.db);
    const expectCode = async (response: Promise<ApiResponse>, statusCode: number, code: string) =>
      expect(expectErrorResponse(await response, statusCode).error).toBe(code);

    expectErrorResponse(await request(ts.url, '/api/clients/not-a-uuid/portal', { token: casey }), 400);
    await expectCode(openLink('short'), 404, 'invite_not_found');
    await expectCode(openLink('A'.repeat(43)), 404, 'invite_not_found');
    await expectCode(accept('A'.repeat(43), 'someone', 'fine2passwd'), 404, 'invite_not_found');
    await expectCode(accept(link, 'ab', 'fine2passwd'), 400, 'invalid_username');
    await expectCode(accept(link, 'has space', 'fine2passwd'), 400, 'invalid_username');
    await expectCode(accept(link, '.dot', 'fine2passwd'), 400, 'invalid_username');
    await expectCode(accept(link, 'x'.repeat(31), 'fine2passwd'), 400, 'invalid_username');
    const rule =
      'Choose a password of at least 10 characters with at least one letter and one number. Commonly used passwords, such as “password123”, are not accepted.';
    const weak = expectErrorResponse(await accept(link, 'hannah', 'short1'), 400);
    expect(weak).toEqual({ error: 'weak_password', message: rule });
    expect(expectErrorResponse(await accept(link, 'hannah', 'password1'), 400)).toEqual({
      error: 'weak_password',
      message: rule,
    });
    expect(expectErrorResponse(await accept(link, 'hannah', 'sunny2day'), 400).error).toBe('weak_password');
    // Long enough, a letter and a number, and still among the most used passwords (in any case).
    for (const common of ['password123', 'Password123', 'qwerty1234', '1q2w3e4r5t', 'PASSWORD12'])
      expect(expectErrorResponse(await accept(link, 'hannah', common), 400), common).toEqual({
        error: 'common_password',
        message:
          'That password is one of the most commonly used, so it is easy to guess. Choose another one of at least 10 characters with at least one letter and one number.',
      });
    await expectCode(accept(link, 'hannah', 'onlyletters'), 400, 'weak_password');
    await expectCode(accept(link, 'hannah', '1234567890'), 400, 'weak_password');
    expectErrorResponse(await accept(link, 7, 'fine2passwd'), 400);
    expectErrorResponse(await accept(link, 'hannah', undefined), 400);
    expectErrorResponse(
      await request(ts.url, `/api/portal/invites/${link}/accept`, {
        method: 'POST',
        rawBody: '{"username":',
        headers: { 'content-type': 'application/json' },
      }),
      400,
    );
    // Marcus has had "marcus" since the demo began.
    await expectCode(accept(link, 'Marcus', 'fine2passwd'), 409, 'username_taken');
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    expectStatus(await accept(link, 'hannah', 'fine2passwd'), 201);
  });
});
