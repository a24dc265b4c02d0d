import { DEFAULT_TIME_ZONE, isValidTimeZone, todayInTimeZone } from '../../shared/domain/time-zone';
import type { Queryable } from '../db/database';

/**
 * An agency's time zone (migration 008). The server checks a name before storing it; one this
 * runtime's Intl data does not know (written around the server) falls back to the default rather
 * than failing every signature.
 */
export async function agencyTimeZone(db: Queryable, agencyId: string): Promise<string> {
  const result = await db.query<{ time_zone: string }>('SELECT time_zone FROM agencies WHERE id = $1::uuid', [
    agencyId,
  ]);
  const zone = result.rows[0]?.time_zone ?? DEFAULT_TIME_ZONE;
  return isValidTimeZone(zone) ? zone : DEFAULT_TIME_ZONE;
}

/** Today's date in the agency's time zone, `YYYY-MM-DD`. */
export async function agencyToday(db: Queryable, agencyId: string, now: Date = new Date()): Promise<string> {
  return todayInTimeZone(await agencyTimeZone(db, agencyId), now);
}
