import type { Migration } from './index';

/**
 * Notifications about a client their staff member may no longer see (issue 14, "Revocation
 * removes everything"). Such a notification is rewritten in place with words that name nobody
 * (authz/redact-notifications.ts) and marked with when that happened, so it is rewritten once and
 * never goes back to naming the client if access returns.
 */
export const redactedNotifications: Migration = {
  id: 62,
  name: 'notifications redacted when their staff member loses sight of the client',
  statements: ['ALTER TABLE staff_notifications ADD COLUMN redacted_at timestamptz'],
};
