import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SessionUser } from '../../shared/domain/session';
import { recordAudit, staffActor } from '../audit/audit-log';
import type { Database } from '../db/database';
import { HttpError, parseInput } from '../http/errors';
import { requireStaff } from './authenticate';
import { clearFailures, lockedUntil, recordFailure, refuseLocked } from './lockout';
import { verifyPassword } from './passwords';
import { createSession, revokeSession } from './sessions';
import { consumeTotpCode, loadTotp } from './totp-store';

/** Authenticator apps show codes as "123 456"; spaces are dropped before checking. */
export const totpCodeSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.replace(/\s/g, '') : value),
  z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'),
);

const loginSchema = z.object({
  username: z.string().trim().min(1, 'Enter your username.').max(100),
  password: z.string().min(1, 'Enter your password.').max(200),
  code: totpCodeSchema.optional(),
});

const WRONG_CREDENTIALS = new HttpError(401, 'invalid_credentials', 'The username or password is incorrect.');
export const TOTP_REQUIRED = new HttpError(
  401,
  'totp_required',
  'Enter the 6-digit code from your authenticator app.',
);
const WRONG_CODE = new HttpError(
  401,
  'invalid_totp_code',
  'That code is not right or was already used. Enter the current 6-digit code from your authenticator app.',
);

interface LoginRow {
  id: string;
  agency_id: string;
  agency_name: string;
  username: string;
  display_name: string;
  role: SessionUser['role'];
  active: boolean;
  password_hash: string;
}

/**
 * A failed sign-in: counted toward the lock-out and logged. The failure that reaches the limit is
 * answered with the lock-out itself, so the person learns at once why the next try will not work.
 */
async function failSignIn(
  db: Database,
  reply: FastifyReply,
  attempt: { username: string; userId: string | undefined; reason: string },
  answer: HttpError,
): Promise<never> {
  const lockedNow = await recordFailure(db, 'staff', attempt.username);
  const actor = attempt.userId
    ? staffActor(attempt.userId)
    : { kind: 'staff' as const, id: null, name: attempt.username };
  await recordAudit(db, {
    actor,
    action: 'auth.sign_in_failed',
    details: { username: attempt.username, reason: attempt.reason },
  });
  if (!lockedNow) throw answer;
  await recordAudit(db, {
    actor,
    action: 'auth.locked',
    details: { username: attempt.username, lockedUntil: lockedNow },
  });
  throw refuseLocked(reply, 'staff', lockedNow);
}

export function registerAuthRoutes(app: FastifyInstance, db: Database, sessionTtlMs: number): void {
  app.post('/api/auth/login', async (request, reply) => {
    const body = parseInput(loginSchema, request.body, 'sign-in');
    const username = body.username.toLowerCase();
    const result = await db.query<LoginRow>(
      `SELECT u.id::text AS id, u.agency_id::text AS agency_id, a.name AS agency_name, u.username, u.display_name,
              u.role, u.active, u.password_hash
         FROM users u JOIN agencies a ON a.id = u.agency_id
        WHERE u.username = $1 AND NOT u.deleted`,
      [username],
    );
    const row = result.rows[0];
    // A locked username is refused before its password is even checked, right or wrong.
    const locked = await lockedUntil(db, 'staff', username);
    if (locked) {
      await recordAudit(db, {
        actor: row ? staffActor(row.id) : { kind: 'staff', id: null, name: username },
        action: 'auth.sign_in_failed',
        details: { username, reason: 'locked' },
      });
      throw refuseLocked(reply, 'staff', locked);
    }
    const passwordOk = await verifyPassword(row?.password_hash, body.password);
    // Deactivated accounts get the same answer as wrong passwords: nothing to learn by guessing.
    if (!row || !passwordOk || !row.active) {
      const reason = !row ? 'unknown_username' : !passwordOk ? 'wrong_password' : 'deactivated';
      return failSignIn(db, reply, { username, userId: row?.id, reason }, WRONG_CREDENTIALS);
    }
    // Asked for only once the password is right, so the question reveals nothing to a guesser.
    const totp = await loadTotp(db, row.id);
    if (totp?.enabled) {
      if (body.code === undefined) throw TOTP_REQUIRED;
      if (!(await consumeTotpCode(db, row.id, totp, body.code)))
        return failSignIn(db, reply, { username, userId: row.id, reason: 'wrong_code' }, WRONG_CODE);
    }
    await clearFailures(db, 'staff', username);
    const { token, expiresAt } = await createSession(db, row.id, sessionTtlMs);
    await recordAudit(db, {
      actor: staffActor(row.id),
      action: 'auth.sign_in',
      details: { twoFactor: totp?.enabled ?? false },
    });
    const user: SessionUser = {
      id: row.id,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
    };
    return { token, user, expiresAt };
  });

  app.post('/api/auth/logout', async (request) => {
    const session = await requireStaff(db, request);
    await revokeSession(db, session.tokenHash);
    await recordAudit(db, { actor: staffActor(session.user.id), action: 'auth.sign_out' });
    return { status: 'signed-out' };
  });

  app.get('/api/auth/me', async (request) => {
    const session = await requireStaff(db, request);
    return { user: session.user, expiresAt: session.expiresAt };
  });
}
