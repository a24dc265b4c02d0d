/** Where a client stands with the Customer Portal, as the client's profile shows it. */
export type PortalConnectionState = 'not_connected' | 'invite_pending' | 'connected';

export interface PortalConnection {
  state: PortalConnectionState;
  invite: { sentAt: string; expiresAt: string; sentBy: string } | null;
  account: { username: string; connectedAt: string } | null;
  /** The link to give the client; only right after an invite is sent or resent. */
  inviteUrl: string | null;
}

export const PORTAL_CONNECTION_LABELS: Record<PortalConnectionState, string> = {
  not_connected: 'Not Connected',
  invite_pending: 'Invite Pending',
  connected: 'Connected',
};
