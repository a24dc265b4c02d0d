import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../../../server/http/request-log';
import { expectStatus, request } from '../../support/api';
import { demoClientIds, idAt } from '../../support/demo-world';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';

/*
 * An invitation's token is the key to a client's portal account until it is used: whoever reads
 * the server's log must not find it there, whether the link was opened, used, refused or mistyped.
 */
describe('the request log', () => {
  let ts: TestServer;
  let log = '';

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    ts = await startTestServer({ logStream: stream });
    // A seeded server takes a while to start on a busy machine.
  }, 180_000);
  afterAll(() => ts.close());

  it('logs requests to invitation links without their token', async () => {
    const casey = await signIn(ts.url, 'casey');
    const clientId = idAt(await demoClientIds(ts.server.db), 6);
    const invite = await request(ts.url, `/api/clients/${clientId}/portal/invite`, {
      method: 'POST',
      token: casey,
    });
    expectStatus(invite, 200);
    const token = ((invite.body as { inviteUrl: string }).inviteUrl.split('#')[1] ?? '').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);

    expectStatus(await request(ts.url, `/api/portal/invites/${token}`), 200);
    // A refused choice (too short a password), then the real one, then the used link again.
    const accept = (password: string) =>
      request(ts.url, `/api/portal/invites/${token}/accept`, {
        method: 'POST',
        json: { username: 'logged-client', password },
      });
    expect((await accept('short')).status).toBe(400);
    expectStatus(await accept('a long and unusual passphrase 2031'), 201);
    expect((await request(ts.url, `/api/portal/invites/${token}`)).status).toBe(410);
    // Mistyped, with more after it, and with the token in a query too.
    expect((await request(ts.url, `/api/portal/invites/${token}x/more?token=${token}`)).status).toBe(404);
    expect((await request(ts.url, `/api/auth/me?token=${token}`)).status).toBe(401);

    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(log).toContain('/api/portal/invites/[redacted]');
    expect(log).toContain('/api/auth/me?token=[redacted]');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.slice(0, 20));
    expect(log).not.toContain('a long and unusual passphrase 2031');
    expect(log).not.toContain(casey);
  });

  it('redacts secret path segments and query values, and keeps everything else', () => {
    expect(redactUrl('/api/portal/invites/abc123/accept')).toBe('/api/portal/invites/[redacted]/accept');
    expect(redactUrl('/API/Portal/Invites/abc123')).toBe('/API/Portal/Invites/[redacted]');
    expect(redactUrl('/api/nudges/unsubscribe/Zm9vYmFyYmF6cXV4')).toBe('/api/nudges/unsubscribe/[redacted]');
    expect(redactUrl('/api/replication/clients/pull?seq=4&limit=10')).toBe(
      '/api/replication/clients/pull?seq=4&limit=10',
    );
    expect(redactUrl('/x?seq=1&access_token=s3cret&%zz=1')).toBe(
      '/x?seq=1&access_token=[redacted]&%zz=[redacted]',
    );
  });
});
