import { z } from 'zod';
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
  /** Rows the handler merged itself; their entry in `conflicts` is the final outcome. */
  merged?: string[];
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
    /** A watermark read earlier (see afterCheckpointSql); the current one when absent. */
    releaseBelow?: number,
  ): Promise<PullResponse<C>>;
  push(tx: Queryable, viewer: Viewer, rows: PushRow<C>[]): Promise<PushOutcome<C>>;
  /** The rows this collection holds for a viewer, for checksums (checksum.ts). */
  visibleRows(viewer: Viewer): VisibleRows;
}

/**
 * The rows a viewer may see in one collection, as the pull reads them: `from` is a FROM clause
 * whose row `alias` has txid, seq, deleted and doc_hash, and `visible` the pull's own visibility
 * predicate over it, with `params` as its $1, $2, ….
 */
export interface VisibleRows {
  from: string;
  alias: string;
  visible: string;
  params: unknown[];
}

/**
 * SQL true for row `alias` (with txid and seq) when it comes after the checkpoint in parameters
 * `$txid` and `$seq`, and is below the release watermark: committed, with nothing still running
 * that could commit below it (migration 012). Pulls order by positionOrderSql.
 */
export function afterCheckpointSql(
  alias: string,
  txidParam: number,
  seqParam: number,
  releaseBelow?: number,
): string {
  return `(${alias}.txid, ${alias}.seq) > ($${txidParam}::text::xid8, $${seqParam}::bigint)
    AND ${alias}.txid < ${releaseSql(releaseBelow)}`;
}

/**
 * The watermark a read stops below: the current one, or one read earlier and passed in, so that
 * several reads (the live hub's, one per collection) cover exactly the same transactions. An
 * earlier watermark is still safe: whatever was below it then has ended.
 */
export function releaseSql(releaseBelow: number | undefined): string {
  if (releaseBelow === undefined) return '(SELECT portico_release())';
  if (!Number.isSafeInteger(releaseBelow) || releaseBelow < 0) throw new Error('not a transaction id');
  return `'${releaseBelow}'::xid8`;
}

/**
 * SQL true when row `alias`'s visibility changed after the checkpoint in `$txid`/`$seq`. Never
 * for an empty checkpoint: a desktop that has nothing has nothing to remove.
 */
export function accessChangedSinceSql(alias: string, txidParam: number, seqParam: number): string {
  return `(($${txidParam}::text::xid8 <> '0' OR $${seqParam}::bigint > 0)
    AND (${alias}.access_txid, ${alias}.access_seq) > ($${txidParam}::text::xid8, $${seqParam}::bigint))`;
}

/** The order pulls return rows in: by position. */
export function positionOrderSql(alias: string): string {
  return `${alias}.txid, ${alias}.seq`;
}

/** The checkpoint's parameters, in the order afterCheckpointSql expects them. */
export function checkpointParams(checkpoint: ReplicationCheckpoint): [number, number] {
  return [checkpoint.txid, checkpoint.seq];
}

/** A pull page's checkpoint: its last row, or the one it started from when it is empty. */
export function nextCheckpoint(
  rows: { txid: number; seq: number }[],
  from: ReplicationCheckpoint,
): ReplicationCheckpoint | null {
  const last = rows.at(-1);
  if (last) return { txid: last.txid, seq: last.seq };
  return from.txid > 0 || from.seq > 0 ? from : null;
}

const pushedIdSchema = z.object({ id: z.string().uuid() }).passthrough();

/** The ids of pushed rows that are UUIDs (others are refused as unknown, one by one). */
export function pushedUuids<C extends ReplicatedCollection>(rows: PushRow<C>[]): string[] {
  return rows.flatMap((row) => {
    const parsed = pushedIdSchema.safeParse(row.newDocumentState);
    return parsed.success ? [parsed.data.id] : [];
  });
}

/** A pushed row that passed the checks every writable collection makes first. */
export interface OpenedPush<C extends ReplicatedCollection, Row> {
  /** The row as it is now, locked by `load`. */
  current: Row;
  /** The server's document for it, as the desktop would get it in a conflict. */
  before: WithDeletedFlag<ReplicatedDocs[C]>;
  /** Refuses the change for good, sending the server's state back. */
  refuse(message: string): void;
}

/**
 * The checks every writable collection's push makes first, for one row: an id that is a UUID
 * (else refused as unknown); a row the viewer may see (else refused without revealing whether it
 * exists, plus the redacted tombstone when it does, so the desktop drops its copy); and a desktop
 * that saw the current version (else a conflict carrying the server's state, to merge and retry),
 * unless the collection merges such edits itself.
 * Undefined when the row has been answered already.
 */
export async function openPushedRow<C extends ReplicatedCollection, Row extends { id: string; seq: number }>(
  row: PushRow<C>,
  outcome: PushOutcome<C>,
  rules: {
    unknownMessage: string;
    hiddenMessage: string;
    /** The row, locked FOR UPDATE, or undefined when there is none. */
    load(id: string): Promise<Row | undefined>;
    visible(row: Row): boolean;
    toDoc(row: Row): WithDeletedFlag<ReplicatedDocs[C]>;
    /** The id-only tombstone for a row the viewer may no longer see; absent where none is sent. */
    redacted?(row: Row): WithDeletedFlag<ReplicatedDocs[C]>;
    /**
     * The collection merges edits made against an older version itself (clients, field by field),
     * so a desktop that did not see the current version is not sent back a conflict here.
     */
    mergesStaleEdits?: boolean;
  },
): Promise<OpenedPush<C, Row> | undefined> {
  const newState = row.newDocumentState;
  if (!pushedIdSchema.safeParse(newState).success) {
    outcome.refusals.push({
      id: String((newState as { id?: unknown }).id ?? ''),
      message: rules.unknownMessage,
    });
    return undefined;
  }
  const current = await rules.load(newState.id);
  if (!current || !rules.visible(current)) {
    outcome.refusals.push({ id: newState.id, message: rules.hiddenMessage });
    if (current && rules.redacted) outcome.conflicts.push(rules.redacted(current));
    return undefined;
  }
  const before = rules.toDoc(current);
  if (!rules.mergesStaleEdits && row.assumedMasterState?.serverSeq !== current.seq) {
    outcome.conflicts.push(before);
    return undefined;
  }
  return {
    current,
    before,
    refuse(message) {
      outcome.refusals.push({ id: current.id, message });
      outcome.conflicts.push(before);
    },
  };
}
