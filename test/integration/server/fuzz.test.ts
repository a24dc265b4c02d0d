import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { snapshotDatabase } from '../../support/db-snapshot';
import { portalSignIn } from '../../support/messaging';
import { signIn, startTestServer } from '../../support/test-server';

/*
 * Property-based fuzzing of every endpoint the server registers (collected from Fastify's route
 * table as it starts, so a new endpoint is fuzzed without anyone adding it here): malformed and
 * hostile payloads, as every kind of caller. For every request: no 5xx, and any JSON refusal is
 * {error, message}. After each endpoint: the server still answers /healthz. After all of them:
 * no stored data changed (test/support/db-snapshot.ts; the audit log and the sign-in lock-out
 * bookkeeping are not in its list: refused requests are logged and counted there on purpose) and
 * no file was left in the store. The hostile strings include NUL characters and lone halves of
 * surrogate pairs (in addresses, queries and JSON escapes); hostile-text.test.ts sends them in
 * every string field of a well-formed request of every route, one field at a time.
 */

/** FUZZ_RUNS raises it for a longer hunt; the default keeps the file well under two minutes. */
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS ?? 30);
/** A seeded server takes a while to start on a busy machine. */
const SERVER_START_MS = 180_000;

// Generous limits: the handlers themselves are what is fuzzed (rate-limits-and-headers.test.ts
// covers the limits).
const ts = await startTestServer({
  rateLimits: {
    signInPerIp: { limit: 100_000, windowMs: 60_000 },
    signInPerUsername: { limit: 100_000, windowMs: 60_000 },
    uploadPerIp: { limit: 100_000, windowMs: 60_000 },
    uploadPerSession: { limit: 100_000, windowMs: 60_000 },
  },
});

/**
 * Routes that act on nothing but the caller's session: with a valid session they succeed by
 * design (sign-out ends the session the other requests use; setup stores a new two-factor
 * secret). They are fuzzed with invalid and missing credentials only.
 */
const ACTS_WITHOUT_INPUT = new Set([
  'POST /api/auth/logout',
  'POST /api/portal/auth/logout',
  'POST /api/auth/totp/setup',
]);

interface Identity {
  name: string;
  valid: boolean;
  headers: Record<string, string>;
}

/** Real ids of things no fuzzing caller may change: another agency's private items. */
async function foreignIds(): Promise<string[]> {
  const result = await ts.server.db.query<{ id: string }>(
    `SELECT id::text AS id FROM (
       (SELECT t.id FROM threads t JOIN agencies a ON a.id = t.agency_id
         WHERE a.name = 'Northside Family Shelter' AND t.private LIMIT 1)
       UNION ALL (SELECT m.id FROM messages m WHERE m.private LIMIT 1)
       UNION ALL (SELECT r.id FROM portal_requests r JOIN clients c ON c.id = r.client_id
                   WHERE c.first_name <> 'Marcus' AND r.private LIMIT 1)
       UNION ALL (SELECT d.id FROM client_records d WHERE d.private LIMIT 1)
       UNION ALL (SELECT f.id FROM files f WHERE f.kind = 'attachment' LIMIT 1)
     ) ids`,
  );
  return result.rows.map((row) => row.id);
}

const casey = await signIn(ts.url, 'casey');
const alex = await signIn(ts.url, 'alex');
const sam = await signIn(ts.url, 'sam');
const marcus = await portalSignIn(ts.url, 'marcus');
const realIds = await foreignIds();

const IDENTITIES: Identity[] = [
  { name: 'staff', valid: true, headers: { authorization: `Bearer ${casey}` } },
  { name: 'agency admin', valid: true, headers: { authorization: `Bearer ${alex}` } },
  { name: 'system admin', valid: true, headers: { authorization: `Bearer ${sam}` } },
  { name: 'portal client', valid: true, headers: { authorization: `Bearer ${marcus}` } },
  { name: 'portal cookie', valid: true, headers: { cookie: `portico_portal=${marcus}` } },
  {
    name: 'portal cookie with its header',
    valid: true,
    headers: { cookie: `portico_portal=${marcus}`, 'x-portico-portal': '1' },
  },
  { name: 'nobody', valid: false, headers: {} },
  {
    name: 'invented token',
    valid: false,
    headers: { authorization: 'Bearer aW52ZW50ZWQtdG9rZW4tdGhhdC1pcy1ub3QtcmVhbA' },
  },
  {
    name: 'malformed authorization',
    valid: false,
    headers: { authorization: 'Basic Y2FzZXk6UG9ydGljbyMyMDI2' },
  },
  { name: 'huge token', valid: false, headers: { authorization: `Bearer ${'A'.repeat(8000)}` } },
  { name: 'SQL in a token', valid: false, headers: { authorization: "Bearer ' OR '1'='1" } },
  {
    name: 'invented cookie',
    valid: false,
    headers: { cookie: 'portico_portal=abcdefghijklmnopqrstuvwxyz0123456789' },
  },
];

const HOSTILE_STRINGS = [
  "' OR '1'='1",
  "'; DROP TABLE clients; --",
  '1; SELECT pg_sleep(5)',
  '$1',
  '../../../../etc/passwd',
  '..\\..\\windows\\win.ini',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '\u0000',
  'casey\u0000',
  'a\u0000b',
  // Lone halves of a surrogate pair: no character at all (what is left of an emoji cut in two).
  '\ud800',
  'x\udfff',
  '\udc00\ud83d',
  '\u202e\u0644\u0627 مرحبا 你好 🏳️‍🌈',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  'prototype',
  '-1',
  '1e309',
  'NaN',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '%zz',
  'x'.repeat(5000),
];

const hostileString = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS, ...realIds),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.uuid(),
);

/** Values of the wrong type for any field a schema expects. No booleans: they could be valid. */
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    fc.constantFrom(null, -1, 0, 1.5, 1e308, Number.MAX_SAFE_INTEGER + 2, -0),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'id', 'prototype', 'toString'), tie('value'), {
      maxKeys: 3,
    }),
  ),
})).value;

const FIELD_NAMES = [
  'id',
  'clientId',
  'threadId',
  'staffId',
  'html',
  'username',
  'password',
  'code',
  'currentPassword',
  'newPassword',
  'rows',
  'views',
  'active',
  'kind',
  'clientIds',
  'type',
  'private',
  'name',
  'fields',
  'predefinedNames',
  'roiTermDays',
  'allowClientContact',
  'displayInPortal',
  'address',
  'latitude',
  'longitude',
  'signedName',
  'signedDate',
  'assessmentDate',
  'answers',
  'description',
  'label',
  'options',
  'documentName',
  'otherName',
  'categoryId',
  'agencyId',
  'what',
  'viewedAt',
  'from',
  'to',
  '__proto__',
  'constructor',
];

function nested(depth: number, open: string, close: string, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** A body as raw text: JSON of hostile shapes, deep nesting, huge, or not JSON at all. */
const rawBody: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((value) => JSON.stringify(value)),
  fc
    .dictionary(fc.constantFrom(...FIELD_NAMES), hostileValue, { maxKeys: 6 })
    .map((value) => JSON.stringify(value)),
  fc.constantFrom(
    '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}',
    '{"rows":[{"newDocumentState":{"id":"x","_deleted":false,"__proto__":{"polluted":1}}}]}',
    '{"views":[{"clientId":"00000000-0000-0000-0000-000000000000","viewedAt":"2024-01-01","what":"__proto__"}]}',
    // Escapes JSON allows and text columns do not: a NUL, lone surrogates, in values and keys.
    '{"username":"casey\\u0000","password":"Portico#2026"}',
    '{"username":"\\ud800","password":"\\udc00"}',
    '{"html":"<p>hi\\u0000</p>","id":"\\ud83d"}',
    '{"answers":{"q\\u0000":"x","\\udfff":"y"},"assessmentDate":"2026-01-01"}',
    '{"signedName":"Marcus\\u0000Johnson","signedDate":"2026-01-01"}',
    '{"name":"Legal\\ud800","predefinedNames":["Lease\\u0000"]}',
    '{"rows":[{"newDocumentState":{"id":"\\u0000","_deleted":false,"firstName":"\\ud800"}}]}',
    nested(3000, '[', ']', '1'),
    nested(1500, '{"a":', '}', '1'),
    `{"html":"${'x'.repeat(300 * 1024)}"}`,
    `{"username":"${'y'.repeat(100 * 1024)}","password":"z"}`,
    '{"username":',
    'nul',
    '',
    '\u0000\u0001\u0002',
    'username=casey&password=x',
    '--xyz\r\nContent-Disposition: form-data; name="files"; filename="../../x"\r\n\r\nabc\r\n--xyz--\r\n',
    '\u0089PNG\r\n\u001a\n',
  ),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'multipart/form-data; boundary=xyz',
  'application/xml',
  'image/png',
  'application/octet-stream',
  undefined,
];

const queryString = fc.array(
  fc.tuple(
    fc.constantFrom(
      'seq',
      'id',
      'limit',
      'offset',
      'before',
      'from',
      'to',
      'clientId',
      'action',
      '__proto__[x]',
    ),
    hostileString,
  ),
  { maxLength: 4 },
);

interface FuzzRequest {
  identity: Identity;
  params: string[];
  query: [string, string][];
  body: string;
  contentType: string | undefined;
}

function pathFor(url: string, params: string[]): string {
  let index = 0;
  return url.replace(/:[A-Za-z]+|\*/g, () => {
    const value = params[index++] ?? '';
    // Most values are encoded as a client would; '%zz' and friends are sent raw on purpose.
    if (/^%[a-z]{2}$/.test(value)) return value;
    // A lone surrogate is not UTF-8 and cannot be percent-encoded: the nearest is its UTF-8 bytes.
    return encodeURIComponent(value.replace(/\p{Cs}/gu, '\ue000')).replace(/%EE%80%80/g, '%ED%A0%80');
  });
}

async function send(
  method: string,
  url: string,
  input: FuzzRequest,
): Promise<{ status: number; body: string }> {
  const query = new URLSearchParams(input.query).toString();
  const headers: Record<string, string> = { ...input.identity.headers };
  const hasBody = method !== 'GET' && method !== 'HEAD';
  if (hasBody && input.contentType !== undefined) headers['content-type'] = input.contentType;
  const response = await fetch(`${ts.url}${pathFor(url, input.params)}${query ? `?${query}` : ''}`, {
    method,
    headers,
    body: hasBody ? input.body : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  // A live stream never ends: its status and headers are the answer.
  if (response.headers.get('content-type')?.includes('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, body: '' };
  }
  return { status: response.status, body: await response.text() };
}

const routes = ts.server.routes
  .map((route) => ({ ...route, key: `${route.method} ${route.url}` }))
  .sort((a, b) => a.key.localeCompare(b.key));

describe('fuzzing every endpoint', () => {
  let before: Record<string, string>;
  let filesBefore: string[];

  afterAll(async () => {
    await ts.close();
  });

  it(
    'found the route table',
    async () => {
      before = await snapshotDatabase(ts.server.db);
      filesBefore = await ts.server.files.list();
      const keys = routes.map((route) => route.key);
      expect(keys.length).toBeGreaterThan(50);
      for (const key of [
        'POST /api/auth/login',
        'GET /api/replication/:collection/pull',
        'POST /api/audit/views',
      ])
        expect(keys).toContain(key);
    },
    SERVER_START_MS,
  );

  it.each(routes.map((route) => [route.key, route] as const))('%s', async (key, route) => {
    const identities = ACTS_WITHOUT_INPUT.has(key) ? IDENTITIES.filter((who) => !who.valid) : IDENTITIES;
    const paramCount = (route.url.match(/:[A-Za-z]+|\*/g) ?? []).length;
    const arbitrary = fc.record({
      identity: fc.constantFrom(...identities),
      params: fc.array(hostileString, { minLength: paramCount, maxLength: paramCount }),
      query: queryString,
      body: rawBody,
      contentType: fc.constantFrom(...CONTENT_TYPES),
    });
    await fc.assert(
      fc.asyncProperty(arbitrary, async (input) => {
        const answer = await send(route.method, route.url, input);
        const context = `${key} as ${input.identity.name}: ${answer.status} ${answer.body.slice(0, 300)}`;
        expect(answer.status, context).toBeLessThan(500);
        if (answer.status >= 400 && answer.body.startsWith('{')) {
          const body = JSON.parse(answer.body) as Record<string, unknown>;
          expect(Object.keys(body).sort(), context).toEqual(['error', 'message']);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT, endOnFailure: true },
    );
    const health = await fetch(`${ts.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('changed no stored data and left no file behind', async () => {
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    expect((await ts.server.files.list()).sort()).toEqual([...filesBefore].sort());
    // The server runs in this process: a polluted prototype would show on any object here.
    const probe: Record<string, unknown> = {};
    expect([probe.isAdmin, probe.polluted]).toEqual([undefined, undefined]);
    expect((await fetch(`${ts.url}/healthz`)).status).toBe(200);
  });
});
