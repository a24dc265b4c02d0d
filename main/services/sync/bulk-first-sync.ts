import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  type BulkWriteRow,
  createRevision,
  deepEqual,
  getComposedPrimaryKeyOfDocumentData,
  getRxReplicationMetaInstanceSchema,
  now,
  type RxCollection,
  type RxDocumentData,
  type RxStorageInstance,
} from 'rxdb';
import {
  EMPTY_CHECKPOINT,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type ReplicationCheckpoint,
} from '../../../shared/replication/documents';
import { MAX_REPLICATION_BATCH, type PullResponse } from '../../../shared/replication/protocol';
import { RxStorageInstanceSqlite } from '../../cache/sqlite-storage/rx-storage-instance-sqlite';
import type { AgencyClient } from '../api/agency-client';

/**
 * Documents written per transaction during a first sync. Each commit encrypts and appends every
 * page it touched to the WAL, the indexes' pages included, so one commit per 1,000-document page
 * rewrites the same index pages over and over; measured on the bench's agency, 10,000 documents a
 * commit write the same rows in a third of the time of 1,000 (docs/architecture.md "First sync").
 * A transaction blocks the main process while it runs (a few hundred milliseconds), which bounds
 * it from above: the app must stay usable.
 */
const DOCS_PER_TRANSACTION = 10_000;

/** The page cache while a first sync writes (RxStorageInstanceSqlite.setPageCache): 128 MiB. */
const FIRST_SYNC_PAGE_CACHE_KIB = 131_072;

/**
 * Runs a first sync with a large page cache on the collection's file, restored afterwards. Only
 * memory the writes actually touch is taken, and it is given back when the fill ends.
 */
export async function withFirstSyncPageCache<T>(
  collection: RxCollection<unknown>,
  run: () => Promise<T>,
): Promise<T> {
  const fork = (collection.storageInstance as unknown as { originalStorageInstance?: unknown })
    .originalStorageInstance;
  if (!(fork instanceof RxStorageInstanceSqlite)) return run();
  RxStorageInstanceSqlite.setPageCache(fork, FIRST_SYNC_PAGE_CACHE_KIB);
  try {
    return await run();
  } finally {
    RxStorageInstanceSqlite.setPageCache(fork);
  }
}

/**
 * Runs a first sync into an empty collection with the table's indexes set aside and built once at
 * the end (RxStorageInstanceSqlite.setIndexesAsideForBulkLoad): at full scale every commit of the
 * fill otherwise rewrites nearly every page of every index. The build holds the main process for
 * a moment per index; the app's queries scan the table meanwhile.
 */
export async function withIndexesBuiltAtEnd<T>(
  collection: RxCollection<unknown>,
  run: () => Promise<T>,
): Promise<T> {
  const fork = (collection.storageInstance as unknown as { originalStorageInstance?: unknown })
    .originalStorageInstance;
  if (!(fork instanceof RxStorageInstanceSqlite) || !RxStorageInstanceSqlite.setIndexesAsideForBulkLoad(fork))
    return run();
  try {
    return await run();
  } finally {
    RxStorageInstanceSqlite.buildIndexesAfterBulkLoad(fork);
  }
}

type AnyInstance = RxStorageInstance<unknown, unknown, unknown, unknown>;
type ReplicationMeta = {
  id: string;
  isCheckpoint: '0' | '1';
  itemId: string;
  docData?: unknown;
  checkpointData?: unknown;
};

/**
 * The storage instance RxDB's replication keeps its bookkeeping in for this collection and
 * replication identifier (its checkpoints and, for pushed collections, the server state of each
 * document), opened as RxDB's replication plugin opens it. Close it when done.
 */
export async function openReplicationMeta(
  collection: RxCollection<unknown>,
  replicationIdentifier: string,
): Promise<AnyInstance> {
  const database = collection.database;
  const hash = await database.hashFunction([collection.name, replicationIdentifier].join('-'));
  return (await database.storage.createStorageInstance({
    databaseName: database.name,
    collectionName: `rx-replication-meta-${hash}`,
    databaseInstanceToken: database.token,
    multiInstance: database.multiInstance,
    options: {},
    schema: getRxReplicationMetaInstanceSchema(collection.schema.jsonSchema, false),
    devMode: false,
  })) as AnyInstance;
}

/** The checkpoint the replication stored, or undefined when it never pulled anything. */
export async function storedDownCheckpoint(meta: AnyInstance): Promise<ReplicationCheckpoint | undefined> {
  const id = getComposedPrimaryKeyOfDocumentData(meta.schema as never, { isCheckpoint: '1', itemId: 'down' });
  const [doc] = (await meta.findDocumentsById([id], false)) as unknown as ReplicationMeta[];
  return doc?.checkpointData as ReplicationCheckpoint | undefined;
}

export interface FirstSyncProgress {
  done: number;
  total: number;
}

/** A stored document without the storage's own fields, as replication compares documents. */
function docState(doc: unknown): Record<string, unknown> {
  const { _meta, _rev, _attachments, ...state } = doc as Record<string, unknown>;
  return state;
}

/**
 * A collection's first sync, straight into the storage (docs/architecture.md "First sync"): pages
 * are pulled one ahead of the writing, and every DOCS_PER_TRANSACTION documents are written in one
 * transaction together with RxDB's record of each document's server state (for collections the
 * desktop pushes; pull-only replications keep none). The caller then starts the collection's RxDB
 * replication at the returned checkpoint, and it carries on from there as if it had pulled all of
 * it itself. Documents with an unsent local edit are left alone. Writes go through the storage
 * instances, so the collection's queries (and the app's screens) see the documents arrive.
 * Returns where the fill got to: the checkpoint of the last document written, and the error
 * that stopped it early (the server went away: what arrived before is written, so the
 * replication carries on from there). The checkpoint is undefined when nothing was written or
 * the service stopped (the next start begins again; rows already written are compared and kept).
 */
export async function bulkFirstSync<C extends ReplicatedCollection>(options: {
  name: C;
  collection: RxCollection<ReplicatedDocs[C]>;
  client: AgencyClient;
  /** The replication's bookkeeping (openReplicationMeta); written only when `pushed`. */
  meta: AnyInstance;
  pushed: boolean;
  unsent: ReadonlySet<string>;
  onProgress(progress: FirstSyncProgress): void;
  stopped(): boolean;
}): Promise<{ checkpoint: ReplicationCheckpoint | undefined; error?: unknown }> {
  const { name, client } = options;
  let checkpoint = EMPTY_CHECKPOINT;
  let total = 0;
  let done = 0;
  let buffer: Record<string, unknown>[] = [];
  let next: Promise<PullResponse<C>> | undefined = client.pull(name, checkpoint, MAX_REPLICATION_BATCH);
  let written: ReplicationCheckpoint | undefined;
  while (next) {
    let page: PullResponse<C>;
    try {
      page = await next;
    } catch (error) {
      // Keep what arrived: the replication resumes after it instead of from the start.
      if (buffer.length > 0 && !options.stopped()) {
        await writeFirstSyncDocs(options, buffer);
        written = checkpoint;
      }
      return { checkpoint: written, error };
    }
    next = undefined;
    if (page.total !== undefined) {
      total = page.total;
      options.onProgress({ done, total });
    }
    checkpoint = page.checkpoint ?? checkpoint;
    const more = page.documents.length >= MAX_REPLICATION_BATCH;
    if (options.stopped()) return { checkpoint: undefined };
    // The next page is on its way while this one is written.
    if (more) {
      next = client.pull(name, checkpoint, MAX_REPLICATION_BATCH);
      // Awaited below; marked handled now, so a failure while this page is written is not an
      // unhandled rejection (which would end the process).
      next.catch(() => undefined);
    }
    buffer.push(...(page.documents as unknown as Record<string, unknown>[]));
    if (buffer.length >= DOCS_PER_TRANSACTION || !more) {
      await writeFirstSyncDocs(options, buffer);
      written = checkpoint;
      done += buffer.length;
      buffer = [];
      options.onProgress({ done, total: Math.max(total, done) });
      // Lets the app's own work (bridge calls, queries) run between transactions.
      await nextTurn();
    }
  }
  return { checkpoint };
}

async function writeFirstSyncDocs<C extends ReplicatedCollection>(
  options: {
    collection: RxCollection<ReplicatedDocs[C]>;
    meta: AnyInstance;
    pushed: boolean;
    unsent: ReadonlySet<string>;
  },
  docs: Record<string, unknown>[],
): Promise<void> {
  const { collection, meta, pushed, unsent } = options;
  const latest = new Map<string, Record<string, unknown>>();
  for (const doc of docs) if (!unsent.has(String(doc.id))) latest.set(String(doc.id), doc);
  const ids = [...latest.keys()];
  if (ids.length === 0) return;
  const fork = ((collection.storageInstance as unknown as { originalStorageInstance?: AnyInstance })
    .originalStorageInstance ?? collection.storageInstance) as AnyInstance;
  const token = collection.database.token;
  const existing = new Map(
    ((await fork.findDocumentsById(ids, true)) as Record<string, unknown>[]).map((doc) => [
      String(doc.id),
      doc,
    ]),
  );
  const time = now();
  const forkRows: BulkWriteRow<unknown>[] = [];
  const written: Record<string, unknown>[] = [];
  for (const [id, doc] of latest) {
    const previous = existing.get(id) as RxDocumentData<unknown> | undefined;
    // A deletion of something this cache never had leaves nothing to write.
    if (!previous && doc._deleted) continue;
    if (previous && deepEqual(docState(previous), doc)) continue;
    forkRows.push({
      previous,
      document: {
        ...doc,
        _attachments: {},
        _meta: { lwt: time },
        _rev: createRevision(token, previous),
      } as unknown as RxDocumentData<unknown>,
    });
    written.push(doc);
  }
  const metaRows = pushed ? await metaRowsFor(meta, written, token, time) : [];
  const writes = [
    { instance: fork, rows: forkRows, context: 'portico-first-sync' },
    { instance: meta, rows: metaRows, context: 'portico-first-sync-meta' },
  ].filter((write) => write.rows.length > 0);
  let responses: { error: { status: number }[] }[];
  if (writes.every((write) => write.instance instanceof RxStorageInstanceSqlite)) {
    responses = RxStorageInstanceSqlite.bulkWriteTogether(
      writes as {
        instance: RxStorageInstanceSqlite<unknown>;
        rows: BulkWriteRow<unknown>[];
        context: string;
      }[],
    );
  } else {
    // Another storage (none in the app): the same writes, one transaction each.
    responses = [];
    for (const write of writes) responses.push(await write.instance.bulkWrite(write.rows, write.context));
  }
  // A conflict means the document changed meanwhile (a live change, an edit): the replication,
  // which starts next, settles it. Anything else is a real failure.
  const failure = responses.flatMap((response) => response.error).find((error) => error.status !== 409);
  if (failure) throw new Error(`first sync could not write a document: ${JSON.stringify(failure)}`);
}

/** RxDB's "assumed master" rows: the server state of each document, as its downstream writes them. */
async function metaRowsFor(
  meta: AnyInstance,
  docs: Record<string, unknown>[],
  token: string,
  time: number,
): Promise<BulkWriteRow<unknown>[]> {
  const schema = meta.schema as never;
  const keyed = docs.map((doc) => ({
    doc,
    key: getComposedPrimaryKeyOfDocumentData(schema, { itemId: String(doc.id), isCheckpoint: '0' }),
  }));
  const previous = new Map(
    (
      (await meta.findDocumentsById(
        keyed.map(({ key }) => key),
        true,
      )) as unknown as (ReplicationMeta & RxDocumentData<unknown>)[]
    ).map((row) => [row.id, row]),
  );
  return keyed.map(({ doc, key }) => {
    const before = previous.get(key);
    return {
      previous: before,
      document: {
        ...(before ?? {}),
        id: key,
        isCheckpoint: '0',
        itemId: String(doc.id),
        docData: doc,
        _attachments: {},
        _deleted: false,
        _meta: { lwt: time },
        _rev: createRevision(token, before),
      } as unknown as RxDocumentData<unknown>,
    };
  });
}
