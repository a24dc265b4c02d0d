/*
 * An agency's calendar. ROIs are signed, start and end on calendar dates, and "today" is the
 * agency's today, not the server's or UTC's: at 6 pm in Los Angeles it is already tomorrow in UTC.
 * Intl's own time zone data does the work, in Node and in browsers alike.
 */

/** The time zone of an agency that has not set one (agencies.time_zone's default). */
export const DEFAULT_TIME_ZONE = 'America/Los_Angeles';

/** IANA's spelling: Area/Location (Area/Location/Sub), or a single name such as UTC. */
const IANA_NAME = /^[A-Za-z][A-Za-z0-9_+-]{0,31}(\/[A-Za-z0-9_+-]{1,32}){0,2}$/;

/** Whether `name` is an IANA time zone name this runtime knows, e.g. America/Los_Angeles. */
export function isValidTimeZone(name: string): boolean {
  if (!IANA_NAME.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The calendar date, `YYYY-MM-DD`, at `now` in `timeZone`. */
export function todayInTimeZone(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((each) => each.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** The day of an instant in `timeZone`, as staff read it: "Jun 10, 2026". */
export function formatDayInTimeZone(isoTime: string, timeZone: string): string {
  const then = new Date(isoTime);
  if (Number.isNaN(then.getTime())) return isoTime;
  return new Intl.DateTimeFormat('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone,
  }).format(then);
}
