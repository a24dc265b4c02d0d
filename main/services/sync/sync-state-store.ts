import type { ReplicatedCollection } from '../../../shared/replication/documents';
import type { CacheDatabase } from '../cache/open-cache';

interface SyncStateDoc {
  pending: Partial<Record<ReplicatedCollection, string[]>>;
  lastSyncedAt: string | null;
}

const SYNC_STATE_ID = 'sync-state';

/**
 * Per-desktop sync bookkeeping in the cache's local documents, so it survives restarts: which
 * local edits the server has not accepted yet, and when the cache last caught up.
 */
export class SyncStateStore {
  private state: SyncStateDoc = { pending: {}, lastSyncedAt: null };
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: CacheDatabase) {}

  async load(): Promise<void> {
    const doc = await this.db.getLocal<SyncStateDoc>(SYNC_STATE_ID);
    if (!doc) return;
    const data = doc.toJSON().data;
    const pending: SyncStateDoc['pending'] = {};
    for (const [collection, ids] of Object.entries(data.pending))
      pending[collection as ReplicatedCollection] = [...(ids ?? [])];
    this.state = { pending, lastSyncedAt: data.lastSyncedAt };
  }

  get lastSyncedAt(): string | null {
    return this.state.lastSyncedAt;
  }

  get pendingCount(): number {
    return Object.values(this.state.pending).reduce((sum, ids) => sum + (ids?.length ?? 0), 0);
  }

  /** Resolves once the marker is on disk, so an edit written after it is never unaccounted for. */
  addPending(collection: ReplicatedCollection, id: string): Promise<unknown> {
    const ids = new Set(this.state.pending[collection] ?? []);
    ids.add(id);
    this.state = { ...this.state, pending: { ...this.state.pending, [collection]: [...ids] } };
    return this.persist();
  }

  /** The pending ids right now, to settle later if the replication proves them delivered. */
  snapshotPending(): Partial<Record<ReplicatedCollection, string[]>> {
    return this.state.pending;
  }

  settle(collection: ReplicatedCollection, ids: readonly string[]): void {
    const settled = new Set(ids);
    const remaining = (this.state.pending[collection] ?? []).filter((id) => !settled.has(id));
    this.state = { ...this.state, pending: { ...this.state.pending, [collection]: remaining } };
    this.persist();
  }

  markSynced(at: Date): void {
    this.state = { ...this.state, lastSyncedAt: at.toISOString() };
    this.persist();
  }

  /** Resolves once every change so far is on disk. */
  flush(): Promise<unknown> {
    return this.writes;
  }

  private persist(): Promise<unknown> {
    const snapshot = this.state;
    this.writes = this.writes
      .then(() => this.db.upsertLocal<SyncStateDoc>(SYNC_STATE_ID, snapshot))
      .catch((error: unknown) => {
        console.error('could not save sync state', error);
      });
    return this.writes;
  }
}
