import type { Queryable } from './database';

/** The advisory lock the stamp trigger takes before drawing a seq (see 001-initial-schema.ts). */
export const CHANGE_LOCK = 7_366_001;

/**
 * Takes the change lock at the start of a writing transaction. The trigger would take it at the
 * first replicated write, after that write's row lock; a transaction that locks rows before
 * writing (SELECT … FOR UPDATE) or writes several rows then holds row locks and the change lock
 * in a different order than another writer, and the two deadlock. Taking it first keeps one order.
 */
export async function takeChangeLock(tx: Queryable): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CHANGE_LOCK]);
}
