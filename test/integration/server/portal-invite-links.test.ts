import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgencyServer, startAgencyServer } from '../../../server/app';
import { loadServerConfig } from '../../../server/config';
import type { PortalConnection, PortalInviteLink } from '../../../shared/domain/portal-connection';
import { expectStatus, request } from '../../support/api';
import { auditRows } from '../../support/audit';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { createTestDatabase } from '../../support/test-database';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

type InviteAnswer = PortalConnection & { inviteUrl: string; expiresAt: string };

/** The token a link carries in its fragment. */
const tokenOf = (url: string) => url.split('#')[1] ?? '';

/*
 * Issue 11, item 5: while an invitation is pending, staff who may manage it can fetch its link
 * again to copy it. The link works for the client, expires, is given only to those staff, is
 * never written to the request log, and every fetch is in the audit log (without the link).
 */
describe('copying a pending invitation’s link again', () => {
  let ts: TestServer;
  let ids: string[];
  let casey: string;
  let priya: string;
  let jordan: string;
  let sam: string;

  beforeAll(async () => {
    ts = await startTestServer();
    ids = await demoClientIds(ts.server.db);
    [casey, priya, jordan, sam] = await Promise.all([
      signIn(ts.url, 'casey'),
      signIn(ts.url, 'priya'),
      signIn(ts.url, 'jordan'),
      signIn(ts.url, 'sam'),
    ]);
  });
  afterAll(() => ts.close());

  const portalPath = (index: number) => `/api/clients/${idAt(ids, index)}/portal`;
  const invite = async (index: number, token = casey): Promise<InviteAnswer> => {
    const response = await request(ts.url, `${portalPath(index)}/invite`, { method: 'POST', token });
    expectStatus(response, 200);
    return response.body as InviteAnswer;
  };
  const fetchLink = (index: number, token = casey, server = ts.url) =>
    request(server, `${portalPath(index)}/invite-link`, { token });
  const linkOf = async (index: number, token = casey): Promise<PortalInviteLink> => {
    const response = await fetchLink(index, token);
    expectStatus(response, 200);
    return response.body as PortalInviteLink;
  };
  const status = async (index: number): Promise<PortalConnection> => {
    const response = await request(ts.url, portalPath(index), { token: casey });
    expectStatus(response, 200);
    return response.body as PortalConnection;
  };

  it('gives the same working link again, with its expiry, as often as asked, and logs who asked', async () => {
    const made = await invite(8);
    expect((await status(8)).invite).toMatchObject({ expiresAt: made.expiresAt, linkAvailable: true });

    const again = await linkOf(8);
    expect(again).toEqual({ inviteUrl: made.inviteUrl, expiresAt: made.expiresAt });
    // Priya works at the same agency: she may give the client the link too.
    expect(await linkOf(8, priya)).toEqual(again);

    const opened = await request(ts.url, `/api/portal/invites/${tokenOf(again.inviteUrl)}`);
    expectStatus(opened, 200);
    expect(opened.body).toMatchObject({ expiresAt: made.expiresAt });

    const fetches = await auditRows(ts.server.db, 'invite.link_fetch', 'client_id = $2::uuid', [
      idAt(ids, 8),
    ]);
    expect(fetches.map((row) => row.actor_id)).toEqual([
      await userId(ts.server.db, 'casey'),
      await userId(ts.server.db, 'priya'),
    ]);
    expect(fetches[0]).toMatchObject({ actor_kind: 'staff', subject_kind: 'client_account' });
    const everything = await ts.server.db.query('SELECT * FROM audit_log');
    expect(JSON.stringify(everything.rows)).not.toContain(tokenOf(made.inviteUrl));
  });

  it('keeps the token only sealed: the database alone does not hold the link', async () => {
    const made = await invite(9);
    const stored = await ts.server.db.query<{ token_sealed: string }>(
      `SELECT token_sealed FROM portal_invites WHERE client_id = $1::uuid AND status = 'pending'`,
      [idAt(ids, 9)],
    );
    const sealed = stored.rows[0]?.token_sealed ?? '';
    expect(sealed).toMatch(/^v1\./);
    const rows = await ts.server.db.query('SELECT * FROM portal_invites');
    expect(JSON.stringify(rows.rows)).not.toContain(tokenOf(made.inviteUrl));
  });

  it('gives the link only to staff who may manage the client’s invitation', async () => {
    await invite(10);
    // Jordan (another agency) sees this shared client but does not manage its account.
    expect(expectErrorResponse(await fetchLink(10, jordan), 403).message).toMatch(/own agency/);
    // Nor, as if it did not exist, a client jordan cannot see at all (not shared, no care team).
    await invite(19);
    expectErrorResponse(await fetchLink(19, jordan), 404);
    expectErrorResponse(await request(ts.url, `${portalPath(10)}/invite-link`), 401);
    // A system admin may.
    expectStatus(await fetchLink(10, sam), 200);
    expect(
      await auditRows(ts.server.db, 'invite.link_fetch', 'client_id = ANY($2::uuid[])', [
        [idAt(ids, 10), idAt(ids, 19)],
      ]),
    ).toHaveLength(1);
  });

  it('stops giving a link once the invitation is resent, cancelled, used or expired', async () => {
    const first = await invite(12);
    const second = await invite(12);
    expect((await linkOf(12)).inviteUrl).toBe(second.inviteUrl);
    expect((await linkOf(12)).inviteUrl).not.toBe(first.inviteUrl);

    await request(ts.url, `${portalPath(12)}/invite`, { method: 'DELETE', token: casey });
    expect(expectErrorResponse(await fetchLink(12), 404).message).toBe(
      'This client has no pending invitation. Send an invite to make a link.',
    );

    const used = await invite(13);
    const joined = await request(ts.url, `/api/portal/invites/${tokenOf(used.inviteUrl)}/accept`, {
      method: 'POST',
      json: { username: 'link.again', password: 'copy2paste' },
    });
    expectStatus(joined, 201);
    expectErrorResponse(await fetchLink(13), 404);

    await invite(14);
    await ts.server.db.query(
      `UPDATE portal_invites SET expires_at = now() - interval '1 minute'
        WHERE client_id = $1::uuid AND status = 'pending'`,
      [idAt(ids, 14)],
    );
    expect((await status(14)).invite?.linkAvailable).toBe(false);
    const expired = expectErrorResponse(await fetchLink(14), 410);
    expect(expired.message).toBe('This invitation has expired. Resend the invite to make a new link.');

    // Nothing that is no longer pending keeps a sealed token.
    const leftover = await ts.server.db.query(
      `SELECT 1 FROM portal_invites WHERE status <> 'pending' AND token_sealed IS NOT NULL`,
    );
    expect(leftover.rows).toHaveLength(0);
  });

  it('says to resend when the link cannot be read back (made before links were kept)', async () => {
    await invite(15);
    await ts.server.db.query(
      `UPDATE portal_invites SET token_sealed = NULL WHERE client_id = $1::uuid AND status = 'pending'`,
      [idAt(ids, 15)],
    );
    expect((await status(15)).invite?.linkAvailable).toBe(false);
    const answer = expectErrorResponse(await fetchLink(15), 409);
    expect(answer.error).toBe('invite_link_unavailable');
    // A token sealed under another key reads as nothing the same way (test/unit/server/link-sealer.test.ts).
    expect(answer.message).toMatch(/Resend the invite/);
  });
});

describe('the request log', () => {
  it('never writes the token to the request log', async () => {
    const log = new PassThrough();
    let written = '';
    log.on('data', (chunk: Buffer) => {
      written += chunk.toString();
    });
    const database = await createTestDatabase();
    const logged: AgencyServer = await startAgencyServer(
      {
        ...loadServerConfig({}),
        port: 0,
        databaseUrl: database.databaseUrl,
        dataDir: database.dataDir,
        seedDemo: true,
      },
      { logger: { stream: log } },
    );
    try {
      const token = await signIn(logged.url, 'casey');
      const clientId = (await demoClientIds(logged.db))[17];
      const made = (
        await request(logged.url, `/api/clients/${clientId}/portal/invite`, { method: 'POST', token })
      ).body as InviteAnswer;
      const again = (await request(logged.url, `/api/clients/${clientId}/portal/invite-link`, { token }))
        .body as PortalInviteLink;
      const secret = tokenOf(again.inviteUrl);
      expect(secret).toBe(tokenOf(made.inviteUrl));
      expectStatus(await request(logged.url, `/api/portal/invites/${secret}`), 200);
      const joined = await request(logged.url, `/api/portal/invites/${secret}/accept`, {
        method: 'POST',
        json: { username: 'never.logged', password: 'quiet2logs' },
      });
      expectStatus(joined, 201);
      expect(written).toContain('/api/portal/invites/[redacted]/accept');
      expect(written).toContain('/invite-link');
      expect(written).not.toContain(secret);
    } finally {
      await logged.close();
      await database.drop();
    }
  });
});
