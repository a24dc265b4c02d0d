/** Staff roles. Agency admins manage their agency; system admins see every agency's records. */
export const STAFF_ROLES = ['staff', 'agency_admin', 'system_admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  staff: 'Staff',
  agency_admin: 'Agency admin',
  system_admin: 'System admin',
};
