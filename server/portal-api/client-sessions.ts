import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { PORTAL_IDLE_TIMEOUT_MS } from '../../shared/domain/portal-account';
import { bearerToken } from '../auth/authenticate';
import { hashToken } from '../auth/sessions';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import { checkPortalCsrf, portalCookieToken } from './session-cookie';

/** A client signed in to the Customer Portal. */
export interface ClientSession {
  tokenHash: string;
  accountId: string;
  clientId: string;
  firstName: string;
  lastName: string;
  expiresAt: string;
}

export type ClientSessionLookup =
  | { status: 'valid'; session: ClientSession }
  | { status: 'missing' | 'unknown' | 'expired' | 'idle' };

/** The same words staff see: a client's phone shows them as they are. */
export const CLIENT_SESSION_ERRORS = {
  missing: new HttpError(401, 'unauthenticated', 'Sign in to continue.'),
  unknown: new HttpError(401, 'invalid_session', 'Your session is not valid. Please sign in again.'),
  expired: new HttpError(401, 'session_expired', 'Your session has expired. Please sign in again.'),
  idle: new HttpError(
    401,
    'session_idle',
    'You were signed out after 30 minutes without activity. Please sign in again.',
  ),
} as const;

/** Portal tokens are random like staff ones, and only their hash is stored. */
export async function createClientSession(
  db: Queryable,
  accountId: string,
  ttlMs: number,
): Promise<{ token: string; expiresAt: string }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlMs).toISOString();
  await db.query(
    'INSERT INTO client_sessions (token_hash, account_id, expires_at) VALUES ($1, $2::uuid, $3::timestamptz)',
    [hashToken(token), accountId, expiresAt],
  );
  return { token, expiresAt };
}

interface ClientSessionRow {
  token_hash: string;
  expires_at: string;
  revoked_at: string | null;
  last_seen_at: string;
  account_id: string;
  active: boolean;
  client_id: string;
  first_name: string;
  last_name: string;
  client_deleted: boolean;
}

/**
 * How stale a session's last activity may be before a request records it again: the idle sign-out
 * comes at most this much early, and a phone posting and reading all day writes its session row
 * twice a minute instead of on every request.
 */
const LAST_SEEN_REFRESH = '30 seconds';

/**
 * The session behind a token, in one statement: the row as it was when the request came (what
 * the idle check reads) and, when the session is still good, its last activity moved to now.
 */
const LOOKUP_SQL = `
  WITH found AS (
    SELECT s.token_hash, s.expires_at, s.revoked_at, s.last_seen_at, a.id::text AS account_id, a.active,
           c.id::text AS client_id, c.first_name, c.last_name, c.deleted AS client_deleted
      FROM client_sessions s JOIN client_accounts a ON a.id = s.account_id JOIN clients c ON c.id = a.client_id
     WHERE s.token_hash = $1
  ), touched AS (
    UPDATE client_sessions SET last_seen_at = now()
     WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
       AND last_seen_at > now() - make_interval(secs => $2::float8 / 1000)
       AND last_seen_at <= now() - interval '${LAST_SEEN_REFRESH}'
       AND EXISTS (SELECT 1 FROM found WHERE found.active AND NOT found.client_deleted)
  )
  SELECT * FROM found`;

export async function lookupClientSession(
  db: Queryable,
  token: string | undefined,
): Promise<ClientSessionLookup> {
  if (!token) return { status: 'missing' };
  const result = await db.query<ClientSessionRow>(LOOKUP_SQL, [hashToken(token), PORTAL_IDLE_TIMEOUT_MS]);
  const row = result.rows[0];
  if (!row) return { status: 'unknown' };
  // A disabled account (or a removed client record) ends its sessions at once.
  if (row.revoked_at || !row.active || row.client_deleted || Date.parse(row.expires_at) <= Date.now())
    return { status: 'expired' };
  // A phone left signed in somewhere should not stay open for hours: idle sessions end too.
  if (Date.parse(row.last_seen_at) + PORTAL_IDLE_TIMEOUT_MS <= Date.now()) return { status: 'idle' };
  return {
    status: 'valid',
    session: {
      tokenHash: row.token_hash,
      accountId: row.account_id,
      clientId: row.client_id,
      firstName: row.first_name,
      lastName: row.last_name,
      expiresAt: row.expires_at,
    },
  };
}

/**
 * The session token of a portal request: a bearer token, or else the web app's cookie, which
 * must come with the portal's header when the request changes something.
 */
export function portalRequestToken(request: FastifyRequest): string | undefined {
  const bearer = bearerToken(request);
  if (bearer) return bearer;
  const cookie = portalCookieToken(request);
  if (cookie) checkPortalCsrf(request);
  return cookie;
}

/** The portal session behind a request, or a 401 that says what to do. */
export async function requireClient(db: Queryable, request: FastifyRequest): Promise<ClientSession> {
  const lookup = await lookupClientSession(db, portalRequestToken(request));
  if (lookup.status !== 'valid') throw CLIENT_SESSION_ERRORS[lookup.status];
  return lookup.session;
}

export async function revokeClientSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(
    'UPDATE client_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL',
    [tokenHash],
  );
}
