import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../../support/api';
import { snapshotDatabase } from '../../support/db-snapshot';
import { demoClientIds, idAt } from '../../support/demo-world';
import { expectErrorResponse } from '../../support/expect-error';
import { portalSignIn } from '../../support/messaging';
import { signIn, startTestServer, type TestServer } from '../../support/test-server';
import { REQUEST_CASES, type RequestCaseContext } from './bad-input-requests';

/** A staff member, a portal client, no token, or a token the server never issued. */
type Who = 'casey' | 'alex' | 'marcus' | 'nobody' | 'bogus';

interface BadRequest {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** A function when the address needs data only known once the server runs. */
  path: string | ((context: RequestCaseContext) => string);
  status: number;
  who: Who;
  /** A function when the body needs data only known once the server runs. */
  json?: unknown | ((context: RequestCaseContext) => unknown);
  raw?: { body: string; contentType: string };
}

const UUID = '5b6f2c1e-8d3a-4f4b-9a7e-2c1d0e9f8a7b';
const validState = { id: UUID, _deleted: false };
const pushRow = (state: unknown) => ({ rows: [{ newDocumentState: state }] });

const get = (name: string, path: BadRequest['path'], status: number, who: Who = 'casey'): BadRequest => ({
  name,
  method: 'GET',
  path,
  status,
  who,
});
const postJson = (
  name: string,
  path: string,
  json: unknown,
  status: number,
  who: Who = 'casey',
): BadRequest => ({
  name,
  method: 'POST',
  path,
  status,
  who,
  json,
});
const patchJson = (
  name: string,
  path: string,
  json: unknown,
  status: number,
  who: Who = 'casey',
): BadRequest => ({
  ...postJson(name, path, json, status, who),
  method: 'PATCH',
});
const postRaw = (
  name: string,
  path: string,
  body: string,
  contentType: string,
  status: number,
  who: Who = 'casey',
): BadRequest => ({
  name,
  method: 'POST',
  path,
  status,
  who,
  raw: { body, contentType },
});

const LOGIN = '/api/auth/login';
const PUSH = '/api/replication/clients/push';
const PULL = '/api/replication/clients/pull';
const SEND = '/api/messages';
const SETTINGS = '/api/me/settings';
const UPLOAD = '/api/attachments';
const PORTAL_LOGIN = '/api/portal/auth/login';
const PORTAL_WRITE = '/api/portal/messages';
const OTHER_UUID = '0b0c9a53-2f1e-4c55-8a7a-0d3f6f1f2a11';
const MASS = '/api/mass-sends';
const massSend = (changes: Record<string, unknown>) => ({
  id: UUID,
  kind: 'message',
  private: false,
  clientIds: [OTHER_UUID],
  html: '<p>Hello</p>',
  ...changes,
});
const message = (changes: Record<string, unknown>) => ({
  id: UUID,
  clientId: OTHER_UUID,
  threadId: null,
  html: '<p>Hello</p>',
  ...changes,
});

/*
 * Every endpoint, fed what a broken or hostile client might send. Each must answer 4xx with
 * {error, message} where the message is a sentence a person can act on, and must change nothing.
 */
const CASES: BadRequest[] = [
  postRaw('sign-in with malformed JSON', LOGIN, '{"username":', 'application/json', 400),
  postRaw('sign-in as plain text', LOGIN, 'casey', 'text/plain', 415),
  postRaw('sign-in as a form', LOGIN, 'username=casey&password=x', 'application/x-www-form-urlencoded', 415),
  postRaw('sign-in with an empty body', LOGIN, '', 'application/json', 400),
  postJson('sign-in without a password', LOGIN, { username: 'casey' }, 400),
  postJson('sign-in with a numeric username', LOGIN, { username: 42, password: 'x' }, 400),
  postJson('sign-in with an array', LOGIN, ['casey', 'Portico#2026'], 400),
  postJson('sign-in with a blank username', LOGIN, { username: '  ', password: 'x' }, 400),
  postJson('sign-in over the body limit', LOGIN, { username: 'casey', password: 'x'.repeat(9 << 20) }, 413),
  get('sign-in by GET', LOGIN, 404),
  postJson('sign-out without a token', '/api/auth/logout', {}, 401, 'nobody'),
  postJson('sign-out with an unknown token', '/api/auth/logout', {}, 401, 'bogus'),
  get('who-am-I without a token', '/api/auth/me', 401, 'nobody'),
  get('who-am-I with an unknown token', '/api/auth/me', 401, 'bogus'),
  get('pull of an unknown collection', '/api/replication/secrets/pull', 400),
  get('pull from a negative seq', `${PULL}?seq=-1`, 400),
  get('pull from a seq that is not a number', `${PULL}?seq=abc`, 400),
  get('pull from a fractional seq', `${PULL}?seq=1.5`, 400),
  get('pull of zero documents', `${PULL}?limit=0`, 400),
  get('pull of too many documents', `${PULL}?limit=1001`, 400),
  get('pull with a limit in words', `${PULL}?limit=ten`, 400),
  get('pull from a negative transaction id', `${PULL}?txid=-1`, 400),
  get('pull from a transaction id that is not a number', `${PULL}?txid=abc`, 400),
  get('pull from a transaction id beyond what a number holds exactly', `${PULL}?txid=${'9'.repeat(20)}`, 400),
  get('pull without a token', PULL, 401, 'nobody'),
  postRaw('push with malformed JSON', PUSH, '{"rows": [', 'application/json', 400),
  postRaw('push as plain text', PUSH, 'rows', 'text/plain', 415),
  postJson('push with rows that are not a list', PUSH, { rows: 'all of them' }, 400),
  postJson('push without rows', PUSH, {}, 400),
  postJson('push of null', PUSH, null, 400),
  postJson(
    'push of a bigger batch than allowed',
    PUSH,
    { rows: Array(1001).fill({ newDocumentState: validState }) },
    400,
  ),
  postJson('push of a row without an id', PUSH, pushRow({ _deleted: false, firstName: 'X' }), 400),
  postJson('push of a row with a numeric id', PUSH, pushRow({ id: 7, _deleted: false }), 400),
  postJson('push of a row with a textual deletion flag', PUSH, pushRow({ id: UUID, _deleted: 'no' }), 400),
  postJson('push of a row without a new state', PUSH, { rows: [{ assumedMasterState: validState }] }, 400),
  postJson('push to an unknown collection', '/api/replication/secrets/push', pushRow(validState), 400),
  postJson('push without a token', PUSH, pushRow(validState), 401, 'nobody'),
  get('stream without a token', '/api/replication/stream', 401, 'nobody'),
  get('stream with an unknown token', '/api/replication/stream', 401, 'bogus'),
  get('file with an id that is not a UUID', '/api/files/not-a-uuid', 400),
  get('file with an unknown id', `/api/files/${UUID}`, 404),
  get(
    'photo of another agency’s client that is not shared',
    ({ hiddenPhotoId }) => `/api/files/${hiddenPhotoId}`,
    404,
  ),
  get('file without a token', `/api/files/${UUID}`, 401, 'nobody'),
  get('an address that serves nothing', '/api/nothing-here', 404),
  // Staff messages.
  postRaw('message with malformed JSON', SEND, '{"id":', 'application/json', 400),
  postRaw('message as plain text', SEND, 'Hello', 'text/plain', 415),
  postJson('message without fields', SEND, {}, 400),
  postJson('message with an id that is not a UUID', SEND, message({ id: 'msg-1' }), 400),
  postJson('message without a client', SEND, message({ clientId: undefined }), 400),
  postJson('message with a numeric thread', SEND, message({ threadId: 12 }), 400),
  postJson('message with a body that is not text', SEND, message({ html: { p: 'Hello' } }), 400),
  postJson('message over the length limit', SEND, message({ html: 'x'.repeat(2_000_001) }), 400),
  postJson('message that is empty once sanitized', SEND, message({ html: '<script>alert(1)</script>' }), 400),
  postJson('message to an unknown client', SEND, message({}), 404),
  postJson('message without a token', SEND, message({}), 401, 'nobody'),
  postJson('message with a portal token', SEND, message({}), 401, 'marcus'),
  // MY INFO.
  get('settings without a token', SETTINGS, 401, 'nobody'),
  get('settings with a portal token', SETTINGS, 401, 'marcus'),
  patchJson('settings change of nothing', SETTINGS, {}, 400),
  patchJson('settings change of an unknown setting', SETTINGS, { role: 'system_admin' }, 400),
  patchJson('settings change with text for true', SETTINGS, { allowClientContact: 'on' }, 400),
  patchJson('settings change of null', SETTINGS, null, 400),
  patchJson('settings change without a token', SETTINGS, { allowClientContact: false }, 401, 'nobody'),
  // Message pictures.
  postRaw('picture as plain text', UPLOAD, 'hello', 'text/plain', 415),
  postRaw('picture as JSON', UPLOAD, '{"image":"x"}', 'application/json', 415),
  postRaw('picture as SVG', UPLOAD, '<svg onload="alert(1)"/>', 'image/svg+xml', 415),
  postRaw('picture whose bytes are not a PNG', UPLOAD, 'GIF89a not a png at all', 'image/png', 415),
  postRaw('picture with no bytes', UPLOAD, '', 'image/png', 415),
  postRaw('picture without a token', UPLOAD, 'x', 'image/png', 401, 'nobody'),
  postRaw('picture from a portal client', UPLOAD, 'x', 'image/png', 401, 'marcus'),
  get('picture with an id that is not a UUID', '/api/attachments/not-a-uuid', 400),
  get('picture with an unknown id', `/api/attachments/${UUID}`, 404),
  get('picture with an unknown id, asked by a client', `/api/attachments/${UUID}`, 404, 'marcus'),
  get('picture without a token', `/api/attachments/${UUID}`, 401, 'nobody'),
  get('picture with an unknown token', `/api/attachments/${UUID}`, 401, 'bogus'),
  // Customer Portal.
  postRaw(
    'portal sign-in with malformed JSON',
    PORTAL_LOGIN,
    '{"username":',
    'application/json',
    400,
    'nobody',
  ),
  postJson('portal sign-in without a password', PORTAL_LOGIN, { username: 'marcus' }, 400, 'nobody'),
  postJson('portal sign-in with a list', PORTAL_LOGIN, ['marcus', 'Portal#2026'], 400, 'nobody'),
  postJson(
    'portal sign-in with a wrong password',
    PORTAL_LOGIN,
    { username: 'marcus', password: 'x' },
    401,
    'nobody',
  ),
  postJson('portal sign-out without a token', '/api/portal/auth/logout', {}, 401, 'nobody'),
  get('portal who-am-I with a staff token', '/api/portal/me', 401),
  get('portal who-am-I with an unknown token', '/api/portal/me', 401, 'bogus'),
  get('portal conversations without a token', '/api/portal/threads', 401, 'nobody'),
  get('portal conversation with an id that is not a UUID', '/api/portal/threads/42', 400, 'marcus'),
  get('portal conversation that does not exist', `/api/portal/threads/${UUID}`, 404, 'marcus'),
  postJson('portal reply without a body', `/api/portal/threads/${UUID}/messages`, {}, 400, 'marcus'),
  postJson(
    'portal reply with a numeric body',
    `/api/portal/threads/${UUID}/messages`,
    { html: 7 },
    400,
    'marcus',
  ),
  postJson(
    'portal reply in no conversation',
    `/api/portal/threads/${UUID}/messages`,
    { html: 'Hi' },
    404,
    'marcus',
  ),
  postJson('portal reply with a staff token', `/api/portal/threads/${UUID}/messages`, { html: 'Hi' }, 401),
  get('portal contacts with a staff token', '/api/portal/contacts', 401),
  postJson('portal message without a staff member', PORTAL_WRITE, { html: '<p>Hi</p>' }, 400, 'marcus'),
  postJson(
    'portal message with a bad id',
    PORTAL_WRITE,
    { id: 'x', staffId: UUID, html: 'Hi' },
    400,
    'marcus',
  ),
  postJson(
    'portal message to an unknown staff member',
    PORTAL_WRITE,
    { staffId: UUID, html: 'Hi' },
    403,
    'marcus',
  ),
  postJson('portal message that is empty', PORTAL_WRITE, { staffId: UUID, html: '<p> </p>' }, 400, 'marcus'),
  // Mass sending.
  postRaw('mass send with malformed JSON', MASS, '{"id":', 'application/json', 400),
  postJson('mass send without fields', MASS, {}, 400),
  postJson('mass send with an id that is not a UUID', MASS, massSend({ id: 'job-1' }), 400),
  postJson('mass send of an unknown kind', MASS, massSend({ kind: 'fax' }), 400),
  postJson('mass send to no one', MASS, massSend({ clientIds: [] }), 400),
  postJson('mass send with recipients that are not a list', MASS, massSend({ clientIds: OTHER_UUID }), 400),
  postJson('mass send to a client id that is not a UUID', MASS, massSend({ clientIds: ['client-7'] }), 400),
  postJson(
    'mass send to more clients than allowed',
    MASS,
    massSend({ clientIds: Array(20_001).fill(OTHER_UUID) }),
    400,
  ),
  postJson('mass send with a textual private flag', MASS, massSend({ private: 'yes' }), 400),
  postJson('mass message without a body', MASS, massSend({ html: undefined }), 400),
  postJson('mass message marked private', MASS, massSend({ private: true }), 400),
  postJson(
    'mass message that is empty once sanitized',
    MASS,
    massSend({ html: '<script>alert(1)</script>' }),
    400,
  ),
  postJson(
    'mass message too long to copy to everyone',
    MASS,
    massSend({ html: `<p>${'x'.repeat(250_000)}</p>` }),
    400,
  ),
  postJson('mass assessment without an assessment', MASS, massSend({ kind: 'assessment' }), 400),
  postJson(
    'mass assessment of an unknown assessment',
    MASS,
    massSend({ kind: 'assessment', assessmentDefinitionId: OTHER_UUID }),
    404,
  ),
  postJson(
    'mass document of an unknown category',
    MASS,
    massSend({ kind: 'document', documentCategoryId: OTHER_UUID, documentName: 'ID card' }),
    404,
  ),
  postJson(
    'mass document named Other without an Other Name',
    MASS,
    massSend({ kind: 'document', documentCategoryId: OTHER_UUID, documentName: 'Other' }),
    400,
  ),
  postJson('mass send without a token', MASS, massSend({}), 401, 'nobody'),
  postJson('mass send with a portal token', MASS, massSend({}), 401, 'marcus'),
  get('mass sends without a token', MASS, 401, 'nobody'),
  get('mass sends, zero of them', `${MASS}?limit=0`, 400),
  get('mass send with an id that is not a UUID', `${MASS}/job-1`, 400),
  get('mass send that does not exist', `${MASS}/${UUID}`, 404),
  get('mass send results from a negative offset', `${MASS}/${UUID}/results?offset=-1`, 400),
  get('mass send results, too many at once', `${MASS}/${UUID}/results?limit=20001`, 400),
  get('mass send results with a limit in words', `${MASS}/${UUID}/results?limit=ten`, 400),
  get('mass send results of a send that does not exist', `${MASS}/${UUID}/results`, 404),
  get('mass send results with a portal token', `${MASS}/${UUID}/results`, 401, 'marcus'),
  ...REQUEST_CASES,
];

describe('bad input to every endpoint', () => {
  let ts: TestServer;
  let casey: string;
  let marcus: string;
  let alex: string;
  let context: RequestCaseContext;

  beforeAll(async () => {
    ts = await startTestServer();
    casey = await signIn(ts.url, 'casey');
    marcus = await portalSignIn(ts.url, 'marcus');
    // Client 30 is Northside's and not shared, so casey (Harbor) may not see its photo.
    const photo = await ts.server.db.query<{ id: string }>(
      'SELECT photo_file_id::text AS id FROM clients WHERE id = $1::uuid',
      [idAt(await demoClientIds(ts.server.db), 30)],
    );
    const marcusId = idAt(await demoClientIds(ts.server.db), 0);
    const open = await ts.server.db.query<{ id: string }>(
      `SELECT id::text AS id FROM portal_requests WHERE client_id = $1::uuid AND status IN ('sent', 'viewed') LIMIT 1`,
      [marcusId],
    );
    context = { hiddenPhotoId: photo.rows[0]?.id ?? '', marcusId, openRequestId: open.rows[0]?.id ?? '' };
    expect(context.hiddenPhotoId).not.toBe('');
    expect(context.openRequestId).not.toBe('');
    alex = await signIn(ts.url, 'alex');
  });
  afterAll(() => ts.close());

  it('has a snapshot that notices a change (so "nothing changed" means something)', async () => {
    const before = await snapshotDatabase(ts.server.db);
    await signIn(ts.url, 'priya');
    const after = await snapshotDatabase(ts.server.db);
    expect(after.sessions).not.toBe(before.sessions);
    expect({ ...after, sessions: '' }).toEqual({ ...before, sessions: '' });
  });

  it.each(CASES)('$name: $status with a clear message, nothing changed', async (bad) => {
    const before = await snapshotDatabase(ts.server.db);
    const token = { casey, alex, marcus, nobody: undefined, bogus: 'a-token-the-server-never-issued' }[
      bad.who
    ];
    const path = typeof bad.path === 'string' ? bad.path : bad.path(context);
    const json: unknown =
      typeof bad.json === 'function'
        ? (bad.json as (given: RequestCaseContext) => unknown)(context)
        : bad.json;
    const response = await request(ts.url, path, {
      method: bad.method,
      ...(token === undefined ? {} : { token }),
      ...(json === undefined ? {} : { json }),
      ...(bad.raw ? { rawBody: bad.raw.body, headers: { 'content-type': bad.raw.contentType } } : {}),
    });
    expectErrorResponse(response, bad.status);
    expect(await snapshotDatabase(ts.server.db)).toEqual(before);
  });
});
