import type { ReplicatedCollection, ReplicationCheckpoint } from '../../shared/replication/documents';
import type { ChecksumResponse } from '../../shared/replication/protocol';
import type { Viewer } from '../authz/viewer';
import type { Queryable } from '../db/database';
import { type CollectionHandler, releaseSql } from './collection-handler';

/**
 * The checksum of what a desktop at `checkpoint` should hold of one collection (docs/architecture.md
 * "Checksums"): the number of live documents the viewer may see and the sum of their doc_hash
 * (migration 070) modulo 2^32, over the rows below the release watermark, with the pull's own
 * visibility SQL. Call it inside one REPEATABLE READ transaction, so the "behind" look and the sum
 * read the same snapshot.
 *
 * It is only comparable when the desktop is caught up: a row changed after its checkpoint would
 * count in the sum at its new version while the desktop holds the old one. So the first statement
 * is the pull itself, one row: if that pull would return anything (a change or a removal), the
 * answer is `behind` and nothing is summed.
 *
 * Cost: one aggregate over the viewer's visible rows (for a case manager who sees the whole agency,
 * every row of the collection in that agency), reading an 8-byte column beside the columns the
 * visibility test needs; no document is built or serialized, nothing leaves the database but two
 * numbers. It grows with what the viewer may see, like a first pull's SQL without its output, so
 * desktops ask once a sync has settled and at most every 30 minutes (main/services/sync/
 * collection-checksum.ts), never per page or per live change.
 */
/**
 * How many documents a pull from the start returns for the viewer below `release`: its visible
 * rows, tombstones included (a first pull sends those too). One count with the pull's predicate,
 * asked once per first sync of a collection.
 */
export async function firstPullTotal<C extends ReplicatedCollection>(
  db: Queryable,
  handler: CollectionHandler<C>,
  viewer: Viewer,
  release: number,
): Promise<number> {
  const { from, alias, visible, params } = handler.visibleRows(viewer);
  const result = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM ${from} WHERE ${alias}.txid < ${releaseSql(release)} AND (${visible})`,
    params,
  );
  return Number(result.rows[0]?.total ?? 0);
}

export async function collectionChecksum<C extends ReplicatedCollection>(
  tx: Queryable,
  handler: CollectionHandler<C>,
  viewer: Viewer,
  checkpoint: ReplicationCheckpoint,
): Promise<ChecksumResponse> {
  const releaseRow = await tx.query<{ release: number }>('SELECT portico_release() AS release');
  const release = releaseRow.rows[0]?.release ?? 0;
  const ahead = await handler.pull(tx, viewer, checkpoint, 1, release);
  if (ahead.documents.length > 0) return { behind: true, count: 0, checksum: 0 };
  const { from, alias, visible, params } = handler.visibleRows(viewer);
  const result = await tx.query<{ count: number; checksum: string }>(
    `SELECT count(*)::int AS count, (coalesce(sum(${alias}.doc_hash), 0) % 4294967296)::text AS checksum
       FROM ${from}
      WHERE ${alias}.txid < ${releaseSql(release)} AND NOT ${alias}.deleted AND (${visible})`,
    params,
  );
  const row = result.rows[0];
  return { behind: false, count: Number(row?.count ?? 0), checksum: Number(row?.checksum ?? 0) };
}
