import type { Migration } from './index';

/**
 * When the client saw a staff message on their screen in the Customer Portal (issue 16): set once,
 * by the portal, for messages the client had (delivered). Replicated with the message, so the
 * staff who may see the conversation see "Seen". Only the time is kept: nothing else about the
 * client's session.
 */
export const messageSeen: Migration = {
  id: 60,
  name: 'when the client saw a message',
  statements: ['ALTER TABLE messages ADD COLUMN seen_at timestamptz'],
};
