import { NAMES } from '../text/names';
import type { RequestType } from './requests';

/** The tabs of the MASS SENDING page: a message, or one kind of Customer Portal request. */
export const MASS_SEND_KINDS = ['message', 'document', 'assessment', 'location', 'roi'] as const;
export type MassSendKind = (typeof MASS_SEND_KINDS)[number];

export const MASS_SEND_TAB_LABELS: Record<MassSendKind, string> = {
  message: 'Message',
  document: 'Document',
  assessment: 'Assessment',
  location: 'Location',
  roi: NAMES.releaseOfInformation,
};

export function requestTypeOf(kind: MassSendKind): RequestType | null {
  return kind === 'message' ? null : kind;
}

/** "Without any enrollment in current agency", as the recipients picker names it. */
export const WITHOUT_ENROLLMENT_LABEL = 'Without any enrollment in current agency';

/** Who a mass send goes to, before staff untick anyone. */
export interface RecipientFilter {
  /** Programs of the staff member's agency; empty with `allPrograms` false and `withoutEnrollment` false selects nobody. */
  programIds: string[];
  allPrograms: boolean;
  withoutEnrollment: boolean;
  /** Active or Inactive (exited) enrollment in the chosen programs. */
  enrollmentStatus: 'active' | 'inactive';
}

export interface RecipientPreview {
  clientId: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  /** The chosen programs this client is (or was) enrolled in. */
  programs: string[];
}

export const MASS_SEND_SKIP_REASONS = [
  'active_roi',
  'roi_request_open',
  'no_portal_account',
  'not_visible',
] as const;
export type MassSendSkipReason = (typeof MASS_SEND_SKIP_REASONS)[number];

/** Per-client results say why someone was skipped, in words for the person who sent it. */
export const MASS_SEND_SKIP_TEXTS: Record<MassSendSkipReason, string> = {
  active_roi: 'Has an active Release of Information that does not expire within 7 days.',
  roi_request_open: 'Already has an open Release of Information request; only one can be open at a time.',
  no_portal_account: 'Has no connected Customer Portal account.',
  not_visible: 'This client’s record is not available to you.',
};

export type MassSendStatus = 'waiting' | 'queued' | 'running' | 'done' | 'failed';

export interface MassSendResult {
  clientId: string;
  clientName: string;
  outcome: 'sent' | 'skipped';
  reason: MassSendSkipReason | null;
}

export interface MassSendJobView {
  id: string;
  kind: MassSendKind;
  /** What was sent: the message's first line, or the request's description. */
  description: string;
  /** `waiting`: still in this desktop's outbox; `failed`: the server refused the whole job. */
  status: MassSendStatus;
  error: string | null;
  total: number;
  processed: number;
  sent: number;
  skipped: number;
  createdAt: string;
  finishedAt: string | null;
}
