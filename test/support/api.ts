import type { Queryable } from '../../server/db/database';
import {
  EMPTY_CHECKPOINT,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type ReplicationCheckpoint,
  type WithDeletedFlag,
} from '../../shared/replication/documents';
import type { PullResponse, PushResponse, PushRow } from '../../shared/replication/protocol';

/** What a test needs from an HTTP answer: the status and the parsed JSON body (or raw text). */
export interface ApiResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RequestOptions {
  method?: string;
  token?: string;
  /** Sent as JSON with the JSON content type. */
  json?: unknown;
  /** Sent as is, for malformed bodies; give the content type in `headers`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export async function request(
  baseUrl: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.json !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.json);
  }
  const response = await fetch(`${baseUrl}${path}`, { method: options.method ?? 'GET', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  if (response.headers.get('content-type')?.includes('application/json')) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Fails with the server's answer in the message, so a broken test says what came back. */
export function expectStatus(response: ApiResponse, status: number): void {
  if (response.status !== status)
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
}

export type Doc<C extends ReplicatedCollection> = WithDeletedFlag<ReplicatedDocs[C]>;

export async function pullPage<C extends ReplicatedCollection>(
  baseUrl: string,
  token: string,
  collection: C,
  from: ReplicationCheckpoint,
  limit: number,
): Promise<PullResponse<C>> {
  const query = `txid=${from.txid}&seq=${from.seq}&limit=${limit}`;
  const response = await request(baseUrl, `/api/replication/${collection}/pull?${query}`, { token });
  expectStatus(response, 200);
  return response.body as PullResponse<C>;
}

/** Whether position `a` comes after position `b` (transaction id first, then seq). */
export function isAfter(a: ReplicationCheckpoint, b: ReplicationCheckpoint): boolean {
  return a.txid > b.txid || (a.txid === b.txid && a.seq > b.seq);
}

/** The position of one replicated row, as a checkpoint ending at it. */
export async function positionOf(db: Queryable, table: string, id: string): Promise<ReplicationCheckpoint> {
  const result = await db.query<ReplicationCheckpoint>(`SELECT txid, seq FROM ${table} WHERE id = $1::uuid`, [
    id,
  ]);
  const row = result.rows[0];
  if (!row) throw new Error(`no ${table} row ${id}`);
  return row;
}

/** The position of the latest row of `table`: a checkpoint after everything in it so far. */
export async function latestPosition(db: Queryable, table: string): Promise<ReplicationCheckpoint> {
  const result = await db.query<ReplicationCheckpoint>(
    `SELECT txid, seq FROM ${table} ORDER BY txid DESC, seq DESC LIMIT 1`,
  );
  return result.rows[0] ?? EMPTY_CHECKPOINT;
}

export interface PullResult<C extends ReplicatedCollection> {
  documents: Doc<C>[];
  /** Where the next pull starts: the last page's checkpoint, or the starting one when nothing came. */
  checkpoint: ReplicationCheckpoint;
  pages: number;
}

/**
 * Pulls the way a desktop does: page after page from each page's checkpoint, until a page comes
 * back with fewer documents than asked for. Checks that checkpoints only ever move forward.
 */
export async function pullAll<C extends ReplicatedCollection>(
  baseUrl: string,
  token: string,
  collection: C,
  options: { limit?: number; from?: ReplicationCheckpoint } = {},
): Promise<PullResult<C>> {
  const limit = options.limit ?? 200;
  let checkpoint = options.from ?? EMPTY_CHECKPOINT;
  const documents: Doc<C>[] = [];
  for (let pages = 1; ; pages++) {
    const page = await pullPage(baseUrl, token, collection, checkpoint, limit);
    documents.push(...page.documents);
    if (page.documents.length > 0) {
      if (!page.checkpoint || !isAfter(page.checkpoint, checkpoint))
        throw new Error(
          `pull went backwards: ${JSON.stringify(page.checkpoint)} after ${JSON.stringify(checkpoint)}`,
        );
      checkpoint = page.checkpoint;
    }
    if (page.documents.length < limit) return { documents, checkpoint, pages };
    if (pages > 1000) throw new Error('pull never ended');
  }
}

export async function push<C extends ReplicatedCollection>(
  baseUrl: string,
  token: string,
  collection: C,
  rows: PushRow<C>[],
): Promise<PushResponse<C>> {
  const response = await request(baseUrl, `/api/replication/${collection}/push`, {
    method: 'POST',
    token,
    json: { rows },
  });
  expectStatus(response, 200);
  return response.body as PushResponse<C>;
}

/** The current server copy of one client as `viewer` sees it (a full pull; the demo is small). */
export async function currentClient(baseUrl: string, token: string, id: string): Promise<Doc<'clients'>> {
  const { documents } = await pullAll(baseUrl, token, 'clients', { limit: 1000 });
  const doc = documents.find((candidate) => candidate.id === id);
  if (!doc) throw new Error(`client ${id} is not in the pull`);
  return doc;
}

/** Pushes an edit of one client made on top of `base`, as a desktop would. */
export function editClient(
  baseUrl: string,
  token: string,
  base: Doc<'clients'>,
  changes: Partial<Record<keyof Doc<'clients'>, unknown>>,
): Promise<PushResponse<'clients'>> {
  const edited = { ...base, ...changes } as Doc<'clients'>;
  return push(baseUrl, token, 'clients', [{ assumedMasterState: base, newDocumentState: edited }]);
}
