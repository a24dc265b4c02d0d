import type { AssessmentField, RecordData, RecordKind, RequestStatus, RequestType } from '../domain/requests';
import type { StaffRole } from '../domain/roles';

/**
 * Documents the agency server replicates to desktops. Every one carries the server's
 * monotonic sequence (`serverSeq`) of its latest version: it orders pulls and tells a push
 * whether the desktop edited the version the server still has.
 */
export interface ReplicatedFields {
  id: string;
  updatedAt: string;
  serverSeq: number;
}

/** Agencies, staff and programs share one collection: the directory a desktop looks names up in. */
export type DirectoryKind = 'agency' | 'staff' | 'program';

export interface DirectoryDoc extends ReplicatedFields {
  kind: DirectoryKind;
  /** For an agency, its own id. */
  agencyId: string;
  name: string;
  /** Staff only; empty for agencies and programs. */
  role: StaffRole | '';
  /** Staff job title, program description; may be empty. */
  title: string;
  active: boolean;
  /** Staff only: the MY INFO "Allow Client Initiated Contact" setting. */
  allowClientContact: boolean;
}

export interface ClientDoc extends ReplicatedFields {
  agencyId: string;
  firstName: string;
  lastName: string;
  /** Lower-cased, accent-folded names so the cache answers prefix searches from an index. */
  firstNameKey: string;
  lastNameKey: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  phone: string;
  email: string;
  /** Id of the photo in the server's file store; empty when the client has none. */
  photoFileId: string;
  /** Whether staff of other agencies may see this client's record. */
  shared: boolean;
  /** Whether the client has an active Customer Portal account (mass sending lists only these). */
  portalConnected: boolean;
}

/** Care team memberships and program enrollments share one shape: a person linked to a client for a time. */
export type MembershipKind = 'careTeam' | 'enrollment';

export interface MembershipDoc extends ReplicatedFields {
  kind: MembershipKind;
  clientId: string;
  /** Care team only. */
  staffId: string;
  /** Enrollment only. */
  programId: string;
  /** Care team role ("Case manager") or empty. */
  label: string;
  startDate: string;
  /** Empty while the membership is open. */
  endDate: string;
}

export type SenderKind = 'staff' | 'client';

/**
 * A conversation between one client and one staff member through the Customer Portal. The staff
 * member's Inbox lists their threads; the client's profile lists every thread the viewer may see.
 */
export interface ThreadDoc extends ReplicatedFields {
  clientId: string;
  staffId: string;
  /** The staff member's agency: a private thread stays within it. */
  agencyId: string;
  private: boolean;
  startedBy: SenderKind;
  lastMessageAt: string;
  /** Plain text of the latest message, cut to a line, for lists. */
  lastMessagePreview: string;
  lastSenderKind: SenderKind;
  /** Whether the staff member has a message from the client they have not read; they may change it. */
  staffUnread: boolean;
}

/** One message. The body is HTML the server sanitized with the shared rich-text sanitizer. */
export interface MessageDoc extends ReplicatedFields {
  threadId: string;
  clientId: string;
  agencyId: string;
  private: boolean;
  senderKind: SenderKind;
  /** Empty when the client wrote it. */
  senderStaffId: string;
  bodyHtml: string;
  bodyText: string;
  sentAt: string;
  /**
   * When the client could first read it in the Customer Portal: when it was sent, or when the
   * client joined for a message sent while they were not connected. Empty while it waits for them.
   */
  deliveredAt: string;
  /** When the client first had a staff message on their screen in the portal; empty until then. */
  seenAt: string;
}

/** A Customer Portal request to a client: what was asked, by whom, and where it stands. */
export interface RequestDoc extends ReplicatedFields {
  clientId: string;
  /** The sender's agency: a private request stays within it. */
  agencyId: string;
  senderStaffId: string;
  type: RequestType;
  private: boolean;
  /** Assessment requests. */
  assessmentDefinitionId: string;
  /** Document requests. */
  documentCategoryId: string;
  /** The Predefined Name, or the Other Name when "Other" was chosen. */
  documentName: string;
  /** What was asked, in words: "PHQ-9", "Identification: State ID", "Location", "Release of Information". */
  description: string;
  status: RequestStatus;
  sentAt: string;
  /** Empty until it happens. */
  viewedAt: string;
  completedAt: string;
  cancelledAt: string;
  expiresAt: string;
  /** The day it is due by (`YYYY-MM-DD`, the agency's calendar); empty when it has none. */
  dueDate: string;
  /** The record the client sent back; empty until fulfilled. */
  recordId: string;
}

/** Something on a client's record: a document, an assessment, a location or an ROI. */
export interface RecordDoc extends ReplicatedFields {
  clientId: string;
  agencyId: string;
  kind: RecordKind;
  private: boolean;
  /** The request it answers; empty when added without one. */
  requestId: string;
  /** Who asked for it (the request's sender), or who added it. */
  requestedByStaffId: string;
  submittedBy: 'client' | 'staff';
  submittedAt: string;
  /** A line for lists: the assessment's name, the document's name, the address. */
  title: string;
  data: RecordData;
}

/**
 * What an Inbox notification tells: a client fulfilled a request; a client stopped sharing their
 * record with an agency, or shared it again (the portal's privacy page); a change the staff member
 * made to a client's record was not kept because someone changed the same field later (with both
 * values).
 */
export const NOTIFICATION_KINDS = [
  'request_fulfilled',
  'sharing_withdrawn',
  'sharing_restored',
  'client_edit_lost',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An Inbox notification for one staff member, e.g. a request of theirs was fulfilled. */
export interface NotificationDoc extends ReplicatedFields {
  staffId: string;
  kind: NotificationKind;
  clientId: string;
  requestId: string;
  recordId: string;
  title: string;
  body: string;
  createdAt: string;
  /** The staff member may change it. */
  read: boolean;
}

/** What an agency sets up for requests: assessment definitions, document categories, its ROI term. */
export type CatalogKind = 'assessment' | 'documentCategory' | 'agencySettings';

export interface CatalogDoc extends ReplicatedFields {
  kind: CatalogKind;
  agencyId: string;
  name: string;
  active: boolean;
  /** Assessments: requestable through the Customer Portal. */
  portalEnabled: boolean;
  /** Assessments. */
  description: string;
  fields: AssessmentField[];
  /** Document categories. */
  predefinedNames: string[];
  /** Agency settings: the default length of an ROI, in days. */
  roiTermDays: number;
}

export interface ReplicatedDocs {
  directory: DirectoryDoc;
  clients: ClientDoc;
  memberships: MembershipDoc;
  threads: ThreadDoc;
  messages: MessageDoc;
  requests: RequestDoc;
  records: RecordDoc;
  notifications: NotificationDoc;
  catalog: CatalogDoc;
}

export type ReplicatedCollection = keyof ReplicatedDocs;

export const REPLICATED_COLLECTIONS = [
  'directory',
  'clients',
  'memberships',
  'threads',
  'messages',
  'requests',
  'records',
  'notifications',
  'catalog',
] as const satisfies readonly ReplicatedCollection[];

/** A document as replication moves it: with its deletion flag (tombstones are never hard-deleted). */
export type WithDeletedFlag<T> = T & { _deleted: boolean };

/**
 * Pull checkpoints: the position of the last document the desktop has, which is the id of the
 * transaction that last wrote it, then its change sequence. Pulls go on after it in that order
 * (docs/architecture.md, "Change capture").
 */
export interface ReplicationCheckpoint {
  txid: number;
  seq: number;
}

/** Where a desktop with nothing starts. */
export const EMPTY_CHECKPOINT: ReplicationCheckpoint = { txid: 0, seq: 0 };
