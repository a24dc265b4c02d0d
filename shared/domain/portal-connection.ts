/** Where a client stands with the Customer Portal, as the client's profile shows it. */
export type PortalConnectionState = 'not_connected' | 'invite_pending' | 'connected';

export interface PortalConnection {
  state: PortalConnectionState;
  /**
   * The open invitation. `linkAvailable`: its link can be fetched again (portal:inviteLink) to
   * copy it, while it is pending and has not expired.
   */
  invite: { sentAt: string; expiresAt: string; sentBy: string; linkAvailable: boolean } | null;
  account: { username: string; connectedAt: string } | null;
  /** The link to give the client: in the answer that created it, or once fetched again. */
  inviteUrl: string | null;
}

/** A pending invitation's link, fetched again to give it to the client. */
export interface PortalInviteLink {
  inviteUrl: string;
  expiresAt: string;
}

export const PORTAL_CONNECTION_LABELS: Record<PortalConnectionState, string> = {
  not_connected: 'Not Connected',
  invite_pending: 'Invite Pending',
  connected: 'Connected',
};
