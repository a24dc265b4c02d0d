/** One entry of an agency's audit log, as the desktop shows it to an agency admin. */
export interface AuditEntryView {
  id: number;
  occurredAt: string;
  actor: { kind: string; id: string | null; name: string };
  action: string;
  subject: { kind: string; id: string } | null;
  clientId: string | null;
  /**
   * The client's name, added by the desktop from its own cache (the server's answer has only the
   * id): present only for clients this staff member may see now.
   */
  clientName?: string;
  private: boolean;
  details: Record<string, unknown>;
  ip: string;
  userAgent: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `before` to read older entries; null at the start of the log. */
  nextBefore: number | null;
}

/** Groups of actions the log screen filters by (prefixes the server understands). */
export const AUDIT_ACTION_GROUPS: { prefix: string; label: string }[] = [
  { prefix: 'client.', label: 'Client records' },
  { prefix: 'message.', label: 'Messages' },
  { prefix: 'request.', label: 'Requests' },
  { prefix: 'mass_send.', label: 'Mass sending' },
  { prefix: 'portal.', label: 'Customer Portal' },
  { prefix: 'invite.', label: 'Invitations' },
  { prefix: 'auth.', label: 'Sign-ins and passwords' },
  { prefix: 'settings.', label: 'Settings' },
  { prefix: 'catalog.', label: 'Assessments and documents setup' },
  { prefix: 'admin.', label: 'Administration' },
  { prefix: 'file.', label: 'Files' },
  { prefix: 'record.', label: 'Records' },
];
