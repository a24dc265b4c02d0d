import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../server/db/database';
import type { MassSendJobView, MassSendResult } from '../../shared/domain/mass-send';
import { type ApiResponse, expectStatus, request } from './api';
import { waitUntil } from './wait';

export interface MassSendBody {
  id?: string;
  kind?: string;
  clientIds: string[];
  html?: string;
  private?: boolean;
  [field: string]: unknown;
}

/** POST /api/mass-sends with a message by default; a new job id unless one is given. */
export function postMassSend(baseUrl: string, token: string, body: MassSendBody): Promise<ApiResponse> {
  return request(baseUrl, '/api/mass-sends', {
    method: 'POST',
    token,
    json: { id: randomUUID(), kind: 'message', private: false, ...body },
  });
}

/** Submits a job and expects it accepted (202). */
export async function startMassSend(
  baseUrl: string,
  token: string,
  body: MassSendBody,
): Promise<MassSendJobView> {
  const response = await postMassSend(baseUrl, token, body);
  expectStatus(response, 202);
  return (response.body as { job: MassSendJobView }).job;
}

export async function jobOf(baseUrl: string, token: string, id: string): Promise<MassSendJobView> {
  const response = await request(baseUrl, `/api/mass-sends/${id}`, { token });
  expectStatus(response, 200);
  return (response.body as { job: MassSendJobView }).job;
}

/** Polls the job until the server has finished it. */
export async function finishedJob(
  baseUrl: string,
  token: string,
  id: string,
  timeoutMs = 30_000,
): Promise<MassSendJobView> {
  let job: MassSendJobView | undefined;
  await waitUntil(
    async () => {
      job = await jobOf(baseUrl, token, id);
      return job.status === 'done' || job.status === 'failed';
    },
    `mass send ${id} finished`,
    timeoutMs,
  );
  if (!job) throw new Error('no job');
  return job;
}

export async function resultsOf(
  baseUrl: string,
  token: string,
  id: string,
  page = { offset: 0, limit: 20_000 },
): Promise<MassSendResult[]> {
  const response = await request(
    baseUrl,
    `/api/mass-sends/${id}/results?offset=${page.offset}&limit=${page.limit}`,
    { token },
  );
  expectStatus(response, 200);
  return (response.body as { results: MassSendResult[] }).results;
}

/**
 * Clients made straight in the database, many at once: `count` clients of `agency`, named
 * "<prefix> <n>", with an active portal account when `connected`.
 */
export async function insertClients(
  db: Queryable,
  options: { agency: string; count: number; prefix: string; connected: boolean; shared?: boolean },
): Promise<string[]> {
  const created = await db.query<{ id: string }>(
    `INSERT INTO clients (agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth, shared)
     SELECT a.id, $2, $2 || ' ' || g, lower($2), lower($2) || ' ' || g, DATE '1990-01-01', $4
       FROM agencies a CROSS JOIN generate_series(1, $3::int) AS g
      WHERE a.name = $1
      ORDER BY g
     RETURNING id::text AS id`,
    [options.agency, options.prefix, options.count, options.shared ?? true],
  );
  const ids = created.rows.map((row) => row.id);
  if (ids.length !== options.count) throw new Error(`agency ${options.agency} not found`);
  if (options.connected) await connectClients(db, ids);
  return ids;
}

/** Gives clients an active portal account each (usernames from their ids). */
export async function connectClients(db: Queryable, ids: readonly string[]): Promise<void> {
  await db.query(
    `INSERT INTO client_accounts (client_id, username, password_hash)
     SELECT id, 'm' || replace(id::text, '-', ''), 'not-a-real-hash' FROM unnest($1::uuid[]) AS id`,
    [ids],
  );
}

/** How many messages each client has, by client id. */
export async function messageCounts(
  db: Queryable,
  clientIds: readonly string[],
): Promise<Map<string, number>> {
  const result = await db.query<{ client_id: string; count: number }>(
    `SELECT client_id::text AS client_id, count(*)::int AS count FROM messages
      WHERE client_id = ANY($1::uuid[]) GROUP BY client_id`,
    [clientIds],
  );
  return new Map(result.rows.map((row) => [row.client_id, row.count]));
}
