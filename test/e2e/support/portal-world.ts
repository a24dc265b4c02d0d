import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { Queryable } from '../../../server/db/database';
import type { RequestType } from '../../../shared/domain/requests';

/*
 * What the Customer Portal's browser tests set up through the staff API, as a case manager's
 * desktop would: invitations, a message with a picture, a table and a link, and requests.
 */

async function call<T>(url: string, token: string, path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

const postJson = <T>(url: string, token: string, path: string, body?: unknown) =>
  call<T>(url, token, path, {
    method: 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

/** The link a client opens to join, as the staff member's desktop shows it. */
export async function inviteClient(url: string, token: string, clientId: string): Promise<string> {
  const answer = await postJson<{ inviteUrl: string }>(url, token, `/api/clients/${clientId}/portal/invite`);
  return answer.inviteUrl;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A small real PNG (a map-like picture: sky over a street grid), so the browser can draw it. */
export function picturePng(width = 480, height = 270): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const street = x % 60 < 6 || y % 45 < 5;
      const park = x > 300 && x < 420 && y > 90 && y < 200;
      const [r, g, b] = street ? [250, 250, 245] : park ? [140, 196, 128] : [222, 230, 236];
      row.set([r, g, b], 1 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', new Uint8Array()),
  ]);
}

/** A message using every kind of formatting a client must see: a picture, a table, a link, a list. */
export async function sendRichMessage(url: string, token: string, clientId: string): Promise<void> {
  const picture = await call<{ url: string }>(url, token, '/api/attachments', {
    method: 'POST',
    headers: { 'content-type': 'image/png' },
    body: new Uint8Array(picturePng()),
  });
  const html = [
    '<p>Hi! Here is the plan for <strong>Thursday</strong>. The map shows where we meet:</p>',
    `<p><img src="${picture.url}" alt="Map of the meeting place by the park"></p>`,
    '<table><tbody>',
    '<tr><td><strong>Time</strong></td><td><strong>What</strong></td><td><strong>Where</strong></td></tr>',
    '<tr><td>9:30 AM</td><td>Housing interview</td><td>Harbor Light office, 2nd floor, room 204</td></tr>',
    '<tr><td>11:00 AM</td><td>Pick up bus pass</td><td>Front desk</td></tr>',
    '</tbody></table>',
    '<ul><li>Bring your ID</li><li>Bring the letter from the clinic</li></ul>',
    '<p>Bus times are on <a href="https://example.org/bus">the transit site</a>.</p>',
  ].join('');
  await postJson(url, token, '/api/messages', { id: randomUUID(), clientId, threadId: null, html });
}

export interface CatalogIds {
  assessmentId: string;
  categoryId: string;
  documentName: string;
}

/** A portal-enabled assessment and a document category of the staff member's agency. */
export async function catalogOf(
  db: Queryable,
  staffUsername: string,
  assessment: string,
): Promise<CatalogIds> {
  const result = await db.query<{ assessment_id: string; category_id: string; names: string[] }>(
    `SELECT ad.id::text AS assessment_id, dc.id::text AS category_id, dc.predefined_names AS names
       FROM users u
       JOIN assessment_definitions ad ON ad.agency_id = u.agency_id AND ad.name = $2 AND ad.portal_enabled
       JOIN document_categories dc ON dc.agency_id = u.agency_id AND dc.active
                                  AND jsonb_array_length(dc.predefined_names) > 0
      WHERE u.username = $1 ORDER BY dc.name LIMIT 1`,
    [staffUsername, assessment],
  );
  const row = result.rows[0];
  if (!row?.names[0]) throw new Error(`no catalog for ${staffUsername}`);
  return { assessmentId: row.assessment_id, categoryId: row.category_id, documentName: row.names[0] };
}

/** Sends one request to a client through the staff API; its id. */
export async function sendRequest(
  url: string,
  token: string,
  clientId: string,
  type: RequestType,
  catalog: CatalogIds,
): Promise<string> {
  const id = randomUUID();
  await postJson(url, token, '/api/requests', {
    id,
    clientId,
    type,
    private: false,
    ...(type === 'assessment' ? { assessmentDefinitionId: catalog.assessmentId } : {}),
    ...(type === 'document'
      ? { documentCategoryId: catalog.categoryId, documentName: catalog.documentName }
      : {}),
  });
  return id;
}
