import type { StaffRole } from './roles';

/** The signed-in staff member as the agency server describes them. */
export interface SessionUser {
  id: string;
  agencyId: string;
  agencyName: string;
  username: string;
  displayName: string;
  role: StaffRole;
}

/** What the desktop knows about its session; the token itself never reaches the renderer. */
export interface SessionInfo {
  user: SessionUser;
  serverUrl: string;
  expiresAt: string;
}
