import { ageFromDateOfBirth, isValidIsoDate } from '../../../shared/domain/dates';

// Calendar dates are stored as YYYY-MM-DD without a zone; formatting them in UTC keeps
// "March 14" from turning into "March 13" west of Greenwich.
const calendarDate = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** "Mar 14, 1980"; malformed or empty dates come back unchanged so nothing is hidden. */
export function formatCalendarDate(iso: string): string {
  if (!isValidIsoDate(iso)) return iso;
  return calendarDate.format(new Date(`${iso}T00:00:00Z`));
}

/** "Mar 14, 1980 (44)" when the age is known. */
export function formatDateOfBirth(iso: string, now: Date = new Date()): string {
  const age = ageFromDateOfBirth(iso, now);
  const date = formatCalendarDate(iso);
  return age === undefined ? date : `${date} (${age})`;
}

export function formatAge(iso: string, now: Date = new Date()): string | null {
  const age = ageFromDateOfBirth(iso, now);
  return age === undefined ? null : `${age} ${age === 1 ? 'year' : 'years'} old`;
}

/** "just now", "5 minutes ago", "yesterday", or a date for anything older than a week. */
export function formatRelativeTime(isoTime: string, now: Date = new Date()): string {
  const then = new Date(isoTime);
  if (Number.isNaN(then.getTime())) return isoTime;
  const seconds = Math.round((then.getTime() - now.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return 'just now';
  if (abs < 3_600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return relative.format(Math.round(seconds / 3_600), 'hour');
  if (abs < 7 * 86_400) return relative.format(Math.round(seconds / 86_400), 'day');
  return `on ${calendarDate.format(then)}`;
}

export function formatTime(isoTime: string): string {
  const then = new Date(isoTime);
  return Number.isNaN(then.getTime()) ? isoTime : timeOfDay.format(then);
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "Last, First" as lists of clients are read and sorted in case management. */
export function listName(person: { firstName: string; lastName: string }): string {
  if (!person.lastName) return person.firstName;
  if (!person.firstName) return person.lastName;
  return `${person.lastName}, ${person.firstName}`;
}

const dateAndTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
});

/** "Jun 17, 2025, 10:42 AM" in this computer's zone: a moment, for tables and record details. */
export function formatDateTime(isoTime: string): string {
  const then = new Date(isoTime);
  return Number.isNaN(then.getTime()) ? isoTime : dateAndTime.format(then);
}

const calendarDateLocal = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
});

/** "Jun 17, 2025" for a moment, in this computer's zone. */
export function formatDay(isoTime: string): string {
  const then = new Date(isoTime);
  return Number.isNaN(then.getTime()) ? isoTime : calendarDateLocal.format(then);
}

const SIZE_UNITS = ['KB', 'MB', 'GB'] as const;

/** "812 bytes", "14.2 KB", "3.1 MB": sizes as people read them (1 KB = 1024 bytes, as file managers count). */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return plural(Math.max(0, Math.round(bytes)), 'byte', 'bytes');
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value >= 100 ? String(Math.round(value)) : value.toFixed(1).replace(/\.0$/, '');
  return `${shown} ${SIZE_UNITS[unit]}`;
}

/** Today as `YYYY-MM-DD` in this computer's zone: the day the person at the desk is living. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
