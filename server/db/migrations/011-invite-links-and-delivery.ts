import type { Migration } from './index';

/**
 * Invitation links staff can copy again while the invitation is pending: the token, sealed with a
 * key kept outside the database (portal-invites/link-sealer.ts), beside the hash that finds the
 * invitation. Cleared when the invitation stops being pending. Invitations made before this
 * migration have none: their link was shown once, and a resend makes one that can be copied again.
 */
export const inviteLinksAndDelivery: Migration = {
  id: 11,
  name: 'invite links staff can copy again; message delivery to clients who join later',
  statements: ['ALTER TABLE portal_invites ADD COLUMN token_sealed text'],
};
