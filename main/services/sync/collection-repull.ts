import {
  deepEqual,
  getAssumedMasterState,
  getMetaWriteRow,
  type RxCollection,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb';
import {
  EMPTY_CHECKPOINT,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type ReplicationCheckpoint,
  type WithDeletedFlag,
} from '../../../shared/replication/documents';
import { MAX_REPLICATION_BATCH } from '../../../shared/replication/protocol';
import type { AgencyClient } from '../api/agency-client';

type Doc<C extends ReplicatedCollection> = WithDeletedFlag<ReplicatedDocs[C]>;

export interface RepullOutcome {
  /** Documents written again because the cache's copy was missing or differed from the server's. */
  rewritten: number;
  /** Live documents the cache held that the server no longer has for this desktop, now deleted. */
  removed: number;
  /** Where the re-pull ended. */
  checkpoint: ReplicationCheckpoint;
}

/** A stored document as RxDB's replication compares it: without the storage's own fields. */
function docState(doc: RxDocumentData<unknown>): Record<string, unknown> {
  const { _meta, _rev, _attachments, ...state } = doc as unknown as Record<string, unknown>;
  return state;
}

/**
 * Pulls one collection again from its start and makes the cache agree with the server, for the
 * checksum's repair (cache-integrity.ts). RxDB's own re-sync cannot do it: its downstream keeps any
 * cached document that differs from the last server state it recorded, taking it for a local edit
 * not yet pushed, and a row changed behind the storage's back looks exactly like that. So this
 * writes each document itself, through the collection's storage, with RxDB's bookkeeping beside it:
 * the replication's record of the server state ("assumed master") is written first and the cached
 * document second, both equal to the server's, so the push side sees nothing to send.
 *
 * Documents with an edit not yet accepted by the server (`unsent`) are left as they are: the
 * replication pushes them as usual. Live documents the server did not send (and not unsent) are
 * deleted the same way. Memory: the ids of the collection, nothing more.
 */
export async function repullCollection<C extends ReplicatedCollection>(options: {
  name: C;
  collection: RxCollection<ReplicatedDocs[C]>;
  client: AgencyClient;
  replication: RxStorageInstanceReplicationState<ReplicatedDocs[C]>;
  unsent: ReadonlySet<string>;
}): Promise<RepullOutcome> {
  const { name, collection, client, replication, unsent } = options;
  const fork = collection.storageInstance;
  const seen = new Set<string>();
  let rewritten = 0;
  let checkpoint = EMPTY_CHECKPOINT;
  for (;;) {
    const page = await client.pull(name, checkpoint, MAX_REPLICATION_BATCH);
    const docs = (page.documents as Doc<C>[]).filter((doc) => !unsent.has(doc.id));
    for (const doc of page.documents) seen.add(doc.id);
    rewritten += await writeServerStates(
      fork,
      replication,
      docs.map((doc) => doc as unknown as ReplicatedDocs[C] & { _deleted: boolean }),
    );
    checkpoint = page.checkpoint ?? checkpoint;
    if (page.documents.length < MAX_REPLICATION_BATCH) break;
  }

  // What the cache holds that the server did not send: removed, unless it is an unsent edit.
  const extras: (ReplicatedDocs[C] & { _deleted: boolean })[] = [];
  let after = '';
  for (;;) {
    const found = await collection
      .find({
        selector: { id: { $gt: after } } as never,
        sort: [{ id: 'asc' } as never],
        limit: 2_000,
      })
      .exec();
    for (const doc of found) {
      const data = doc.toMutableJSON() as unknown as ReplicatedDocs[C] & { id: string };
      after = data.id;
      if (!seen.has(data.id) && !unsent.has(data.id)) extras.push({ ...data, _deleted: true });
    }
    if (found.length < 2_000) break;
  }
  const removed = await writeServerStates(fork, replication, extras);
  return { rewritten, removed, checkpoint };
}

/**
 * Writes server states into the cache where the cached copy differs: the replication's record of
 * the server state first, then the document. Returns how many documents were written.
 */
async function writeServerStates<C extends ReplicatedCollection>(
  fork: RxCollection<ReplicatedDocs[C]>['storageInstance'],
  replication: RxStorageInstanceReplicationState<ReplicatedDocs[C]>,
  states: (ReplicatedDocs[C] & { _deleted: boolean })[],
): Promise<number> {
  if (states.length === 0) return 0;
  const ids = states.map((state) => (state as unknown as { id: string }).id);
  const [cached, assumed] = await Promise.all([
    fork.findDocumentsById(ids, true),
    getAssumedMasterState(replication, ids),
  ]);
  const cachedById = new Map(cached.map((doc) => [(doc as unknown as { id: string }).id, doc]));
  const metaRows = [];
  const forkRows = [];
  for (const state of states) {
    const id = (state as unknown as { id: string }).id;
    const current = cachedById.get(id);
    if (!current && state._deleted) continue;
    if (current && deepEqual(docState(current), state)) continue;
    metaRows.push(await getMetaWriteRow(replication, state as never, assumed[id]?.metaDocument));
    forkRows.push({
      previous: current,
      // The wrapped storage sets _rev and _meta.lwt for the write.
      document: { ...state, _attachments: {}, _meta: { lwt: 0 }, _rev: '' } as unknown as RxDocumentData<
        ReplicatedDocs[C]
      >,
    });
  }
  if (forkRows.length === 0) return 0;
  await replication.input.metaInstance.bulkWrite(metaRows, 'portico-checksum-repull-meta');
  const result = await fork.bulkWrite(forkRows, 'portico-checksum-repull');
  return forkRows.length - result.error.length;
}
