import {
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type ReplicationCheckpoint,
  type WithDeletedFlag,
} from '../../shared/replication/documents';
import type { PullResponse } from '../../shared/replication/protocol';
import type { Viewer } from '../authz/viewer';
import type { Database } from '../db/database';
import type { ChangeFeed } from './change-feed';
import { COLLECTION_HANDLERS } from './collections';
import { pullEveryonesNotifications } from './collections/notifications';

/** Rows read per query; a round reads on until a page is short. */
const HUB_PAGE = 1000;

/** Sees every row whole: the hub reads for everyone and routes each row itself. */
const EVERYONE: Viewer = {
  userId: '00000000-0000-0000-0000-000000000000',
  agencyId: '00000000-0000-0000-0000-000000000000',
  role: 'system_admin',
};

type AnyDoc = WithDeletedFlag<ReplicatedDocs[ReplicatedCollection]>;

export interface RoutedBatch {
  collection: ReplicatedCollection;
  documents: AnyDoc[];
  checkpoint: ReplicationCheckpoint;
}

/** One open stream as the hub sees it (live-stream.ts implements it). */
export interface HubStream {
  readonly viewer: Viewer;
  /**
   * Sends documents the hub routed to this stream, per collection, in one write; `checkpoint` is
   * where the hub has read that collection up to.
   */
  deliver(batches: RoutedBatch[]): void;
  /**
   * Runs the stream's own visibility-filtered pull of `collections` from where it is: for rounds
   * in which someone's access may have changed, when removals are owed (see round()).
   */
  catchUpExactly(collections: readonly ReplicatedCollection[]): Promise<void>;
  /** Moves the stream's checkpoint of `collection` to at least `to`. */
  advance(collection: ReplicatedCollection, to: ReplicationCheckpoint): void;
}

interface ClientFacts {
  agencyId: string;
  shared: boolean;
  /** Agencies the client withdrew sharing with (migration 041): none of their staff see it. */
  withdrawnFrom: ReadonlySet<string>;
}

const NONE: ReadonlySet<string> = new Set();

interface Membership {
  clientId: string;
  startDate: string;
  endDate: string;
}

/** Calendar "today" in UTC as YYYY-MM-DD, as viewer.ts's TODAY_SQL. */
const todayUtc = () => new Date().toISOString().slice(0, 10);

const inForce = (membership: Membership, today: string) =>
  membership.startDate <= today && (membership.endDate === '' || membership.endDate >= today);

function addTo<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key) ?? new Set<V>();
  set.add(value);
  index.set(key, set);
}

function removeFrom<K, V>(index: Map<K, Set<V>>, key: K, value: V): void {
  const set = index.get(key);
  set?.delete(value);
  if (set?.size === 0) index.delete(key);
}

/**
 * One per server instance: reads each batch of changes once, for everyone, and routes every row
 * to the open streams that may see it, by what they may see held in memory (docs/architecture.md
 * "Live streams"). Who may see a row follows viewer.ts exactly:
 *  - a client's rows: its own agency's staff, everyone while it is shared, its care team while a
 *    membership is in force (by date), system admins; a private item only within its agency;
 *  - notifications: their staff member; the catalog: its agency; the directory: everyone.
 * Every change of who may see what writes a client row or a care-team row (sharing, a client's
 * withdrawal of sharing with an agency, memberships, the sweeper's re-stamps), and every round
 * reads those first with the same watermark as the rest:
 * in a round that has any, each stream runs its own exact pull instead (the rare case, which is
 * also the one that owes removals), and the hub's memory is brought up to date from those rows.
 */
export class LiveHub {
  private readonly streams = new Set<HubStream>();
  private readonly byAgency = new Map<string, Set<HubStream>>();
  private readonly byUser = new Map<string, Set<HubStream>>();
  private readonly admins = new Set<HubStream>();
  /** Per stream: its staff member's care-team memberships (id → membership). */
  private readonly memberships = new Map<HubStream, Map<string, Membership>>();
  /** Client id → streams whose staff member is on its care team (in force or not). */
  private readonly careTeamStreams = new Map<string, Set<HubStream>>();
  private readonly clients = new Map<string, ClientFacts>();
  private readonly position = new Map<ReplicatedCollection, ReplicationCheckpoint>();
  private pending = new Set<string>();
  private running: Promise<void> = Promise.resolve();
  private scheduled = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly db: Database,
    private readonly feed: ChangeFeed,
  ) {}

  async start(): Promise<void> {
    const release = await this.release();
    const clients = await this.db.query<{ id: string; agency_id: string; shared: boolean }>(
      'SELECT id::text AS id, agency_id::text AS agency_id, shared FROM clients',
    );
    const withdrawn = await this.withdrawalsAt(release);
    for (const row of clients.rows)
      this.clients.set(row.id, {
        agencyId: row.agency_id,
        shared: row.shared,
        withdrawnFrom: withdrawn.get(row.id) ?? NONE,
      });
    // Everything below the watermark is in the clients just read; the rounds go on from there.
    for (const collection of REPLICATED_COLLECTIONS) this.position.set(collection, { txid: release, seq: 0 });
    this.unsubscribe = this.feed.subscribe((tables) => this.onTables(tables));
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /**
   * Starts routing to `stream`, from where the hub has read up to (the desktop pulls everything
   * before that after the stream's resync). Runs between rounds, never during one.
   */
  add(stream: HubStream): Promise<void> {
    const added = this.running.then(() => this.addNow(stream));
    this.running = added.catch(() => undefined);
    return added;
  }

  private async addNow(stream: HubStream): Promise<void> {
    const rows = await this.db.query<{
      id: string;
      client_id: string;
      start_date: string;
      end_date: string | null;
    }>(
      `SELECT id::text AS id, client_id::text AS client_id, start_date, end_date FROM care_team
        WHERE staff_id = $1::uuid AND NOT deleted`,
      [stream.viewer.userId],
    );
    const own = new Map<string, Membership>();
    for (const row of rows.rows)
      own.set(row.id, { clientId: row.client_id, startDate: row.start_date, endDate: row.end_date ?? '' });
    this.memberships.set(stream, own);
    for (const membership of own.values()) addTo(this.careTeamStreams, membership.clientId, stream);
    this.streams.add(stream);
    addTo(this.byAgency, stream.viewer.agencyId, stream);
    addTo(this.byUser, stream.viewer.userId, stream);
    if (stream.viewer.role === 'system_admin') this.admins.add(stream);
    for (const [collection, position] of this.position) stream.advance(collection, position);
  }

  remove(stream: HubStream): void {
    this.streams.delete(stream);
    removeFrom(this.byAgency, stream.viewer.agencyId, stream);
    removeFrom(this.byUser, stream.viewer.userId, stream);
    this.admins.delete(stream);
    for (const membership of this.memberships.get(stream)?.values() ?? [])
      removeFrom(this.careTeamStreams, membership.clientId, stream);
    this.memberships.delete(stream);
  }

  private onTables(tables: ReadonlySet<string>): void {
    for (const table of tables) this.pending.add(table);
    if (this.scheduled) return;
    this.scheduled = true;
    // One round at a time; notifications arriving meanwhile make the next one.
    this.running = this.running.then(async () => {
      this.scheduled = false;
      const batch = this.pending;
      this.pending = new Set();
      try {
        await this.round(batch);
      } catch (error) {
        // The streams' desktops resync when they reconnect; the next round reads on from here.
        console.error('live hub round failed', error);
      }
    });
  }

  private async release(): Promise<number> {
    const result = await this.db.query<{ release: number }>('SELECT portico_release() AS release');
    return result.rows[0]?.release ?? 0;
  }

  private async round(tables: ReadonlySet<string>): Promise<void> {
    const release = await this.release();
    // Clients and memberships always: a change of access shows there, and must be known before
    // any other row of the same transactions is routed.
    const collections = REPLICATED_COLLECTIONS.filter(
      (collection) =>
        collection === 'clients' ||
        collection === 'memberships' ||
        COLLECTION_HANDLERS[collection].sourceTables.some((table) => tables.has(table)),
    );
    // Positions move only once the round has gone out: a round that fails is read again.
    const reached = new Map(this.position);
    const read = new Map<ReplicatedCollection, AnyDoc[]>();
    for (const collection of collections)
      read.set(collection, await this.readAll(collection, release, reached));

    const clientDocs = (read.get('clients') ?? []) as ReplicatedDocs['clients'][];
    const membershipDocs = (read.get('memberships') ?? []) as WithDeletedFlag<
      ReplicatedDocs['memberships']
    >[];
    const withdrawn = await this.withdrawalsAt(
      release,
      clientDocs.map((doc) => doc.id),
    );
    for (const doc of clientDocs)
      this.clients.set(doc.id, {
        agencyId: doc.agencyId,
        shared: doc.shared,
        withdrawnFrom: withdrawn.get(doc.id) ?? NONE,
      });
    for (const doc of membershipDocs) if (doc.kind === 'careTeam') this.noteMembership(doc);

    if (clientDocs.length > 0 || membershipDocs.length > 0) {
      // Someone may have lost (or gained) sight of a client: each stream pulls exactly, as a desktop
      // would, which also sends the removals it is owed and no others.
      await Promise.all([...this.streams].map((stream) => stream.catchUpExactly(collections)));
    } else {
      const today = todayUtc();
      const outgoing = new Map<HubStream, RoutedBatch[]>();
      for (const [collection, docs] of read) {
        const perStream = new Map<HubStream, AnyDoc[]>();
        for (const doc of docs)
          for (const stream of this.audience(collection, doc, today)) {
            const list = perStream.get(stream) ?? [];
            list.push(doc);
            perStream.set(stream, list);
          }
        const checkpoint = reached.get(collection) ?? { txid: release, seq: 0 };
        for (const [stream, documents] of perStream) {
          const list = outgoing.get(stream) ?? [];
          list.push({ collection, documents, checkpoint });
          outgoing.set(stream, list);
        }
      }
      for (const [stream, batches] of outgoing) if (this.streams.has(stream)) stream.deliver(batches);
    }
    for (const collection of collections) {
      const to = reached.get(collection);
      if (!to) continue;
      this.position.set(collection, to);
      for (const stream of this.streams) stream.advance(collection, to);
    }
  }

  /**
   * The withdrawals of sharing in force at `release` (of `clientIds` only, when given): begun by
   * a transaction below it and not ended by one, so they agree with the rows the round read below
   * the same watermark. Every withdrawal and its end re-stamp the client's row in their own
   * transaction, so a round that reads that row also learns the change here.
   */
  private async withdrawalsAt(release: number, clientIds?: string[]): Promise<Map<string, Set<string>>> {
    const byClient = new Map<string, Set<string>>();
    if (clientIds?.length === 0) return byClient;
    const result = await this.db.query<{ client_id: string; agency_id: string }>(
      `SELECT client_id::text AS client_id, agency_id::text AS agency_id FROM client_share_withdrawals
        WHERE from_txid < $1::text::xid8 AND (until_txid IS NULL OR until_txid >= $1::text::xid8)
          AND ($2::uuid[] IS NULL OR client_id = ANY($2::uuid[]))`,
      [String(release), clientIds ?? null],
    );
    for (const row of result.rows) addTo(byClient, row.client_id, row.agency_id);
    return byClient;
  }

  /** Every row of `collection` after the hub's position and below `release`, for everyone. */
  private async readAll(
    collection: ReplicatedCollection,
    release: number,
    reached: Map<ReplicatedCollection, ReplicationCheckpoint>,
  ): Promise<AnyDoc[]> {
    const documents: AnyDoc[] = [];
    for (;;) {
      const from = reached.get(collection) ?? { txid: release, seq: 0 };
      const page: PullResponse<ReplicatedCollection> =
        collection === 'notifications'
          ? await pullEveryonesNotifications(this.db, from, HUB_PAGE, release)
          : await COLLECTION_HANDLERS[collection].pull(this.db, EVERYONE, from, HUB_PAGE, release);
      documents.push(...page.documents);
      if (page.checkpoint) reached.set(collection, page.checkpoint);
      if (page.documents.length < HUB_PAGE) return documents;
    }
  }

  private noteMembership(doc: WithDeletedFlag<ReplicatedDocs['memberships']>): void {
    for (const stream of this.byUser.get(doc.staffId) ?? []) {
      const own = this.memberships.get(stream);
      if (!own) continue;
      const before = own.get(doc.id);
      if (before) removeFrom(this.careTeamStreams, before.clientId, stream);
      if (doc._deleted) {
        own.delete(doc.id);
      } else {
        own.set(doc.id, { clientId: doc.clientId, startDate: doc.startDate, endDate: doc.endDate });
      }
      // The reverse index holds every client any of the stream's memberships names.
      for (const membership of own.values()) addTo(this.careTeamStreams, membership.clientId, stream);
    }
  }

  private seesClient(stream: HubStream, clientId: string, today: string): boolean {
    if (stream.viewer.role === 'system_admin') return true;
    const client = this.clients.get(clientId);
    if (!client) return false;
    if (client.agencyId === stream.viewer.agencyId) return true;
    if (client.withdrawnFrom.has(stream.viewer.agencyId)) return false;
    if (client.shared) return true;
    for (const membership of this.memberships.get(stream)?.values() ?? [])
      if (membership.clientId === clientId && inForce(membership, today)) return true;
    return false;
  }

  /** The streams that may see `doc` now. */
  private audience(collection: ReplicatedCollection, doc: AnyDoc, today: string): Iterable<HubStream> {
    switch (collection) {
      case 'directory':
        return this.streams;
      case 'catalog': {
        const agencyId = (doc as ReplicatedDocs['catalog']).agencyId;
        return new Set([...(this.byAgency.get(agencyId) ?? []), ...this.admins]);
      }
      case 'notifications':
        return this.byUser.get((doc as ReplicatedDocs['notifications']).staffId) ?? [];
      case 'threads':
      case 'messages':
      case 'requests':
      case 'records': {
        const item = doc as { clientId: string; agencyId: string; private: boolean };
        return this.clientAudience(item.clientId, item.private ? item.agencyId : undefined, today);
      }
      default:
        // Clients and memberships never reach here: a round with any runs exact pulls.
        return [];
    }
  }

  /** Streams that may see client `clientId`'s item, private to `privateTo` when given. */
  private clientAudience(clientId: string, privateTo: string | undefined, today: string): Set<HubStream> {
    const client = this.clients.get(clientId);
    const audience = new Set<HubStream>(this.admins);
    if (!client) return audience;
    if (privateTo !== undefined) {
      for (const stream of this.byAgency.get(privateTo) ?? [])
        if (this.seesClient(stream, clientId, today)) audience.add(stream);
      return audience;
    }
    if (client.shared && client.withdrawnFrom.size === 0) return new Set(this.streams);
    if (client.shared) {
      for (const stream of this.streams)
        if (!client.withdrawnFrom.has(stream.viewer.agencyId) || this.admins.has(stream))
          audience.add(stream);
      return audience;
    }
    for (const stream of this.byAgency.get(client.agencyId) ?? []) audience.add(stream);
    for (const stream of this.careTeamStreams.get(clientId) ?? [])
      if (this.seesClient(stream, clientId, today)) audience.add(stream);
    return audience;
  }
}
