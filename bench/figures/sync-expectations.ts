import type { Viewer } from '../../server/authz/viewer';
import type { Database } from '../../server/db/database';
import { COLLECTION_HANDLERS } from '../../server/replication/collections';
import {
  REPLICATED_COLLECTIONS,
  type ReplicatedCollection,
  type ReplicationCheckpoint,
} from '../../shared/replication/documents';
import type { BenchWorld } from '../world/world';

const PAGE = 5_000;

/** What a desktop that synced everything holds of one collection. */
export interface CollectionExpectation {
  collection: ReplicatedCollection;
  count: number;
  /** The document pulled last (highest seq): once it is in the cache, every earlier page is too. */
  lastId: string | null;
}

/**
 * The last document a full pull of `collection` gives the viewer, found with the server's own
 * replication handler, reading back from the collection's latest position until a page has
 * something (windows of transactions: each bench write is one).
 */
async function lastPulled(
  db: Database,
  viewer: Viewer,
  collection: ReplicatedCollection,
): Promise<string | null> {
  const handler = COLLECTION_HANDLERS[collection];
  const latest = await latestTxid(db, handler.sourceTables);
  for (let window = PAGE; ; window *= 4) {
    let checkpoint: ReplicationCheckpoint = { txid: Math.max(0, latest - window), seq: 0 };
    const fromStart = checkpoint.txid === 0;
    let last: string | null = null;
    for (;;) {
      const page = await handler.pull(db, viewer, checkpoint, PAGE);
      last = page.documents.at(-1)?.id ?? last;
      if (!page.checkpoint || page.documents.length < PAGE) break;
      checkpoint = page.checkpoint;
    }
    if (last !== null || fromStart) return last;
  }
}

/** The highest transaction id among the rows of `tables` (a collection's sourceTables). */
async function latestTxid(db: Database, tables: readonly string[]): Promise<number> {
  const maxima = tables.map((table) => `(SELECT max(txid) FROM ${table})`).join(', ');
  const result = await db.query<{ txid: number | null }>(`SELECT greatest(${maxima}) AS txid`);
  return result.rows[0]?.txid ?? 0;
}

/**
 * What the bench staff member's desktop must hold once synced: the counts the generator put in
 * (verified against the cache afterwards) and each collection's last document (to see it arrive).
 */
export async function expectedSync(db: Database, world: BenchWorld): Promise<CollectionExpectation[]> {
  const viewer: Viewer = { userId: world.staff.id, agencyId: world.agencyId, role: 'staff' };
  const expectations: CollectionExpectation[] = [];
  for (const collection of REPLICATED_COLLECTIONS) {
    const count = world.visibleCounts[collection];
    expectations.push({
      collection,
      count,
      lastId: count > 0 ? await lastPulled(db, viewer, collection) : null,
    });
  }
  return expectations;
}

export function totalDocuments(expectations: readonly CollectionExpectation[]): number {
  return expectations.reduce((sum, expectation) => sum + expectation.count, 0);
}
