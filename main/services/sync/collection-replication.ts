import type { RxReplicationPullStreamItem } from 'rxdb';
import { type RxReplicationState, replicateRxCollection } from 'rxdb/plugins/replication';
import type { Observable } from 'rxjs';
import { BridgeError } from '../../../shared/bridge/envelope';
import {
  EMPTY_CHECKPOINT,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type ReplicationCheckpoint,
} from '../../../shared/replication/documents';
import { MAX_REPLICATION_BATCH, type PushRefusal, type PushRow } from '../../../shared/replication/protocol';
import type { AgencyClient } from '../api/agency-client';
import type { CacheCollections } from '../cache/open-cache';

export interface ReplicationCallbacks {
  /** The server answered: the connection works. */
  reachedServer(): void;
  /** A request failed because the server could not be reached. */
  unreachable(): void;
  /** The server refused the token. */
  unauthorized(): void;
  /** Rows of a push the server took or refused for good (not those left in conflict to merge). */
  pushSettled(collection: ReplicatedCollection, settledIds: string[], refusals: PushRefusal[]): void;
}

/**
 * The server's largest page. Each page is one transaction in the cache, and a commit costs far
 * more than the rows it writes (every touched index page is encrypted and appended to the WAL
 * again), so an initial sync of tens of thousands of records wants as few pages as it can get.
 */
const PULL_BATCH = MAX_REPLICATION_BATCH;
const PUSH_BATCH = 100;

async function guarded<T>(callbacks: ReplicationCallbacks, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    callbacks.reachedServer();
    return result;
  } catch (error) {
    if (error instanceof BridgeError && error.code === 'offline') callbacks.unreachable();
    if (error instanceof BridgeError && error.code === 'unauthorized') callbacks.unauthorized();
    throw error;
  }
}

/**
 * The collection's replication identifier: RxDB keeps its checkpoint and bookkeeping under it.
 * v2: checkpoints became (txid, seq) positions; a checkpoint kept under the old identifier
 * means nothing now, so every collection pulls once from the start instead.
 */
export function replicationIdentifierFor(name: ReplicatedCollection, baseUrl: string): string {
  return `portico-v2-${name}-${baseUrl}`;
}

/**
 * Replicates one cache collection with the agency server: checkpointed pulls, pushes whose
 * conflicts the collection's conflict handler merges, and the live stream's events.
 */
export function replicateCollection<C extends ReplicatedCollection>(options: {
  name: C;
  collection: CacheCollections[C];
  client: AgencyClient;
  stream$: Observable<RxReplicationPullStreamItem<ReplicatedDocs[C], ReplicationCheckpoint>>;
  pushEnabled: boolean;
  /** Adds what the collection's push needs beyond RxDB's rows (clients: each field's edit). */
  preparePush?: (rows: PushRow<C>[]) => Promise<PushRow<C>[]>;
  callbacks: ReplicationCallbacks;
  /** Where to start pulling when nothing is stored yet: the end of a bulk first sync. */
  initialCheckpoint?: ReplicationCheckpoint;
}): RxReplicationState<ReplicatedDocs[C], ReplicationCheckpoint> {
  const { name, client, callbacks } = options;
  const collection = options.collection as unknown as Parameters<
    typeof replicateRxCollection<ReplicatedDocs[C], ReplicationCheckpoint>
  >[0]['collection'];
  return replicateRxCollection<ReplicatedDocs[C], ReplicationCheckpoint>({
    replicationIdentifier: replicationIdentifierFor(name, client.baseUrl),
    collection,
    live: true,
    retryTime: 3000,
    waitForLeadership: false,
    toggleOnDocumentVisible: false,
    pull: {
      batchSize: PULL_BATCH,
      stream$: options.stream$,
      ...(options.initialCheckpoint ? { initialCheckpoint: options.initialCheckpoint } : {}),
      handler: (checkpoint, batchSize) =>
        guarded(callbacks, async () => {
          const from = checkpoint ?? EMPTY_CHECKPOINT;
          const page = await client.pull(name, from, batchSize);
          return { documents: page.documents, checkpoint: page.checkpoint ?? from };
        }),
    },
    push: options.pushEnabled
      ? {
          batchSize: PUSH_BATCH,
          handler: (rows) =>
            guarded(callbacks, async () => {
              const pushed = rows as PushRow<C>[];
              const answer = await client.push(
                name,
                options.preparePush ? await options.preparePush(pushed) : pushed,
              );
              const conflicted = new Set(answer.conflicts.map((doc) => doc.id));
              // Refused, or merged by the server itself: its state is final, nothing is left to push.
              const final = new Set([
                ...answer.refusals.map((refusal) => refusal.id),
                ...(answer.merged ?? []),
              ]);
              const settled = rows
                .map((row) => row.newDocumentState.id)
                .filter((id) => !conflicted.has(id) || final.has(id));
              callbacks.pushSettled(name, settled, answer.refusals);
              return answer.conflicts;
            }),
        }
      : undefined,
  });
}
