/*
 * The bad-input table's cases for requests, records, uploads and agency administration
 * (bad-input.test.ts runs them with everything else). Each must answer 4xx with {error, message}
 * and change nothing.
 */

/** Ids only known once the server runs. */
export interface RequestCaseContext {
  hiddenPhotoId: string;
  /** Marcus (Harbor client 0): shared, with an active ROI and an open request of his own. */
  marcusId: string;
  openRequestId: string;
}

type Who = 'casey' | 'alex' | 'marcus' | 'nobody' | 'bogus';
type Path = string | ((context: RequestCaseContext) => string);

export interface RequestCase {
  name: string;
  method: 'GET' | 'POST' | 'PATCH';
  path: Path;
  status: number;
  who: Who;
  json?: unknown | ((context: RequestCaseContext) => unknown);
  raw?: { body: string; contentType: string };
}

const UUID = '5b6f2c1e-8d3a-4f4b-9a7e-2c1d0e9f8a7b';
const OTHER_UUID = '0b0c9a53-2f1e-4c55-8a7a-0d3f6f1f2a11';

const get = (name: string, path: Path, status: number, who: Who = 'casey'): RequestCase => ({
  name,
  method: 'GET',
  path,
  status,
  who,
});
const postJson = (
  name: string,
  path: Path,
  json: RequestCase['json'],
  status: number,
  who: Who = 'casey',
) => ({
  name,
  method: 'POST' as const,
  path,
  status,
  who,
  json,
});
const patchJson = (
  name: string,
  path: Path,
  json: unknown,
  status: number,
  who: Who = 'alex',
): RequestCase => ({
  ...postJson(name, path, json, status, who),
  method: 'PATCH',
});
const postRaw = (
  name: string,
  path: Path,
  body: string,
  contentType: string,
  status: number,
  who: Who = 'casey',
): RequestCase => ({ name, method: 'POST', path, status, who, raw: { body, contentType } });

const BOUNDARY = 'portico-bad-input';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const field = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string, content: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\n` +
  `Content-Type: application/octet-stream\r\n\r\n${content}\r\n`;
const form = (...parts: string[]) => `${parts.join('')}--${BOUNDARY}--\r\n`;

const SEND = '/api/requests';
const send = (changes: Record<string, unknown>) => (context: RequestCaseContext) => ({
  id: UUID,
  clientId: context.marcusId,
  type: 'location',
  private: false,
  ...changes,
});
const documents = (context: RequestCaseContext) => `/api/clients/${context.marcusId}/documents`;
const staffForm = form(
  field('categoryId', OTHER_UUID),
  field('name', 'Lease'),
  field('private', 'false'),
  file('a.txt', 'hi'),
);
const ASSESSMENTS = '/api/admin/assessments';
const CATEGORIES = '/api/admin/document-categories';
const SETTINGS = '/api/admin/agency-settings';
const fulfil = (what: string) => (context: RequestCaseContext) =>
  `/api/portal/requests/${context.openRequestId}/${what}`;

export const REQUEST_CASES: RequestCase[] = [
  // Staff sending requests.
  postRaw('request with malformed JSON', SEND, '{"id":', 'application/json', 400),
  postRaw('request as plain text', SEND, 'roi', 'text/plain', 415),
  postJson('request without fields', SEND, {}, 400),
  postJson('request with an id that is not a UUID', SEND, send({ id: 'req-1' }), 400),
  postJson('request of an unknown type', SEND, send({ type: 'photo' }), 400),
  postJson('request with text for the private toggle', SEND, send({ private: 'yes' }), 400),
  postJson('assessment request without an assessment', SEND, send({ type: 'assessment' }), 400),
  postJson(
    'assessment request for an unknown assessment',
    SEND,
    send({ type: 'assessment', assessmentDefinitionId: UUID }),
    404,
  ),
  postJson(
    'document request without a category',
    SEND,
    send({ type: 'document', documentName: 'Lease' }),
    400,
  ),
  postJson(
    'document request for “Other” without an Other Name',
    SEND,
    send({ type: 'document', documentCategoryId: OTHER_UUID, documentName: 'Other' }),
    400,
  ),
  postJson('ROI request for a client whose ROI is in force', SEND, send({ type: 'roi' }), 409),
  postJson('request to an unknown client', SEND, send({ clientId: OTHER_UUID }), 404),
  postJson('request without a token', SEND, send({}), 401, 'nobody'),
  postJson('request with a portal token', SEND, send({}), 401, 'marcus'),
  // Staff adding documents.
  postRaw('document as JSON', documents, '{"name":"Lease"}', 'application/json', 415),
  postRaw(
    'document as a URL-encoded form',
    documents,
    'name=Lease',
    'application/x-www-form-urlencoded',
    415,
  ),
  postRaw('document without a token', documents, staffForm, MULTIPART, 401, 'nobody'),
  postRaw('document with a portal token', documents, staffForm, MULTIPART, 401, 'marcus'),
  postRaw(
    'document for a client id that is not a UUID',
    '/api/clients/42/documents',
    staffForm,
    MULTIPART,
    400,
  ),
  postRaw('document for an unknown client', `/api/clients/${UUID}/documents`, staffForm, MULTIPART, 404),
  postRaw('document with an unknown category', documents, staffForm, MULTIPART, 400),
  postRaw(
    'document without files',
    documents,
    form(field('categoryId', OTHER_UUID), field('name', 'Lease'), field('private', 'false')),
    MULTIPART,
    400,
  ),
  postRaw(
    'document without a name',
    documents,
    form(field('categoryId', OTHER_UUID), file('a.txt', 'hi')),
    MULTIPART,
    400,
  ),
  postRaw(
    'document with an empty file',
    documents,
    form(field('name', 'Lease'), file('a.txt', '')),
    MULTIPART,
    400,
  ),
  postRaw(
    'document with an unexpected field',
    documents,
    form(field('role', 'admin'), file('a.txt', 'hi')),
    MULTIPART,
    400,
  ),
  postRaw(
    'document cut off mid-upload',
    documents,
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a"\r\n\r\nhal`,
    MULTIPART,
    400,
  ),
  postRaw('document whose form has no boundary', documents, 'hello', 'multipart/form-data', 400),
  // Record files.
  get('record file with ids that are not UUIDs', '/api/records/1/files/2', 400),
  get('record file that does not exist', `/api/records/${UUID}/files/${OTHER_UUID}`, 404),
  get(
    'record file that does not exist, asked by a client',
    `/api/records/${UUID}/files/${OTHER_UUID}`,
    404,
    'marcus',
  ),
  get('record file without a token', `/api/records/${UUID}/files/${OTHER_UUID}`, 401, 'nobody'),
  get('record file with an unknown token', `/api/records/${UUID}/files/${OTHER_UUID}`, 401, 'bogus'),
  // Agency administration.
  postJson('assessment created by a staff member', ASSESSMENTS, { name: 'X', fields: [] }, 403),
  postJson('assessment created with a portal token', ASSESSMENTS, { name: 'X', fields: [] }, 401, 'marcus'),
  postRaw('assessment with malformed JSON', ASSESSMENTS, '{"name":', 'application/json', 400, 'alex'),
  postJson('assessment without fields', ASSESSMENTS, { name: 'Intake' }, 400, 'alex'),
  postJson(
    'assessment with fields that are not a list',
    ASSESSMENTS,
    { name: 'Intake', fields: 'all' },
    400,
    'alex',
  ),
  postJson(
    'assessment with a select field without options',
    ASSESSMENTS,
    { name: 'Intake', fields: [{ key: 'a', label: 'A', type: 'select' }] },
    400,
    'alex',
  ),
  patchJson('assessment change with an id that is not a UUID', `${ASSESSMENTS}/7`, { active: false }, 400),
  patchJson('assessment change of an unknown assessment', `${ASSESSMENTS}/${UUID}`, { active: false }, 404),
  patchJson('assessment change of nothing', `${ASSESSMENTS}/${UUID}`, {}, 400),
  patchJson('assessment change by a staff member', `${ASSESSMENTS}/${UUID}`, { active: false }, 403, 'casey'),
  postJson(
    'category with “Other” as a predefined name',
    CATEGORIES,
    { name: 'Legal', predefinedNames: ['Other'] },
    400,
    'alex',
  ),
  postJson('category without predefined names', CATEGORIES, { name: 'Legal' }, 400, 'alex'),
  patchJson('category change of an unknown category', `${CATEGORIES}/${UUID}`, { name: 'Legal' }, 404),
  patchJson('category change with a numeric name', `${CATEGORIES}/${UUID}`, { name: 7 }, 400),
  patchJson('ROI term of zero days', SETTINGS, { roiTermDays: 0 }, 400),
  patchJson('ROI term in words', SETTINGS, { roiTermDays: 'a year' }, 400),
  patchJson('ROI term for an unknown setting', SETTINGS, { roiTermDays: 30, theme: 'dark' }, 400),
  patchJson('ROI term by a staff member', SETTINGS, { roiTermDays: 30 }, 403, 'casey'),
  patchJson('time zone that does not exist', SETTINGS, { timeZone: 'Mars/Olympus_Mons' }, 400, 'alex'),
  patchJson('time zone with SQL in it', SETTINGS, { timeZone: "UTC'; DROP TABLE agencies; --" }, 400, 'alex'),
  patchJson('agency settings with nothing to change', SETTINGS, {}, 400, 'alex'),
  postJson('private ROI request', SEND, send({ type: 'roi', private: true }), 400),
  // The Customer Portal's requests.
  get('portal requests without a token', '/api/portal/requests', 401, 'nobody'),
  get('portal requests with a staff token', '/api/portal/requests', 401),
  get('portal request with an id that is not a UUID', '/api/portal/requests/42', 400, 'marcus'),
  get('portal request that does not exist', `/api/portal/requests/${UUID}`, 404, 'marcus'),
  postJson(
    'assessment answers without answers',
    fulfil('assessment'),
    { assessmentDate: '2026-01-01' },
    400,
    'marcus',
  ),
  postJson(
    'assessment answers as a list',
    fulfil('assessment'),
    { assessmentDate: '2026-01-01', answers: ['a'] },
    400,
    'marcus',
  ),
  postJson(
    'assessment answers with a bad date',
    fulfil('assessment'),
    { assessmentDate: 'today', answers: {} },
    400,
    'marcus',
  ),
  postJson(
    'assessment answers for a request that does not exist',
    `/api/portal/requests/${UUID}/assessment`,
    { assessmentDate: '2026-01-01', answers: {} },
    404,
    'marcus',
  ),
  postJson(
    'assessment answers missing required ones',
    fulfil('assessment'),
    { assessmentDate: '2026-01-01', answers: {} },
    400,
    'marcus',
  ),
  postJson('location with neither address nor coordinates', fulfil('location'), {}, 400, 'marcus'),
  postJson(
    'location with a latitude out of range',
    fulfil('location'),
    { latitude: 91, longitude: 0 },
    400,
    'marcus',
  ),
  postJson('location as the wrong kind of answer', fulfil('location'), { address: 'Library' }, 400, 'marcus'),
  postJson(
    'signature without a typed name',
    fulfil('roi'),
    { signedName: ' ', signedDate: '2026-01-01' },
    400,
    'marcus',
  ),
  postJson('signature with a staff token', fulfil('roi'), { signedName: 'M', signedDate: '2026-01-01' }, 401),
  postJson(
    'signature dated in 1990',
    fulfil('roi'),
    { signedName: 'Marcus Johnson', signedDate: '1990-01-01' },
    400,
    'marcus',
  ),
  postRaw(
    'documents for a request that does not exist',
    `/api/portal/requests/${UUID}/documents`,
    form(file('a.txt', 'hi')),
    MULTIPART,
    404,
    'marcus',
  ),
  postRaw(
    'documents for the wrong kind of request',
    fulfil('documents'),
    form(file('a.txt', 'hi')),
    MULTIPART,
    400,
    'marcus',
  ),
  postRaw(
    'documents without a token',
    fulfil('documents'),
    form(file('a.txt', 'hi')),
    MULTIPART,
    401,
    'nobody',
  ),
  postRaw(
    'unasked document as JSON',
    '/api/portal/documents',
    '{"name":"ID"}',
    'application/json',
    415,
    'marcus',
  ),
  postRaw(
    'unasked document without a name',
    '/api/portal/documents',
    form(file('a.txt', 'hi')),
    MULTIPART,
    400,
    'marcus',
  ),
  postRaw(
    'unasked document without files',
    '/api/portal/documents',
    form(field('name', 'ID')),
    MULTIPART,
    400,
    'marcus',
  ),
  postRaw(
    'unasked document with a staff token',
    '/api/portal/documents',
    form(field('name', 'ID'), file('a.txt', 'hi')),
    MULTIPART,
    401,
  ),
];
