import type { Migration } from './index';

/**
 * A client's messages of the last minute and day are counted before each one they send (the
 * portal's per-client limits, portal-api/client-limits.ts). Counted in the database so the limits
 * hold across server instances; this index makes the count read only the client's own recent
 * messages, however many their care team sent them.
 */
export const portalClientLimits: Migration = {
  id: 9,
  name: 'index for counting a client’s recent portal messages',
  statements: [
    `CREATE INDEX messages_client_sent_by_client ON messages (client_id, sent_at) WHERE sender_kind = 'client'`,
  ],
};
