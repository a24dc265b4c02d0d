import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/domain/session';
import type { Viewer } from '../authz/viewer';
import type { Queryable } from '../db/database';

export interface ResolvedSession {
  tokenHash: string;
  user: SessionUser;
  viewer: Viewer;
  expiresAt: string;
}

export type SessionLookup =
  | { status: 'valid'; session: ResolvedSession }
  | { status: 'missing' | 'unknown' | 'expired' };

/** Only a hash of each token is stored, so a copy of the database cannot be used to sign in. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Queryable,
  userId: string,
  ttlMs: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs).toISOString();
  await db.query(
    'INSERT INTO sessions (token_hash, user_id, expires_at) VALUES ($1, $2::uuid, $3::timestamptz)',
    [hashToken(token), userId, expiresAt],
  );
  return { token, expiresAt };
}

interface SessionRow {
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  user_id: string;
  agency_id: string;
  agency_name: string;
  username: string;
  display_name: string;
  role: SessionUser['role'];
  active: boolean;
}

export async function lookupSession(db: Queryable, token: string | undefined): Promise<SessionLookup> {
  if (!token) return { status: 'missing' };
  const result = await db.query<SessionRow>(
    `SELECT s.token_hash, s.expires_at, s.revoked_at, u.id::text AS user_id, u.agency_id::text AS agency_id,
            a.name AS agency_name, u.username, u.display_name, u.role, u.active
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN agencies a ON a.id = u.agency_id
      WHERE s.token_hash = $1`,
    [hashToken(token)],
  );
  const row = result.rows[0];
  if (!row) return { status: 'unknown' };
  // A deactivated staff member's sessions end with their access.
  if (row.revoked_at || !row.active || Date.parse(row.expires_at) <= Date.now()) return { status: 'expired' };
  const user: SessionUser = {
    id: row.user_id,
    agencyId: row.agency_id,
    agencyName: row.agency_name,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
  };
  return {
    status: 'valid',
    session: {
      tokenHash: row.token_hash,
      user,
      viewer: { userId: user.id, agencyId: user.agencyId, role: user.role },
      expiresAt: row.expires_at,
    },
  };
}

/**
 * What the change feed hears when sessions end: live streams on every instance recheck their
 * session at once instead of at their next periodic check (replication/live-stream.ts).
 */
export const SESSIONS_CHANGED = 'sessions';

export async function announceSessionsEnded(db: Queryable): Promise<void> {
  await db.query("SELECT pg_notify('portico_changes', $1)", [SESSIONS_CHANGED]);
}

export async function revokeSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('UPDATE sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL', [
    tokenHash,
  ]);
  await announceSessionsEnded(db);
}

/** Ends every session of a staff member, except `keep` (the one that asked, on a password change). */
export async function revokeUserSessions(db: Queryable, userId: string, keep?: string): Promise<number> {
  const result = await db.query(
    `UPDATE sessions SET revoked_at = now()
      WHERE user_id = $1::uuid AND revoked_at IS NULL AND token_hash IS DISTINCT FROM $2`,
    [userId, keep ?? null],
  );
  await announceSessionsEnded(db);
  return result.rowCount;
}
