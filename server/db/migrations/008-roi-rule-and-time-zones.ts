import type { Migration } from './index';

/**
 * One active Release of Information per client, and agencies' calendars.
 *
 * - `agencies.time_zone`: an IANA name. ROIs are signed and run on calendar dates, and "today" is
 *   the agency's (shared/domain/time-zone.ts), never the server's. The server checks a name
 *   against Intl's time zone data before storing it; the CHECK keeps at least the shape.
 * - Mass sends skip a client who already has an open ROI request (`roi_request_open`), as a
 *   single send refuses one.
 */
export const roiRuleAndTimeZones: Migration = {
  id: 8,
  name: 'one open ROI request per client, agency time zones',
  statements: [
    `ALTER TABLE agencies ADD COLUMN time_zone text NOT NULL DEFAULT 'America/Los_Angeles'
       CHECK (time_zone ~ '^[A-Za-z][A-Za-z0-9_+-]{0,31}(/[A-Za-z0-9_+-]{1,32}){0,2}$')`,
    'ALTER TABLE mass_send_recipients DROP CONSTRAINT mass_send_recipients_reason_check',
    `ALTER TABLE mass_send_recipients ADD CONSTRAINT mass_send_recipients_reason_check
       CHECK (reason IN ('active_roi', 'roi_request_open', 'no_portal_account', 'not_visible'))`,
  ],
};
