import { getLastCheckpointDoc } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import type { SyncStatus } from '../../../shared/domain/views';
import {
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type ReplicationCheckpoint,
} from '../../../shared/replication/documents';
import type { AgencyClient } from '../api/agency-client';
import type { CacheDatabase } from '../cache/open-cache';
import { localChecksum } from './collection-checksum';
import { repullCollection } from './collection-repull';

type AnyReplication = RxReplicationState<ReplicatedDocs[ReplicatedCollection], ReplicationCheckpoint>;
type Integrity = SyncStatus['integrity'];

/**
 * How often a settled, online desktop compares again. Each comparison reads every document of the
 * cache and costs the server one aggregate over what the viewer may see, so it is not repeated
 * for every live change: the first settle of a session, then at most every 30 minutes, and
 * whenever the person presses Sync now.
 */
const CHECK_INTERVAL_MS = 30 * 60_000;
const MAX_REPAIRS_SHOWN = 20;

type Outcome = 'match' | 'repaired' | 'still-differs' | 'not-comparable';

/**
 * Proves the cache holds what the server says it should (docs/architecture.md "Checksums"): once
 * a sync has settled, each collection's checksum at its checkpoint is compared with the server's.
 * A collection that differs is pulled again from its start (collection-repull.ts): documents that
 * differ from the server's are rewritten, missing ones written, ones the server no longer sends
 * removed; documents with an edit not yet accepted by the server are kept for the push.
 * A collection still differing after its re-pull (a document the server never sends, such as one
 * it has no row for) is logged and left until the next session, so a mismatch cannot loop.
 */
export class CacheIntegrity {
  private running = false;
  /** A sync settled while a comparison ran (a re-pull's own, say): look again when it ends. */
  private settledWhileRunning = false;
  private due = true;
  private lastRunAt = 0;
  private readonly repulled = new Set<ReplicatedCollection>();
  private state: Integrity = { checkedAt: null, repairs: [] };

  constructor(
    private readonly db: CacheDatabase,
    private readonly client: AgencyClient,
    private readonly replications: ReadonlyMap<ReplicatedCollection, AnyReplication>,
    private readonly onChange: () => void,
    /** Ids of documents with an edit the server has not accepted yet: a re-pull keeps them. */
    private readonly unsentIds: (collection: ReplicatedCollection) => ReadonlySet<string>,
    private readonly now: () => number = Date.now,
  ) {}

  get status(): Integrity {
    return this.state;
  }

  /** "Sync now": compare again once this sync settles, however recent the last comparison. */
  requestCheck(): void {
    this.due = true;
  }

  /** Called whenever every replication is idle and online. */
  settled(): void {
    if (this.running) {
      this.settledWhileRunning = true;
      return;
    }
    if (!this.due && this.now() - this.lastRunAt < CHECK_INTERVAL_MS) return;
    this.running = true;
    this.due = false;
    void this.checkAll()
      .catch((error: unknown) => {
        // A comparison that could not finish (offline, signed out) is tried again at the next settle.
        this.due = true;
        console.warn('cache checksum: comparison did not finish', error);
      })
      .finally(() => {
        this.running = false;
        this.lastRunAt = this.now();
        if (this.settledWhileRunning) {
          this.settledWhileRunning = false;
          this.settled();
        }
      });
  }

  private async checkAll(): Promise<void> {
    let complete = true;
    for (const name of REPLICATED_COLLECTIONS) {
      const replication = this.replications.get(name);
      if (!replication) continue;
      const outcome = await this.check(name, replication);
      // A collection re-pulled, or not comparable yet, is compared again at the next settle.
      if (outcome === 'repaired' || outcome === 'not-comparable') {
        complete = false;
        this.due = true;
      }
    }
    if (complete) {
      this.state = { ...this.state, checkedAt: new Date(this.now()).toISOString() };
      this.onChange();
    }
  }

  private async check(name: ReplicatedCollection, replication: AnyReplication): Promise<Outcome> {
    const internal = replication.internalReplicationState;
    if (!internal) return 'not-comparable';
    const checkpoint = (await getLastCheckpointDoc(internal, 'down')) as ReplicationCheckpoint | undefined;
    if (!checkpoint) return 'not-comparable';
    const server = await this.client.checksum(name, checkpoint);
    if (server.behind) return 'not-comparable';
    const local = await localChecksum(this.db.collections[name] as never);
    // A live change written meanwhile moved the checkpoint: the two sums are of different moments.
    const after = await getLastCheckpointDoc(internal, 'down');
    if (JSON.stringify(after) !== JSON.stringify(checkpoint)) return 'not-comparable';
    if (local.count === server.count && local.checksum === server.checksum) {
      this.repulled.delete(name);
      return 'match';
    }

    const at = new Date(this.now()).toISOString();
    const repair = { collection: name, at, expected: server.count, found: local.count };
    this.state = { ...this.state, repairs: [repair, ...this.state.repairs].slice(0, MAX_REPAIRS_SHOWN) };
    this.onChange();
    if (this.repulled.has(name)) {
      console.warn(
        `cache checksum: ${name} still differs from the server after pulling it again ` +
          `(${local.count} documents, checksum ${local.checksum}; server ${server.count}, ${server.checksum}); ` +
          'left as it is until the next session',
      );
      return 'still-differs';
    }
    console.warn(
      `cache checksum: ${name} differs from the server at checkpoint ${JSON.stringify(checkpoint)} ` +
        `(${local.count} documents, checksum ${local.checksum}; server ${server.count}, ${server.checksum}); ` +
        'pulling it again from the start',
    );
    this.repulled.add(name);
    const outcome = await repullCollection({
      name,
      collection: this.db.collections[name] as never,
      client: this.client,
      replication: internal,
      unsent: this.unsentIds(name),
    });
    console.warn(
      `cache checksum: ${name} pulled again: ${outcome.rewritten} documents rewritten, ${outcome.removed} removed`,
    );
    // A pull from the stored checkpoint: when it settles, the collection is compared again.
    replication.reSync();
    return 'repaired';
  }
}
