import type { Queryable } from '../db/database';
import { matchTotp } from './totp';

/** A staff member's two-factor state: set up (secret chosen) and, once confirmed, enabled. */
export interface TotpState {
  secret: string;
  enabled: boolean;
  lastStep: number;
}

export async function loadTotp(db: Queryable, userId: string): Promise<TotpState | undefined> {
  const result = await db.query<{ secret: string; enabled: boolean; last_step: number }>(
    'SELECT secret, enabled_at IS NOT NULL AS enabled, last_step FROM staff_totp WHERE user_id = $1::uuid',
    [userId],
  );
  const row = result.rows[0];
  return row && { secret: row.secret, enabled: row.enabled, lastStep: row.last_step };
}

/**
 * Checks a code and uses it up: it is accepted only if it is right and belongs to a later step
 * than the last code accepted, and the step is recorded in the same statement, so two requests
 * racing with one code cannot both get in. `enable` also turns two-factor on (the first code).
 */
export async function consumeTotpCode(
  db: Queryable,
  userId: string,
  state: TotpState,
  code: string,
  enable = false,
): Promise<boolean> {
  const step = matchTotp(state.secret, code, state.lastStep);
  if (step === undefined) return false;
  const result = await db.query(
    `UPDATE staff_totp SET last_step = $2, enabled_at = CASE WHEN $3::boolean THEN now() ELSE enabled_at END
      WHERE user_id = $1::uuid AND last_step < $2 AND secret = $4`,
    [userId, step, enable, state.secret],
  );
  return result.rowCount === 1;
}
