import type { Migration } from './index';

/**
 * A request may be due by a day (issue 16): a calendar date in the sender's agency's time zone,
 * or none. Overdue is worked out from it and the agency's today where it is shown.
 */
export const requestDueDates: Migration = {
  id: 61,
  name: 'request due dates',
  statements: ['ALTER TABLE portal_requests ADD COLUMN due_date date'],
};
