import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clientActor, recordAudit } from '../audit/audit-log';
import { clearFailures, lockedUntil, recordFailure, refuseLocked } from '../auth/lockout';
import { verifyPassword } from '../auth/passwords';
import type { Database } from '../db/database';
import { HttpError, parseInput } from '../http/errors';
import {
  createClientSession,
  lookupClientSession,
  portalRequestToken,
  requireClient,
  revokeClientSession,
} from './client-sessions';
import { clearPortalCookie, setPortalCookie } from './session-cookie';

const loginSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username.').max(100),
  password: z.string().min(1, 'Enter your password.').max(200),
});

const WRONG_CREDENTIALS = new HttpError(401, 'invalid_credentials', 'The username or password is incorrect.');

interface AccountRow {
  account_id: string;
  password_hash: string;
  active: boolean;
  client_id: string;
  first_name: string;
  last_name: string;
  client_deleted: boolean;
}

/** Customer Portal sign-in for clients: its own accounts and sessions, never a staff session. */
export function registerPortalAuthRoutes(app: FastifyInstance, db: Database, sessionTtlMs: number): void {
  app.post('/api/portal/auth/login', async (request, reply) => {
    const body = parseInput(loginSchema, request.body, 'sign-in');
    const result = await db.query<AccountRow>(
      `SELECT a.id::text AS account_id, a.password_hash, a.active, c.id::text AS client_id, c.first_name,
              c.last_name, c.deleted AS client_deleted
         FROM client_accounts a JOIN clients c ON c.id = a.client_id WHERE a.username = lower($1)`,
      [body.username],
    );
    const row = result.rows[0];
    // Lock-out as for staff (auth/lockout.ts), counted per username whether or not it exists.
    const username = body.username.toLowerCase();
    const actor = row ? clientActor(row.client_id) : { kind: 'client' as const, id: null, name: username };
    const locked = await lockedUntil(db, 'client', username);
    if (locked) {
      await recordAudit(db, {
        actor,
        action: 'portal.sign_in_failed',
        details: { username, reason: 'locked' },
      });
      throw refuseLocked(reply, 'client', locked);
    }
    const passwordOk = await verifyPassword(row?.password_hash, body.password);
    // A disabled account gets the same answer as a wrong password: nothing to learn by guessing.
    if (!row || !passwordOk || !row.active || row.client_deleted) {
      const lockedNow = await recordFailure(db, 'client', username);
      await recordAudit(db, { actor, action: 'portal.sign_in_failed', details: { username } });
      if (!lockedNow) throw WRONG_CREDENTIALS;
      await recordAudit(db, {
        actor,
        action: 'portal.locked',
        details: { username, lockedUntil: lockedNow },
      });
      throw refuseLocked(reply, 'client', lockedNow);
    }
    await clearFailures(db, 'client', username);
    const { token, expiresAt } = await createClientSession(db, row.account_id, sessionTtlMs);
    await recordAudit(db, { actor, action: 'portal.sign_in' });
    setPortalCookie(request, reply, token, expiresAt);
    return {
      token,
      client: { id: row.client_id, firstName: row.first_name, lastName: row.last_name },
      expiresAt,
    };
  });

  app.post('/api/portal/auth/logout', async (request, reply) => {
    // Cleared even when the session is already over, so the page never keeps a dead cookie.
    clearPortalCookie(request, reply);
    const session = await requireClient(db, request);
    await revokeClientSession(db, session.tokenHash);
    await recordAudit(db, { actor: clientActor(session.clientId), action: 'portal.sign_out' });
    return { status: 'signed-out' };
  });

  // What the web app asks when it opens. A visitor who has not signed in is an expected state, not
  // an error: answered 200, so the first page a new client sees makes no request that fails (a 401
  // here is a red line in the browser's console). The session cookie stays HttpOnly.
  app.get('/api/portal/session', async (request) => {
    const lookup = await lookupClientSession(db, portalRequestToken(request));
    if (lookup.status !== 'valid') return { signedIn: false };
    const { session } = lookup;
    return {
      signedIn: true,
      client: { id: session.clientId, firstName: session.firstName, lastName: session.lastName },
      expiresAt: session.expiresAt,
    };
  });

  app.get('/api/portal/me', async (request) => {
    const session = await requireClient(db, request);
    return {
      client: { id: session.clientId, firstName: session.firstName, lastName: session.lastName },
      expiresAt: session.expiresAt,
    };
  });
}
