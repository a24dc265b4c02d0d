/*
 * The client's privacy page (issue 17): who can see their record and who looked at it. The server
 * answers with kinds and names; the portal puts them in plain words in the client's language.
 */

/** Why an agency can see the record. */
export type AccessReason =
  | { kind: 'own'; agency: string; since: string }
  | { kind: 'shared'; agency: string; sharedBy: string; since: string }
  | { kind: 'care_team'; agency: string; role: string; since: string }
  | { kind: 'system_admins' };

/** What part of the record a staff member looked at. */
export const VIEWED_PARTS = [
  'profile',
  'messages',
  'document',
  'assessment',
  'location',
  'roi',
  'file',
  'record',
] as const;
export type ViewedPart = (typeof VIEWED_PARTS)[number];

export interface RecordViewEntry {
  at: string;
  agency: string;
  /** The staff member's title ("Case manager"), or their role in words when they have none. */
  role: string;
  /** Only when their agency lets clients see staff names. */
  name: string | null;
  part: ViewedPart;
}

/**
 * Another agency the client may stop sharing their record with (never their own agency), and
 * whether they have: while `withdrawn`, none of its staff see the record, shared or on the care
 * team.
 */
export interface SharingChoice {
  agencyId: string;
  agency: string;
  withdrawn: boolean;
  /** When sharing was withdrawn; null while it is not. */
  withdrawnAt: string | null;
}

export interface PrivacyView {
  whoCanSee: AccessReason[];
  /** Every other agency, by name. */
  sharing: SharingChoice[];
  views: RecordViewEntry[];
  /** How far back `views` reaches, in days. */
  days: number;
}

/** What a desktop's view report (`client.view`'s `what`) says was shown. */
export function viewedPart(what: unknown, action: string): ViewedPart {
  if (action === 'file.download') return 'file';
  if (what === 'profile') return 'profile';
  if (what === 'messages') return 'messages';
  if (typeof what === 'string' && what.startsWith('records:')) {
    const kind = what.slice('records:'.length);
    if (kind === 'document' || kind === 'assessment' || kind === 'location' || kind === 'roi') return kind;
  }
  return 'record';
}
