import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit, staffActor } from '../audit/audit-log';
import type { Database } from '../db/database';
import { HttpError, parseInput } from '../http/errors';
import { requireStaff } from './authenticate';
import { loadAccount, WRONG_CURRENT_PASSWORD } from './password-routes';
import { verifyPassword } from './passwords';
import { totpCodeSchema } from './routes';
import { generateTotpSecret, otpauthUri } from './totp';
import { consumeTotpCode, loadTotp } from './totp-store';

/** Turning two-factor on or off both take the current password: a session alone is not enough. */
const passwordAndCodeSchema = z.object({
  password: z.string({ error: 'Enter your password.' }).min(1, 'Enter your password.').max(200),
  code: totpCodeSchema,
});

const ALREADY_ON = new HttpError(
  409,
  'totp_already_enabled',
  'Two-factor sign-in is already on. Turn it off first to set it up with a new secret.',
);
const NOT_SET_UP = new HttpError(
  409,
  'totp_not_set_up',
  'Set up two-factor sign-in first: scan the new secret into your authenticator app.',
);
const NOT_ON = new HttpError(409, 'totp_not_enabled', 'Two-factor sign-in is not on for your account.');
const WRONG_CODE = new HttpError(
  400,
  'invalid_totp_code',
  'That code is not right or was already used. Enter the current 6-digit code from your authenticator app.',
);

async function requireCurrentPassword(db: Database, userId: string, password: string): Promise<void> {
  const account = await loadAccount(db, userId);
  if (!account || !(await verifyPassword(account.password_hash, password))) throw WRONG_CURRENT_PASSWORD;
}

/**
 * Optional two-factor sign-in for staff (TOTP, auth/totp.ts): set up a secret, confirm it with the
 * password and a first code to turn it on, turn it off with the password and a code.
 */
export function registerTotpRoutes(app: FastifyInstance, db: Database): void {
  app.get('/api/auth/totp', async (request) => {
    const { user } = await requireStaff(db, request);
    const state = await loadTotp(db, user.id);
    return { enabled: state?.enabled ?? false, pending: state !== undefined && !state.enabled };
  });

  app.post('/api/auth/totp/setup', async (request) => {
    const { user } = await requireStaff(db, request);
    const secret = generateTotpSecret();
    // A setup not yet confirmed is replaced; one that is on stays until turned off.
    const result = await db.query(
      `INSERT INTO staff_totp (user_id, secret) VALUES ($1::uuid, $2)
       ON CONFLICT (user_id) DO UPDATE SET secret = EXCLUDED.secret, created_at = now(), last_step = 0
         WHERE staff_totp.enabled_at IS NULL`,
      [user.id, secret],
    );
    if (result.rowCount === 0) throw ALREADY_ON;
    return { secret, uri: otpauthUri(secret, `${user.username} (${user.agencyName})`) };
  });

  app.post('/api/auth/totp/enable', async (request) => {
    const { user } = await requireStaff(db, request);
    const body = parseInput(passwordAndCodeSchema, request.body, 'two-factor change');
    // Before the code, so a wrong password does not use the code up.
    await requireCurrentPassword(db, user.id, body.password);
    const state = await loadTotp(db, user.id);
    if (!state) throw NOT_SET_UP;
    if (state.enabled) throw ALREADY_ON;
    const enabled = await db.transaction(async (tx) => {
      if (!(await consumeTotpCode(tx, user.id, state, body.code, true))) return false;
      await recordAudit(tx, {
        actor: staffActor(user.id),
        action: 'auth.totp_enable',
        subject: { kind: 'user', id: user.id },
      });
      return true;
    });
    if (!enabled) throw WRONG_CODE;
    return { enabled: true };
  });

  app.post('/api/auth/totp/disable', async (request) => {
    const { user } = await requireStaff(db, request);
    const body = parseInput(passwordAndCodeSchema, request.body, 'two-factor change');
    await requireCurrentPassword(db, user.id, body.password);
    const state = await loadTotp(db, user.id);
    if (!state?.enabled) throw NOT_ON;
    const disabled = await db.transaction(async (tx) => {
      if (!(await consumeTotpCode(tx, user.id, state, body.code))) return false;
      await tx.query('DELETE FROM staff_totp WHERE user_id = $1::uuid', [user.id]);
      await recordAudit(tx, {
        actor: staffActor(user.id),
        action: 'auth.totp_disable',
        subject: { kind: 'user', id: user.id },
      });
      return true;
    });
    if (!disabled) throw WRONG_CODE;
    return { enabled: false };
  });
}
