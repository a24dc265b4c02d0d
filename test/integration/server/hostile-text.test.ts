import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt, userId } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import {
  TAKES_NO_TEXT,
  type TextRequest,
  type TextWorld,
  textRequests,
  type Who,
} from './hostile-text-routes';

/*
 * Text that cannot be stored, in every string of every route: a NUL character (PostgreSQL refuses
 * it in text and JSON, which was a 500) and a lone half of a surrogate pair (no character at all).
 * Each well-formed request of hostile-text-routes.ts is sent once for every string in it (path
 * parameters, query values, JSON values and keys, form fields), that string poisoned. Every one
 * must be refused with 400 and a sentence naming the field, change nothing, and count toward no
 * sign-in lock-out. fuzz.test.ts sends the same characters at random on top.
 */

const NUL = '\u0000';
const HIGH = '\ud800';
const LOW = '\udc00';
/** The refusal parseInput gives for such text (server/http/text-input.ts). */
const TEXT_REFUSAL = /contains a (NUL character|broken character)/;

interface Poisoned {
  label: string;
  params: Record<string, string>;
  query: Record<string, string>;
  json: unknown;
  form: Record<string, string> | undefined;
  /** Path parameters are poisoned already percent-encoded; the rest as text. */
  where: 'param' | 'query' | 'json' | 'form';
}

/** Every path of strings in a JSON value: object values, array items, and object keys. */
function stringPaths(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; key: boolean }[] {
  if (typeof value === 'string') return [{ path, key: false }];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringPaths(item, [...path, index]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => [
      { path: [...path, key], key: true },
      ...stringPaths(item, [...path, key]),
    ]);
  return [];
}

/** A copy of `value` with the string (or key) at `path` changed by `change`. */
function changedAt(
  value: unknown,
  path: (string | number)[],
  key: boolean,
  change: (text: string) => string,
): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return change(value as string);
  if (Array.isArray(value))
    return value.map((item, index) => (index === head ? changedAt(item, rest, key, change) : item));
  const record = value as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(record).map(([name, item]) => {
      if (name !== head) return [name, item];
      if (rest.length === 0 && key) return [change(name), item];
      return [name, changedAt(item, rest, key, change)];
    }),
  );
}

const CHANGES: [string, (text: string) => string][] = [
  ['NUL inside', (text) => `${text.slice(0, 1)}${NUL}${text.slice(1)}`],
  ['a lone high surrogate at the end', (text) => `${text}${HIGH}`],
  ['a lone low surrogate at the start', (text) => `${LOW}${text}`],
];

function poisonings(template: TextRequest): Poisoned[] {
  const base = {
    params: template.params ?? {},
    query: template.query ?? {},
    json: template.json,
    form: template.form,
  };
  const out: Poisoned[] = [];
  for (const name of Object.keys(base.params)) {
    // A NUL is sent as %00; a lone surrogate cannot be percent-encoded (it is not UTF-8), so its
    // nearest equivalent is the UTF-8 bytes of one, which no decoder accepts.
    for (const [how, suffix] of [
      ['%00', '%00'],
      ['surrogate bytes', '%ED%A0%80'],
    ] as const)
      out.push({
        ...base,
        label: `path ${name} with ${how}`,
        where: 'param',
        params: { ...base.params, [name]: `${encodeURIComponent(base.params[name] ?? '')}${suffix}` },
      });
  }
  for (const name of Object.keys(base.query))
    out.push({
      ...base,
      label: `query ${name} with NUL`,
      where: 'query',
      query: { ...base.query, [name]: `${base.query[name]}${NUL}` },
    });
  for (const { path, key } of stringPaths(base.json))
    for (const [how, change] of CHANGES)
      out.push({
        ...base,
        label: `${key ? 'key' : 'value'} ${path.join('.')} with ${how}`,
        where: 'json',
        json: changedAt(base.json, path, key, change),
      });
  for (const name of Object.keys(base.form ?? {}))
    out.push({
      ...base,
      label: `form field ${name} with NUL`,
      where: 'form',
      form: { ...base.form, [name]: `${base.form?.[name]}${NUL}` },
    });
  return out;
}

function pathOf(route: string, params: Record<string, string>, encoded: boolean): string {
  const url = route.slice(route.indexOf(' ') + 1);
  return url.replace(/:([A-Za-z]+)|\*/g, (match, name: string | undefined) => {
    const value = params[name ?? match] ?? '';
    return encoded ? value : encodeURIComponent(value);
  });
}

const BOUNDARY = 'portico-hostile-text';

function multipart(fields: Record<string, string>): Buffer {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  parts.push(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="note.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\nhello\r\n--${BOUNDARY}--\r\n`,
  );
  return Buffer.from(parts.join(''), 'utf8');
}

describe('text that cannot be stored, in every field of every route', () => {
  let ts: TestServer;
  let tokens: Record<Who, string | undefined>;
  let templates: TextRequest[];
  let marcusId: string;

  beforeAll(async () => {
    // Refused requests still count toward the per-address limits; those have their own tests.
    const generous = { limit: 100_000, windowMs: 60_000 };
    ts = await startTestServer({
      rateLimits: {
        signInPerIp: generous,
        signInPerUsername: generous,
        uploadPerIp: generous,
        uploadPerSession: generous,
      },
    });
    const db = ts.server.db;
    const ids = await demoClientIds(db);
    marcusId = idAt(ids, 0);
    const [casey, alex, sam, marcus] = await Promise.all([
      signIn(ts.url, 'casey'),
      signIn(ts.url, 'alex'),
      signIn(ts.url, 'sam'),
      portalSignIn(ts.url, 'marcus'),
    ]);
    tokens = { casey, alex, sam, marcus, nobody: undefined };
    const caseyId = await userId(db, 'casey');
    const first = async (sql: string, params: unknown[]) => {
      const id = (await db.query<{ id: string }>(sql, params)).rows[0]?.id;
      if (!id) throw new Error(`nothing for ${sql}`);
      return id;
    };
    const invite = await request(ts.url, `/api/clients/${idAt(ids, 6)}/portal/invite`, {
      method: 'POST',
      token: casey,
    });
    const pulled: TextWorld['pulled'] = {};
    for (const collection of [
      'directory',
      'clients',
      'memberships',
      'threads',
      'messages',
      'requests',
      'records',
      'notifications',
      'catalog',
    ]) {
      const page = await request(ts.url, `/api/replication/${collection}/pull?seq=0&limit=1`, {
        token: casey,
      });
      const doc = (page.body as { documents: Record<string, unknown>[] }).documents[0];
      pulled[collection] = doc ?? {
        id: '5b6f2c1e-8d3a-4f4b-9a7e-2c1d0e9f8a7b',
        _deleted: false,
        name: 'none',
      };
    }
    templates = textRequests({
      marcusId,
      caseyId,
      priyaId: await userId(db, 'priya'),
      harborAgencyId: await first('SELECT agency_id::text AS id FROM users WHERE username = $1', ['casey']),
      threadId: await first(
        'SELECT id::text AS id FROM threads WHERE client_id = $1::uuid AND staff_id = $2::uuid',
        [marcusId, caseyId],
      ),
      openDocumentRequestId: await first(
        `SELECT id::text AS id FROM portal_requests WHERE client_id = $1::uuid AND type = 'document' AND status IN ('sent', 'viewed') LIMIT 1`,
        [marcusId],
      ).catch(async () => {
        const created = await request(ts.url, '/api/requests', {
          method: 'POST',
          token: casey,
          json: {
            id: crypto.randomUUID(),
            clientId: marcusId,
            type: 'document',
            private: false,
            documentCategoryId: await first(
              'SELECT id::text AS id FROM document_categories WHERE agency_id = (SELECT agency_id FROM users WHERE username = $1) LIMIT 1',
              ['casey'],
            ),
            documentName: 'Other',
            otherName: 'Lease',
          },
        });
        return (created.body as { request: { id: string } }).request.id;
      }),
      inviteToken: ((invite.body as { inviteUrl: string }).inviteUrl.split('#')[1] ?? '').trim(),
      pulled,
    });
  }, 180_000);
  afterAll(() => ts?.close());

  async function send(template: TextRequest, poisoned: Poisoned): Promise<ApiResponse> {
    const path = pathOf(template.route, poisoned.params, poisoned.where === 'param');
    const query = new URLSearchParams(poisoned.query).toString();
    const method = template.route.slice(0, template.route.indexOf(' '));
    const token = tokens[template.who];
    if (template.form !== undefined) {
      const headers: Record<string, string> = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
      if (token) headers.authorization = `Bearer ${token}`;
      const response = await fetch(`${ts.url}${path}${query ? `?${query}` : ''}`, {
        method,
        headers,
        body: multipart(poisoned.form ?? {}),
      });
      const text = await response.text();
      const json = response.headers.get('content-type')?.includes('application/json');
      return { status: response.status, headers: response.headers, body: json ? JSON.parse(text) : text };
    }
    return request(ts.url, `${path}${query ? `?${query}` : ''}`, {
      method,
      ...(token ? { token } : {}),
      ...(poisoned.json === undefined ? {} : { json: poisoned.json }),
    });
  }

  it('has a well-formed request for every route that takes text', () => {
    const covered = new Set(templates.map((template) => template.route));
    const missing = ts.server.routes
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !key.startsWith('HEAD '))
      .filter((key) => !covered.has(key) && !(key in TAKES_NO_TEXT));
    expect(missing).toEqual([]);
  });

  it('refuses each poisoned string with 400 and a sentence, changes nothing and locks no one out', async () => {
    const failures = async () =>
      (await ts.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sign_in_failures')).rows[0]?.n;
    const lockedBefore = await failures();
    let sent = 0;
    const before = await snapshotDatabase(ts.server.db);
    for (const template of templates) {
      for (const poisoned of poisonings(template)) {
        const answer = await send(template, poisoned);
        sent++;
        const context = `${template.route} (${poisoned.label}): ${JSON.stringify(answer.body)}`;
        // Surrogate bytes in an address fail to decode before any route: a sentence of their own.
        if (poisoned.where === 'param' && poisoned.label.includes('surrogate')) {
          expect(expectErrorResponse(answer, 400).error, context).toBe('invalid_address');
          continue;
        }
        if (poisoned.where === 'param' && template.paramRefusal !== undefined) {
          expect(answer.status, context).toBe(template.paramRefusal);
          continue;
        }
        expect(answer.status, context).toBe(400);
        expect(expectErrorResponse(answer, 400).message, context).toMatch(TEXT_REFUSAL);
      }
    }
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
    expect(sent).toBeGreaterThan(500);
    expect(await failures()).toBe(lockedBefore);
  }, 600_000);

  it('does not count a sign-in with such a username or password toward the lock-out', async () => {
    for (let attempt = 0; attempt < 6; attempt++) {
      for (const json of [
        { username: `casey${NUL}`, password: 'Portico#2026' },
        { username: 'casey', password: `Portico#2026${NUL}` },
        { username: `casey${HIGH}`, password: 'wrong' },
      ]) {
        expect((await request(ts.url, '/api/auth/login', { method: 'POST', json })).status).toBe(400);
        expect(
          (
            await request(ts.url, '/api/portal/auth/login', {
              method: 'POST',
              json: { ...json, username: json.username.replace('casey', 'marcus') },
            })
          ).status,
        ).toBe(400);
      }
    }
    expect(
      (
        await request(ts.url, '/api/auth/login', {
          method: 'POST',
          json: { username: 'casey', password: 'Portico#2026' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await request(ts.url, '/api/portal/auth/login', {
          method: 'POST',
          json: { username: 'marcus', password: 'Portal#2026' },
        })
      ).status,
    ).toBe(200);
  });

  it('refuses audit log times outside the years 1 to 9999, or with an offset PostgreSQL cannot read', async () => {
    for (const time of ['0000-01-01T00:00:00Z', '0001-01-01T00:00:00+05:00', '9999-12-31T23:59:59-01:00']) {
      for (const name of ['from', 'to']) {
        const body = expectErrorResponse(
          await request(ts.url, `/api/admin/audit?${name}=${encodeURIComponent(time)}`, {
            token: tokens.alex,
          }),
          400,
        );
        expect(body.message).toBe(
          `Invalid audit log query. The ${name} time must be an ISO date and time between the years 1 and 9999.`,
        );
      }
    }
    // Any offset zod reads is taken: the time is handed on in UTC.
    const far = await request(
      ts.url,
      `/api/admin/audit?from=${encodeURIComponent('2024-01-01T00:00:00+23:59')}&to=${encodeURIComponent('0001-01-02T00:00:00Z')}`,
      { token: tokens.alex },
    );
    expect(far.status).toBe(200);
    expect((far.body as { entries: unknown[] }).entries).toEqual([]);
    const views = await request(ts.url, '/api/audit/views', {
      method: 'POST',
      token: tokens.casey,
      json: { views: [{ clientId: marcusId, viewedAt: '0000-01-01T00:00:00Z', what: 'profile' }] },
    });
    expectErrorResponse(views, 400);
  });
});
