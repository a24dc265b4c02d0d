import type { Database } from '../db/database';

const OVERDUE = `status IN ('sent', 'viewed') AND expires_at <= now() AND NOT deleted`;

/**
 * Requests expire by the clock, not by any write: marks open requests past their expiry as
 * expired, so desktops see the status change. Fulfilment refuses a request past its expiry on its
 * own, so the minute between sweeps never lets a late answer through. Returns how many it marked.
 */
export async function sweepExpiredRequests(db: Database): Promise<number> {
  // Most minutes nothing is due: look first, so no rows are locked for nothing.
  const due = await db.query(`SELECT 1 FROM portal_requests WHERE ${OVERDUE} LIMIT 1`);
  if (due.rows.length === 0) return 0;
  const result = await db.query(`UPDATE portal_requests SET status = 'expired' WHERE ${OVERDUE}`);
  return result.rowCount;
}
