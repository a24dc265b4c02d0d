import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { Queryable } from '../../server/db/database';
import { todayInTimeZone } from '../../shared/domain/time-zone';
import type { RequestDoc } from '../../shared/replication/documents';
import { type ApiResponse, expectStatus, request } from './api';

/** A staff member's SEND REQUEST, as the desktop's outbox posts it; a new id unless one is given. */
export function sendRequest(
  baseUrl: string,
  token: string,
  body: Record<string, unknown> & { clientId: string; type: string },
): Promise<ApiResponse> {
  return request(baseUrl, '/api/requests', {
    method: 'POST',
    token,
    json: { id: randomUUID(), private: false, ...body },
  });
}

export async function sendRequestOk(
  baseUrl: string,
  token: string,
  body: Record<string, unknown> & { clientId: string; type: string },
): Promise<RequestDoc> {
  const response = await sendRequest(baseUrl, token, body);
  expectStatus(response, 201);
  return (response.body as { request: RequestDoc }).request;
}

/** An agency's catalog ids by name, read from the database (the demo seed's names). */
export async function catalogIds(
  db: Queryable,
  agencyName: string,
): Promise<{ assessments: Map<string, string>; categories: Map<string, string> }> {
  const rows = await db.query<{ kind: string; name: string; id: string }>(
    `SELECT 'assessment' AS kind, d.name, d.id::text AS id FROM assessment_definitions d
       JOIN agencies a ON a.id = d.agency_id WHERE a.name = $1
     UNION ALL
     SELECT 'category', c.name, c.id::text FROM document_categories c JOIN agencies a ON a.id = c.agency_id
      WHERE a.name = $1`,
    [agencyName],
  );
  const assessments = new Map<string, string>();
  const categories = new Map<string, string>();
  for (const row of rows.rows) (row.kind === 'assessment' ? assessments : categories).set(row.name, row.id);
  return { assessments, categories };
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}

export interface UploadPart {
  name: string;
  /** The file's bytes, or how many bytes of filler to send. */
  content: Uint8Array | number;
  contentType?: string;
}

/** `size` bytes of a recognisable pattern, so a download can be compared with what was sent. */
export function filler(size: number, seed = 7): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i < size; i += 4096) bytes[i] = (i / 4096 + seed) & 0xff;
  return bytes;
}

/**
 * Posts a multipart form over node:http so an answer the server gives before reading the whole
 * body (a refusal part way) still arrives. `chunked` omits the Content-Length, so only the
 * streamed bytes tell the server the size.
 */
export function postMultipart(
  baseUrl: string,
  path: string,
  options: {
    token?: string;
    fields?: Record<string, string>;
    files: UploadPart[];
    chunked?: boolean;
    headers?: Record<string, string>;
  },
): Promise<ApiResponse> {
  const boundary = `----portico-test-${randomUUID()}`;
  const pieces: Buffer[] = [];
  for (const [name, value] of Object.entries(options.fields ?? {}))
    pieces.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  for (const file of options.files) {
    pieces.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    pieces.push(typeof file.content === 'number' ? filler(file.content) : Buffer.from(file.content));
    pieces.push(Buffer.from('\r\n'));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(pieces);
  const headers: Record<string, string> = {
    'content-type': `multipart/form-data; boundary=${boundary}`,
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (!options.chunked) headers['content-length'] = String(body.byteLength);
  return sendRaw(new URL(path, baseUrl), headers, body);
}

function sendRaw(url: URL, headers: Record<string, string>, body: Buffer): Promise<ApiResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        const isJson = String(response.headers['content-type'] ?? '').includes('application/json');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers))
          if (typeof value === 'string') responseHeaders.set(name, value);
        resolve({
          status: response.statusCode ?? 0,
          headers: responseHeaders,
          body: isJson ? JSON.parse(text) : text,
        });
      });
    });
    // Writing after the server answered and closed fails; the answer is what the test wants.
    req.on('error', (error) => setTimeout(() => reject(error), 2000));
    const step = 256 * 1024;
    let offset = 0;
    const writeMore = (): void => {
      while (offset < body.byteLength) {
        const chunk = body.subarray(offset, offset + step);
        offset += step;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      req.end();
    };
    writeMore();
  });
}

/** Counts of what an upload could leave behind: files in the store, `files` rows, records. */
export async function storedCounts(
  db: Queryable,
  listStore: () => Promise<string[]>,
): Promise<{ store: number; files: number; records: number; recordFiles: number }> {
  const counts = await db.query<{ files: number; records: number; record_files: number }>(
    `SELECT (SELECT count(*)::int FROM files) AS files, (SELECT count(*)::int FROM client_records) AS records,
            (SELECT count(*)::int FROM record_files) AS record_files`,
  );
  const row = counts.rows[0];
  return {
    store: (await listStore()).length,
    files: row?.files ?? -1,
    records: row?.records ?? -1,
    recordFiles: row?.record_files ?? -1,
  };
}

/**
 * Puts an ROI on a client's record directly, as if signed earlier: dates relative to today in the
 * client's agency's time zone, the calendar the server's ROI rule uses for that agency's staff.
 */
export async function insertRoi(
  db: Queryable,
  clientId: string,
  roi: { startInDays: number; endInDays: number; active: boolean; agencyName?: string },
): Promise<string> {
  const zone = await db.query<{ time_zone: string }>(
    'SELECT a.time_zone FROM clients c JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1::uuid',
    [clientId],
  );
  const today = todayInTimeZone(need(zone.rows[0], 'client').time_zone);
  const day = (offset: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const result = await db.query<{ id: string }>(
    `INSERT INTO client_records (client_id, agency_id, kind, submitted_by, title, data)
     SELECT $1::uuid, coalesce((SELECT id FROM agencies WHERE name = $3), c.agency_id), 'roi', 'client',
            'Release of Information', $2::jsonb
       FROM clients c WHERE c.id = $1::uuid
     RETURNING id::text AS id`,
    [
      clientId,
      JSON.stringify({
        signedName: 'Test Client',
        signedDate: day(roi.startInDays),
        startDate: day(roi.startInDays),
        endDate: day(roi.endInDays),
        active: roi.active,
      }),
      roi.agencyName ?? null,
    ],
  );
  return need(result.rows[0]?.id, 'inserted ROI');
}
