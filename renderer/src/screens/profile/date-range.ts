import { formatCalendarDate } from '../../lib/format';

/** "Since Mar 3, 2025" while open, "Mar 3, 2025 – Jan 9, 2026" once it has an end date. */
export function dateRange(start: string, end: string): string {
  if (!end) return start ? `Since ${formatCalendarDate(start)}` : 'No start date';
  return `${formatCalendarDate(start)} – ${formatCalendarDate(end)}`;
}
