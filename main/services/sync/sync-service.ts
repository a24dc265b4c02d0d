import type { RxReplicationPullStreamItem } from 'rxdb';
import type { RxReplicationState } from 'rxdb/plugins/replication';
import { Subject, type Subscription } from 'rxjs';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { SyncStatus } from '../../../shared/domain/views';
import {
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type ReplicationCheckpoint,
} from '../../../shared/replication/documents';
import type { PushRefusal, PushRow, StreamEvent } from '../../../shared/replication/protocol';
import type { AgencyClient } from '../api/agency-client';
import type { CacheDatabase } from '../cache/open-cache';
import {
  bulkFirstSync,
  type FirstSyncProgress,
  openReplicationMeta,
  storedDownCheckpoint,
  withFirstSyncPageCache,
  withIndexesBuiltAtEnd,
} from './bulk-first-sync';
import { CacheIntegrity } from './cache-integrity';
import { replicateCollection, replicationIdentifierFor } from './collection-replication';
import { LiveStreamClient, type StreamConnectionState } from './live-stream-client';
import { SyncStateStore } from './sync-state-store';

/** Collections the desktop edits and pushes; the rest it only reads. */
const PUSHED: ReadonlySet<ReplicatedCollection> = new Set([
  'clients',
  'threads',
  'requests',
  'notifications',
]);
const MAX_REFUSALS_SHOWN = 20;

/** Per collection, what adds to a push beyond RxDB's rows (see collection-replication.ts). */
export type PushPreparers = { [C in ReplicatedCollection]?: (rows: PushRow<C>[]) => Promise<PushRow<C>[]> };

type AnyReplication = RxReplicationState<ReplicatedDocs[ReplicatedCollection], ReplicationCheckpoint>;
type StreamItem = RxReplicationPullStreamItem<ReplicatedDocs[ReplicatedCollection], ReplicationCheckpoint>;

/**
 * Keeps one signed-in desktop's cache in step with the agency server and reports how that is
 * going. Edits are written to the cache first and pushed when the server can be reached, so the
 * app keeps working offline.
 */
export class SyncService {
  private readonly state: SyncStateStore;
  private readonly streams = new Map<ReplicatedCollection, Subject<StreamItem>>();
  private readonly replications = new Map<ReplicatedCollection, AnyReplication>();
  private readonly subscriptions: Subscription[] = [];
  private readonly active = new Set<ReplicatedCollection>();
  private readonly live: LiveStreamClient;
  private connection: StreamConnectionState = 'connecting';
  private everConnected = false;
  private unreachable = false;
  private refusals: SyncStatus['refusals'] = [];
  private lastEmitted = '';
  private reconciling = false;
  private outboxWaiting = 0;
  private integrity: CacheIntegrity | null = null;
  /** Collections filling an empty cache (bulk-first-sync.ts), with how far each has got. */
  private readonly firstSyncs = new Map<ReplicatedCollection, FirstSyncProgress>();
  private firstSyncsDone: Promise<void> = Promise.resolve();
  private stopped = false;
  /** When the cache was last in step with the server before this session started. */
  lastSyncedAtBeforeStart: string | null = null;

  constructor(
    private readonly db: CacheDatabase,
    private readonly client: AgencyClient,
    private readonly onStatus: (status: SyncStatus) => void,
    private readonly onUnauthorized: () => void,
    token: () => string | undefined,
    private readonly pushPreparers: PushPreparers = {},
  ) {
    this.state = new SyncStateStore(db);
    this.live = new LiveStreamClient(`${client.baseUrl}/api/replication/stream`, token, {
      onEvent: (event) => this.onStreamEvent(event),
      onState: (connection) => {
        this.connection = connection;
        if (connection === 'open') {
          this.everConnected = true;
          this.unreachable = false;
        }
        this.publish();
      },
      onUnauthorized: () => this.onUnauthorized(),
    });
  }

  /** Whether this cache was in step with the server before (a fresh cache has pulled nothing yet). */
  async hasCaughtUpBefore(): Promise<boolean> {
    await this.state.load();
    return this.state.lastSyncedAt !== null;
  }

  async start(): Promise<void> {
    await this.state.load();
    this.lastSyncedAtBeforeStart = this.state.lastSyncedAt;
    const empty: ReplicatedCollection[] = [];
    for (const name of REPLICATED_COLLECTIONS) {
      this.streams.set(name, new Subject<StreamItem>());
      if (await this.neverSynced(name)) empty.push(name);
      else this.startReplication(name);
    }
    this.integrity = new CacheIntegrity(
      this.db,
      this.client,
      this.replications,
      () => this.publish(),
      (collection) => new Set(this.state.snapshotPending()[collection] ?? []),
    );
    this.firstSyncsDone = this.fillEmptyCollections(empty);
    this.live.start();
  }

  /**
   * Whether the collection's replication has never stored a checkpoint: an empty cache. A read
   * that fails (a damaged file: the storage has reported it, and the cache will be replaced) must
   * not fail the start; the collection is then left to its replication.
   */
  private async neverSynced(name: ReplicatedCollection): Promise<boolean> {
    try {
      const meta = await openReplicationMeta(
        this.db.collections[name] as never,
        replicationIdentifierFor(name, this.client.baseUrl),
      );
      try {
        return (await storedDownCheckpoint(meta)) === undefined;
      } finally {
        await meta.close();
      }
    } catch (error) {
      console.warn(`could not tell whether ${name} was ever synced; replicating it page by page`, error);
      return false;
    }
  }

  /**
   * Fills never-synced collections side by side (each waits on the server for its next page at
   * different moments, so the server and the cache's writes overlap), each in a few large
   * transactions (bulk-first-sync.ts), then starts its replication where its fill ended. The app is
   * usable meanwhile: the status says syncing, with documents so far of the total. A fill that fails
   * (the server went away) leaves the collection to its replication, which pulls page by page.
   */
  private async fillEmptyCollections(names: readonly ReplicatedCollection[]): Promise<void> {
    for (const name of names) {
      this.firstSyncs.set(name, { done: 0, total: 0 });
      this.active.add(name);
    }
    this.publish();
    const [first] = names;
    if (!first) return;
    await withFirstSyncPageCache(this.db.collections[first] as never, () =>
      Promise.all(names.map((name) => this.fillEmptyCollection(name))),
    );
  }

  private async fillEmptyCollection(name: ReplicatedCollection): Promise<void> {
    let checkpoint: ReplicationCheckpoint | undefined;
    const collection = this.db.collections[name] as never;
    const meta = await openReplicationMeta(collection, replicationIdentifierFor(name, this.client.baseUrl));
    try {
      const filled = await withIndexesBuiltAtEnd(collection, () =>
        bulkFirstSync({
          name,
          collection,
          client: this.client,
          meta,
          pushed: PUSHED.has(name),
          unsent: new Set(this.state.snapshotPending()[name] ?? []),
          onProgress: (progress) => {
            this.firstSyncs.set(name, progress);
            this.publish();
          },
          stopped: () => this.stopped,
        }),
      );
      checkpoint = filled.checkpoint;
      if (filled.error) throw filled.error;
    } catch (error) {
      if (error instanceof BridgeError && error.code === 'unauthorized') this.onUnauthorized();
      else console.warn(`first sync of ${name} stopped; its replication carries on page by page`, error);
    } finally {
      await meta.close();
      this.firstSyncs.delete(name);
      this.active.delete(name);
    }
    if (this.stopped) return;
    this.startReplication(name, checkpoint);
    this.publish();
  }

  private startReplication(name: ReplicatedCollection, initialCheckpoint?: ReplicationCheckpoint): void {
    const stream$ = this.streams.get(name);
    if (!stream$) return;
    const replication = replicateCollection({
      name,
      collection: this.db.collections[name] as never,
      client: this.client,
      stream$: stream$.asObservable() as never,
      pushEnabled: PUSHED.has(name),
      preparePush: this.pushPreparers[name] as never,
      ...(initialCheckpoint ? { initialCheckpoint } : {}),
      callbacks: {
        reachedServer: () => {
          if (this.unreachable) {
            this.unreachable = false;
            this.publish();
          }
        },
        unreachable: () => {
          this.unreachable = true;
          this.publish();
        },
        unauthorized: () => this.onUnauthorized(),
        pushSettled: (collection, ids, refusals) => this.onPushSettled(collection, ids, refusals),
      },
    }) as unknown as AnyReplication;
    this.replications.set(name, replication);
    this.subscriptions.push(
      replication.active$.subscribe((isActive) => {
        if (isActive) this.active.add(name);
        else this.active.delete(name);
        this.publish();
      }),
    );
  }

  status(): SyncStatus {
    let state: SyncStatus['state'];
    if (this.connection === 'open' && !this.unreachable) state = this.active.size > 0 ? 'syncing' : 'online';
    else if (this.connection === 'connecting' && !this.everConnected && !this.unreachable)
      state = 'connecting';
    else state = 'offline';
    return {
      state,
      lastSyncedAt: this.state.lastSyncedAt,
      pendingChanges: this.state.pendingCount + this.outboxWaiting,
      message: state === 'offline' ? 'Offline: showing what is saved on this computer.' : null,
      refusals: this.refusals,
      integrity: this.integrity?.status ?? { checkedAt: null, repairs: [] },
      firstSync: this.firstSyncProgress(),
    };
  }

  /** Documents so far of the total, over every collection still filling an empty cache. */
  private firstSyncProgress(): SyncStatus['firstSync'] {
    if (this.firstSyncs.size === 0) return null;
    let done = 0;
    let total = 0;
    for (const progress of this.firstSyncs.values()) {
      done += progress.done;
      total += progress.total;
    }
    return { done, total };
  }

  /**
   * Records a local edit the server has yet to accept. Callers await it before writing the edit:
   * a crash between the two then leaves a marker without an edit (cleared at the next full sync),
   * never an edit nobody is told is waiting.
   */
  async markPending(collection: ReplicatedCollection, id: string): Promise<void> {
    await this.state.addPending(collection, id);
    this.publish();
  }

  /** Messages in the outbox count as changes waiting to sync, so the status tells the whole story. */
  setOutboxWaiting(count: number): void {
    if (count === this.outboxWaiting) return;
    this.outboxWaiting = count;
    this.publish();
  }

  /** "Sync now": reconnect the stream and pull every collection again. */
  syncNow(): void {
    this.live.reconnectNow();
    this.integrity?.requestCheck();
    for (const replication of this.replications.values()) replication.reSync();
  }

  /** Resolves when every collection has pushed and pulled everything it knows of. */
  async awaitInSync(): Promise<void> {
    await this.firstSyncsDone;
    await Promise.all([...this.replications.values()].map((replication) => replication.awaitInSync()));
    await this.state.flush();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.live.stop();
    await this.firstSyncsDone.catch(() => undefined);
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    await Promise.all([...this.replications.values()].map((replication) => replication.cancel()));
    await this.state.flush();
  }

  private onStreamEvent(event: StreamEvent): void {
    if (event.type === 'resync') {
      for (const stream$ of this.streams.values()) stream$.next('RESYNC');
      return;
    }
    this.streams
      .get(event.collection)
      ?.next({ documents: event.documents as never, checkpoint: event.checkpoint });
  }

  private onPushSettled(collection: ReplicatedCollection, ids: string[], refusals: PushRefusal[]): void {
    this.state.settle(collection, ids);
    if (refusals.length > 0) {
      const at = new Date().toISOString();
      const added = refusals.map((refusal) => ({ id: refusal.id, collection, message: refusal.message, at }));
      this.refusals = [...added, ...this.refusals].slice(0, MAX_REFUSALS_SHOWN);
    }
    this.publish();
  }

  /**
   * Once every replication is idle and online, everything pending when this started has been
   * pushed: markers left by a crash between marking and writing are cleared here.
   */
  private reconcilePending(): void {
    if (this.reconciling) return;
    this.reconciling = true;
    const pendingAtStart = this.state.snapshotPending();
    void Promise.all([...this.replications.values()].map((replication) => replication.awaitInSync()))
      .then(() => {
        if (this.status().state !== 'online') return;
        for (const [collection, ids] of Object.entries(pendingAtStart)) {
          if (ids && ids.length > 0) this.state.settle(collection as ReplicatedCollection, ids);
        }
        this.publish();
      })
      .catch(() => undefined)
      .finally(() => {
        this.reconciling = false;
      });
  }

  private publish(): void {
    const status = this.status();
    if (status.state === 'online' && this.state.pendingCount > 0) this.reconcilePending();
    // Settled: every replication idle and online. The checksums are compared (when due) now.
    if (status.state === 'online') this.integrity?.settled();
    if (status.state === 'online' && status.pendingChanges === 0) {
      this.state.markSynced(new Date());
      status.lastSyncedAt = this.state.lastSyncedAt;
    }
    // Status changes are frequent during a sync; only real changes cross to the renderer.
    const key = JSON.stringify({
      ...status,
      lastSyncedAt: status.state === 'online' ? null : status.lastSyncedAt,
    });
    if (key === this.lastEmitted) return;
    this.lastEmitted = key;
    this.onStatus(status);
  }
}
