import type { FastifyReply } from 'fastify';
import type { Database, Queryable } from '../db/database';
import { HttpError } from '../http/errors';

/*
 * Sign-in lock-out, for staff and portal clients alike: LOCKOUT_THRESHOLD failed sign-ins within
 * LOCKOUT_WINDOW_MINUTES lock the username for LOCKOUT_MINUTES; a successful sign-in clears the
 * count; an administrator can unlock sooner. Counted by username, not account, so a username that
 * does not exist locks exactly like one that does and the answers reveal nothing. Kept in the
 * database (migration 006), so every server instance counts the same failures.
 */

export type AccountKind = 'staff' | 'client';

export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MINUTES = 15;
export const LOCKOUT_MINUTES = 15;

const WHO_UNLOCKS: Record<AccountKind, string> = {
  staff: 'your agency admin',
  client: 'your case manager',
};

export function lockedError(kind: AccountKind): HttpError {
  return new HttpError(
    423,
    'account_locked',
    `Too many failed sign-in attempts. Try again in ${LOCKOUT_MINUTES} minutes or ask ${WHO_UNLOCKS[kind]} to unlock your account.`,
  );
}

/** Answers the lock-out, with how long it still lasts in Retry-After. */
export function refuseLocked(reply: FastifyReply, kind: AccountKind, lockedUntil: string): HttpError {
  const seconds = Math.max(1, Math.ceil((Date.parse(lockedUntil) - Date.now()) / 1000));
  void reply.header('retry-after', String(seconds));
  return lockedError(kind);
}

/** When the username's lock ends, if it is locked now. */
export async function lockedUntil(
  db: Queryable,
  kind: AccountKind,
  username: string,
): Promise<string | undefined> {
  const result = await db.query<{ locked_until: string }>(
    `SELECT locked_until FROM sign_in_locks
      WHERE account_kind = $1 AND username = $2 AND locked_until > now()`,
    [kind, username],
  );
  return result.rows[0]?.locked_until;
}

/**
 * Counts a failed sign-in; answers when the lock it caused ends, if this failure was the one
 * that reached the threshold. The count restarts once the lock is set.
 */
export async function recordFailure(
  db: Database,
  kind: AccountKind,
  username: string,
): Promise<string | undefined> {
  return db.transaction(async (tx) => {
    // One username's failures are counted one at a time, so two at once cannot both miss the limit.
    await tx.query('SELECT pg_advisory_xact_lock(7366200, hashtext($1))', [`${kind}:${username}`]);
    await tx.query('INSERT INTO sign_in_failures (account_kind, username) VALUES ($1, $2)', [kind, username]);
    const counted = await tx.query<{ failures: number }>(
      `SELECT count(*)::int AS failures FROM sign_in_failures
        WHERE account_kind = $1 AND username = $2
          AND failed_at > now() - make_interval(mins => $3::int)`,
      [kind, username, LOCKOUT_WINDOW_MINUTES],
    );
    if ((counted.rows[0]?.failures ?? 0) < LOCKOUT_THRESHOLD) return undefined;
    const locked = await tx.query<{ locked_until: string }>(
      `INSERT INTO sign_in_locks (account_kind, username, locked_until)
       VALUES ($1, $2, now() + make_interval(mins => $3::int))
       ON CONFLICT (account_kind, username)
       DO UPDATE SET locked_at = now(), locked_until = EXCLUDED.locked_until
       RETURNING locked_until`,
      [kind, username, LOCKOUT_MINUTES],
    );
    await tx.query('DELETE FROM sign_in_failures WHERE account_kind = $1 AND username = $2', [
      kind,
      username,
    ]);
    return locked.rows[0]?.locked_until;
  });
}

/** A successful sign-in starts the count again. */
export async function clearFailures(db: Queryable, kind: AccountKind, username: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE account_kind = $1 AND username = $2', [kind, username]);
}

/** Ends a lock and forgets the failures; answers whether the account was locked. */
export async function unlock(db: Queryable, kind: AccountKind, username: string): Promise<boolean> {
  const removed = await db.query(
    'DELETE FROM sign_in_locks WHERE account_kind = $1 AND username = $2 AND locked_until > now()',
    [kind, username],
  );
  await db.query('DELETE FROM sign_in_locks WHERE account_kind = $1 AND username = $2', [kind, username]);
  await clearFailures(db, kind, username);
  return removed.rowCount > 0;
}

/** Forgets failures and locks that no longer count (run with the other sweeps). */
export async function sweepSignInBookkeeping(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM sign_in_failures WHERE failed_at <= now() - make_interval(mins => $1::int)`, [
    LOCKOUT_WINDOW_MINUTES,
  ]);
  await db.query('DELETE FROM sign_in_locks WHERE locked_until <= now()');
}
