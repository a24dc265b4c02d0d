import type { FastifyRequest } from 'fastify';
import type { Database } from '../db/database';
import { HttpError } from '../http/errors';
import { lookupSession, type ResolvedSession } from './sessions';

const SESSION_ERRORS = {
  missing: new HttpError(401, 'unauthenticated', 'Sign in to continue.'),
  unknown: new HttpError(401, 'invalid_session', 'Your session is not valid. Please sign in again.'),
  expired: new HttpError(401, 'session_expired', 'Your session has expired. Please sign in again.'),
} as const;

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/** The staff session behind a request, or a 401 that says what to do. */
export async function requireStaff(db: Database, request: FastifyRequest): Promise<ResolvedSession> {
  const lookup = await lookupSession(db, bearerToken(request));
  if (lookup.status !== 'valid') throw SESSION_ERRORS[lookup.status];
  return lookup.session;
}
