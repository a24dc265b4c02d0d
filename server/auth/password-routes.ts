import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  PASSWORD_HISTORY_DEPTH,
  PASSWORD_PROBLEM_MESSAGES,
  STAFF_PASSWORD_MAX,
  type StaffPasswordProblem,
  staffPasswordProblems,
} from '../../shared/domain/password-rules';
import { recordAudit, staffActor } from '../audit/audit-log';
import type { Database, Queryable } from '../db/database';
import { HttpError, parseInput } from '../http/errors';
import { requireStaff } from './authenticate';
import { hashPassword, verifyPassword } from './passwords';
import { revokeUserSessions } from './sessions';

const changeSchema = z.object({
  currentPassword: z.string().min(1, 'Enter your current password.').max(STAFF_PASSWORD_MAX),
  // Longer than the rule allows, so an over-long password is refused by the rule, in its words.
  newPassword: z
    .string()
    .min(1, 'Enter a new password.')
    .max(STAFF_PASSWORD_MAX * 4),
});

export const WRONG_CURRENT_PASSWORD = new HttpError(
  403,
  'wrong_password',
  'Your current password is not correct. Type it again.',
);

/** A broken rule, named by its own code (password_too_short, …) and sentence. */
export function weakPassword(problem: StaffPasswordProblem): HttpError {
  return new HttpError(400, `password_${problem}`, PASSWORD_PROBLEM_MESSAGES[problem]);
}

interface AccountRow {
  username: string;
  display_name: string;
  password_hash: string;
}

export async function loadAccount(db: Queryable, userId: string): Promise<AccountRow | undefined> {
  const result = await db.query<AccountRow>(
    'SELECT username, display_name, password_hash FROM users WHERE id = $1::uuid',
    [userId],
  );
  return result.rows[0];
}

/** The hashes a new password must not match: the current one and the ones before it. */
async function recentHashes(db: Queryable, userId: string, current: string): Promise<string[]> {
  const earlier = await db.query<{ password_hash: string }>(
    'SELECT password_hash FROM password_history WHERE user_id = $1::uuid ORDER BY id DESC LIMIT $2',
    [userId, PASSWORD_HISTORY_DEPTH - 1],
  );
  return [current, ...earlier.rows.map((row) => row.password_hash)];
}

async function matchesAny(hashes: string[], password: string): Promise<boolean> {
  for (const hash of hashes) if (await verifyPassword(hash, password)) return true;
  return false;
}

const CHANGED_MEANWHILE = new HttpError(
  409,
  'password_changed_meanwhile',
  'Your password was changed somewhere else just now. Sign in again with the new password.',
);

/** A staff member changing their own password (the rules: shared/domain/password-rules.ts). */
export function registerPasswordRoutes(app: FastifyInstance, db: Database): void {
  app.post('/api/auth/password', async (request) => {
    const session = await requireStaff(db, request);
    const body = parseInput(changeSchema, request.body, 'password change');
    const account = await loadAccount(db, session.user.id);
    if (!account || !(await verifyPassword(account.password_hash, body.currentPassword)))
      throw WRONG_CURRENT_PASSWORD;
    const problem = staffPasswordProblems(body.newPassword, {
      username: account.username,
      displayName: account.display_name,
    })[0];
    if (problem) throw weakPassword(problem);
    if (await matchesAny(await recentHashes(db, session.user.id, account.password_hash), body.newPassword))
      throw weakPassword('recently_used');
    const newHash = await hashPassword(body.newPassword);
    const endedSessions = await db.transaction(async (tx) => {
      const current = await tx.query<{ password_hash: string }>(
        'SELECT password_hash FROM users WHERE id = $1::uuid FOR UPDATE',
        [session.user.id],
      );
      if (current.rows[0]?.password_hash !== account.password_hash) throw CHANGED_MEANWHILE;
      await tx.query('INSERT INTO password_history (user_id, password_hash) VALUES ($1::uuid, $2)', [
        session.user.id,
        account.password_hash,
      ]);
      await tx.query('UPDATE users SET password_hash = $2 WHERE id = $1::uuid', [session.user.id, newHash]);
      // Only what the history rule reads is kept; older hashes are of no use to anyone.
      await tx.query(
        `DELETE FROM password_history WHERE user_id = $1::uuid AND id NOT IN (
           SELECT id FROM password_history WHERE user_id = $1::uuid ORDER BY id DESC LIMIT $2)`,
        [session.user.id, PASSWORD_HISTORY_DEPTH - 1],
      );
      // Whoever else holds a session (another desktop, a stolen token) signs in again.
      const ended = await revokeUserSessions(tx, session.user.id, session.tokenHash);
      await recordAudit(tx, {
        actor: staffActor(session.user.id),
        action: 'auth.password_change',
        subject: { kind: 'user', id: session.user.id },
        details: { otherSessionsEnded: ended },
      });
      return ended;
    });
    return { status: 'changed', otherSessionsEnded: endedSessions };
  });
}
