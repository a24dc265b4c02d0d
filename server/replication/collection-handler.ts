import type {
  ReplicatedCollection,
  ReplicatedDocs,
  ReplicationCheckpoint,
  WithDeletedFlag,
} from '../../shared/replication/documents';
import type { PullResponse, PushRefusal, PushRow } from '../../shared/replication/protocol';
import type { Viewer } from '../authz/viewer';
import type { Queryable } from '../db/database';

export interface PushOutcome<C extends ReplicatedCollection> {
  conflicts: WithDeletedFlag<ReplicatedDocs[C]>[];
  refusals: PushRefusal[];
  /** Tables written, so the caller knows the push changed something. */
  changed: boolean;
}

/** What the server knows about one replicated collection: how to read it for a viewer and apply pushes. */
export interface CollectionHandler<C extends ReplicatedCollection> {
  name: C;
  /** Tables whose changes show up in this collection (NOTIFY payloads are table names). */
  sourceTables: readonly string[];
  pull(
    db: Queryable,
    viewer: Viewer,
    checkpoint: ReplicationCheckpoint,
    limit: number,
  ): Promise<PullResponse<C>>;
  /** Highest seq among the collection's rows: where a new live stream starts. */
  maxSeq(db: Queryable): Promise<number>;
  push(tx: Queryable, viewer: Viewer, rows: PushRow<C>[]): Promise<PushOutcome<C>>;
}

/** A pull page's checkpoint: its last row, or the one it started from when it is empty. */
export function nextCheckpoint(
  rows: { seq: number; id: string }[],
  from: ReplicationCheckpoint,
): ReplicationCheckpoint | null {
  const last = rows.at(-1);
  if (last) return { seq: last.seq, id: last.id };
  return from.seq > 0 ? from : null;
}
