import type {
  AssessmentField,
  RecordData,
  RecordKind,
  RequestStatus,
  RequestType,
} from '../../../../shared/domain/requests';

/*
 * The portal API's answers, as server/portal-api and server/portal-invites send them. Restated
 * here because this browser code cannot import the server's modules (they run on Node).
 */

export interface PortalClient {
  id: string;
  firstName: string;
  lastName: string;
}

export interface SignInAnswer {
  client: PortalClient;
  expiresAt: string;
}

/** GET /api/portal/session: 200 whether or not this browser is signed in. */
export type SessionAnswer = { signedIn: false } | ({ signedIn: true } & SignInAnswer);

export type SenderKind = 'staff' | 'client';

export interface PortalThread {
  id: string;
  staffId: string;
  staffName: string;
  staffTitle: string;
  startedBy: SenderKind;
  lastMessageAt: string;
  lastSenderKind: SenderKind;
  preview: string;
  unread: boolean;
  canReply: boolean;
}

export interface PortalMessage {
  id: string;
  threadId: string;
  senderKind: SenderKind;
  senderName: string;
  sentAt: string;
  bodyHtml: string;
}

export interface PortalContact {
  staffId: string;
  name: string;
  title: string;
  agencyName: string;
  careTeamRole: string;
  acceptsMessages: boolean;
}

export interface InviteInfo {
  firstName: string;
  expiresAt: string;
}

export interface PortalRequest {
  id: string;
  type: RequestType;
  description: string;
  status: RequestStatus;
  sentAt: string;
  expiresAt: string;
  viewedAt: string | null;
  completedAt: string | null;
  /** The day it is due by (`YYYY-MM-DD`); null when it has none. */
  dueDate: string | null;
  /** Still open and past its due day. */
  overdue: boolean;
  senderName: string;
  agencyName: string;
  assessment: { id: string; name: string; description: string; fields: AssessmentField[] } | null;
  document: { categoryName: string; documentName: string } | null;
  roi: PortalRoiTerms | null;
}

/** What signing an ROI request today means (server/portal-api/request-views.ts). */
export interface PortalRoiTerms {
  termDays: number;
  /** Today in the agency's time zone: the date the server gives the signature. */
  signedDate: string;
  startDate: string;
  endDate: string;
  agencyName: string;
  /** Whether it lets the agency share beyond itself (the client's record is shared). */
  shared: boolean;
  /** The other agencies it may share with. */
  otherAgencies: string[];
}

export interface PortalRecord {
  id: string;
  kind: RecordKind;
  title: string;
  submittedAt: string;
  requestId: string | null;
  data: RecordData;
}
