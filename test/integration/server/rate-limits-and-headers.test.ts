import { get } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HSTS, securityHeadersFor } from '../../../server/http/security-headers';
import { PORTAL_CSP } from '../../../server/portal-host/routes';
import { type ApiResponse, expectStatus, request } from '../../support/api';
import { expectErrorResponse } from '../../support/expect-error';
import { PORTAL_PASSWORD } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { pngBytes, upload } from '../../support/uploads';

/** A seeded server takes a while to start on a busy machine. */
const SERVER_START_MS = 180_000;

const API_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
};

function expectSecurityHeaders(headers: Headers, csp = API_HEADERS['content-security-policy']): void {
  for (const [name, value] of Object.entries({ ...API_HEADERS, 'content-security-policy': csp }))
    expect(headers.get(name), name).toBe(value);
  // Served over plain http: HSTS would be meaningless (and is only sent over https).
  expect(headers.get('strict-transport-security')).toBeNull();
}

describe('rate limits', () => {
  let ts: TestServer;
  let casey: string;
  let priya: string;
  beforeAll(async () => {
    ts = await startTestServer({
      rateLimits: {
        signInPerIp: { limit: 8, windowMs: 60_000 },
        signInPerUsername: { limit: 3, windowMs: 60_000 },
        uploadPerSession: { limit: 2, windowMs: 60_000 },
      },
    });
    casey = await signIn(ts.url, 'casey');
    priya = await signIn(ts.url, 'priya');
  }, SERVER_START_MS);
  afterAll(() => ts.close());

  const expectRateLimited = (response: ApiResponse, what: RegExp) => {
    const body = expectErrorResponse(response, 429);
    expect(body.error).toBe('rate_limited');
    expect(body.message).toMatch(what);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  };

  it('limits uploads per session, before reading them, with Retry-After', async () => {
    const picture = pngBytes(2048);
    for (let n = 0; n < 2; n++)
      expectStatus(await upload(ts.url, picture, { token: casey, contentType: 'image/png' }), 201);
    const third = await upload(ts.url, picture, { token: casey, contentType: 'image/png' });
    expectRateLimited(third, /^Too many uploads in a short time\. Wait \d+ seconds? and try again\.$/);
    // Someone else's session has its own allowance.
    expectStatus(await upload(ts.url, picture, { token: priya, contentType: 'image/png' }), 201);
  });

  it('limits sign-ins per username, then per address, for staff and the portal alike', async () => {
    const wrong = (username: string) =>
      request(ts.url, '/api/auth/login', { method: 'POST', json: { username, password: 'wrong' } });
    for (let n = 0; n < 3; n++) expectErrorResponse(await wrong('nobody'), 401);
    expectRateLimited(
      await wrong('nobody'),
      /^Too many sign-in attempts in a short time\. Wait \d+ seconds?/,
    );
    // Two sign-ins, three failures and the refused one: this address has used 6 of its 8.
    expectErrorResponse(await wrong('someone-else'), 401);
    expectErrorResponse(await wrong('another'), 401);
    expectRateLimited(await wrong('a-third'), /sign-in attempts/);
    const portal = await request(ts.url, '/api/portal/auth/login', {
      method: 'POST',
      json: { username: 'marcus', password: PORTAL_PASSWORD },
    });
    expectRateLimited(portal, /sign-in attempts/);
  });
});

describe('security headers and body limits', () => {
  let ts: TestServer;
  let casey: string;
  beforeAll(async () => {
    ts = await startTestServer();
    casey = await signIn(ts.url, 'casey');
  }, SERVER_START_MS);
  afterAll(() => ts.close());

  it('are on every kind of answer: success, refusal, not found, health', async () => {
    const answers = [
      await request(ts.url, '/healthz'),
      await request(ts.url, '/api/auth/me', { token: casey }),
      await request(ts.url, '/api/auth/me'),
      await request(ts.url, '/api/nothing-here'),
      await request(ts.url, '/api/replication/clients/pull?limit=abc', { token: casey }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401, 404, 400]);
    for (const answer of answers) expectSecurityHeaders(answer.headers);
    // API answers carry client records: never cached.
    expect(answers[1]?.headers.get('cache-control')).toBe('no-store');
  });

  it('keep a route’s own policy: the portal’s pages and file downloads', async () => {
    const page = await request(ts.url, '/portal/');
    expectSecurityHeaders(page.headers, PORTAL_CSP);
    const picture = await upload(ts.url, pngBytes(1024), { token: casey, contentType: 'image/png' });
    const download = await request(ts.url, (picture.body as { url: string }).url, { token: casey });
    expectStatus(download, 200);
    expectSecurityHeaders(download.headers, "default-src 'none'");
    expect(download.headers.get('cache-control')).toBe('private, max-age=86400');
  });

  it('are on the live stream, which is written outside Fastify', async () => {
    const headers = await new Promise<Headers>((resolve, reject) => {
      const req = get(
        `${ts.url}/api/replication/stream`,
        { agent: false, headers: { authorization: `Bearer ${casey}` } },
        (response) => {
          const result = new Headers();
          for (const [name, value] of Object.entries(response.headers))
            if (typeof value === 'string') result.set(name, value);
          response.destroy();
          resolve(result);
        },
      );
      req.on('error', reject);
    });
    expect(headers.get('content-type')).toContain('text/event-stream');
    expectSecurityHeaders(headers);
  });

  it('add HSTS only when the request came over https', () => {
    expect(securityHeadersFor({ protocol: 'https' } as FastifyRequest)['strict-transport-security']).toBe(
      HSTS,
    );
    expect(
      securityHeadersFor({ protocol: 'http' } as FastifyRequest)['strict-transport-security'],
    ).toBeUndefined();
  });

  it('give every route a body limit: small for JSON, larger only where bodies are, none for streamed uploads', () => {
    const uploads = new Set([
      'POST /api/attachments',
      'POST /api/clients/:clientId/documents',
      'POST /api/portal/requests/:id/documents',
      'POST /api/portal/documents',
    ]);
    for (const route of ts.server.routes) {
      const key = `${route.method} ${route.url}`;
      if (uploads.has(key)) expect(route.bodyLimit, key).toBeUndefined();
      else expect(route.bodyLimit, key).toBeLessThanOrEqual(8 * 1024 * 1024);
    }
    const limits = new Map(
      ts.server.routes.map((route) => [`${route.method} ${route.url}`, route.bodyLimit]),
    );
    expect(limits.get('POST /api/auth/login')).toBe(256 * 1024);
    expect(limits.get('POST /api/audit/views')).toBe(256 * 1024);
    expect(limits.get('POST /api/messages')).toBe(8 * 1024 * 1024);
  });

  it('refuse a JSON body over the limit with 413 and a sentence', async () => {
    const response = await request(ts.url, '/api/auth/password', {
      method: 'POST',
      token: casey,
      json: { currentPassword: 'x', newPassword: 'y'.repeat(300 * 1024) },
    });
    expectErrorResponse(response, 413);
  });
});
