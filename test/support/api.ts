import type {
  ReplicatedCollection,
  ReplicatedDocs,
  ReplicationCheckpoint,
  WithDeletedFlag,
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
  const query = `seq=${from.seq}&id=${encodeURIComponent(from.id)}&limit=${limit}`;
  const response = await request(baseUrl, `/api/replication/${collection}/pull?${query}`, { token });
  expectStatus(response, 200);
  return response.body as PullResponse<C>;
}

export interface PullResult<C extends ReplicatedCollection> {
  documents: Doc<C>[];
  /** Where the next pull starts: the last page's checkpoint, or the starting one when nothing came. */
  checkpoint: ReplicationCheckpoint;
  pages: number;
}

/**
 * Pulls the way a desktop does: page after page from each page's checkpoint, until a page comes
 * back with fewer documents than asked for. Checks that sequences only ever increase.
 */
export async function pullAll<C extends ReplicatedCollection>(
  baseUrl: string,
  token: string,
  collection: C,
  options: { limit?: number; from?: ReplicationCheckpoint } = {},
): Promise<PullResult<C>> {
  const limit = options.limit ?? 200;
  let checkpoint = options.from ?? { seq: 0, id: '' };
  const documents: Doc<C>[] = [];
  for (let pages = 1; ; pages++) {
    const page = await pullPage(baseUrl, token, collection, checkpoint, limit);
    for (const doc of page.documents) {
      if (doc.serverSeq <= checkpoint.seq)
        throw new Error(`pull went backwards: seq ${doc.serverSeq} after checkpoint ${checkpoint.seq}`);
      checkpoint = { seq: doc.serverSeq, id: doc.id };
      documents.push(doc);
    }
    if (page.documents.length > 0 && page.checkpoint?.seq !== checkpoint.seq)
      throw new Error(`page checkpoint ${JSON.stringify(page.checkpoint)} is not its last document`);
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
