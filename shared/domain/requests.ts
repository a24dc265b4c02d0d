import type { NotificationKind } from '../replication/documents';
import { NAMES } from '../text/names';
import { addDaysToIsoDate } from './dates';

/** What staff can ask a client for through the Customer Portal. */
export const REQUEST_TYPES = ['assessment', 'document', 'location', 'roi'] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

/** The drop-down's words in SEND REQUEST TO THE CUSTOMER PORTAL, and the profile tab each result lands on. */
export const REQUEST_TYPE_LABELS: Record<RequestType, string> = {
  assessment: 'Assessments',
  document: 'Documents',
  location: 'Location',
  roi: NAMES.releaseOfInformation,
};

/**
 * What a fulfilled-request notification says once its staff member may no longer see the client
 * (care team ended, sharing ended): what happened, never who.
 */
export const REDACTED_FULFILMENT_TITLES: Record<RequestType, string> = {
  assessment: 'A client you no longer have access to completed an assessment',
  document: 'A client you no longer have access to sent a document',
  location: 'A client you no longer have access to shared a location',
  roi: 'A client you no longer have access to signed a Release of Information',
};

export const REQUEST_STATUSES = ['sent', 'viewed', 'completed', 'cancelled', 'expired'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/** A request can be cancelled by its sender until the client fulfils it. */
export function isOpenRequest(status: RequestStatus): boolean {
  return status === 'sent' || status === 'viewed';
}

/** Requests the client has not answered stop being answerable after this many days. */
export const REQUEST_EXPIRY_DAYS = 30;

/** The last day a request may be due by, sent on agency day `today`: the day it expires. */
export function latestDueDate(today: string): string {
  return addDaysToIsoDate(today, REQUEST_EXPIRY_DAYS);
}

/**
 * What is wrong with a due date (`YYYY-MM-DD`, empty for none) for a request sent on day `today`,
 * in the words staff see; undefined when it is fine. A day already past would be overdue before
 * the client saw it, one after the request expires would outlive it. The server decides by the
 * agency's calendar; SEND REQUEST says the same beforehand by the desk's.
 */
export function dueDateProblem(dueDate: string, today: string): string | undefined {
  if (dueDate === '') return undefined;
  if (dueDate < today) return 'The due date has passed. Choose today or a later day.';
  if (dueDate > latestDueDate(today))
    return `A request can be due at most ${REQUEST_EXPIRY_DAYS} days from today, when it expires. Choose an earlier day.`;
  return undefined;
}

/** An open request past its due day (`today` in the agency's calendar) is overdue. */
export function isOverdue(request: { status: string; dueDate: string }, today: string): boolean {
  const open = request.status === 'sent' || request.status === 'viewed';
  return request.dueDate !== '' && open && request.dueDate < today;
}

/**
 * Requests in the order both sides list them: the overdue ones first, the longest overdue at the
 * top, then the rest in the order given. `late` says which are overdue (each side knows its today).
 */
export function overdueFirst<T extends { dueDate: string | null }>(
  requests: readonly T[],
  late: (request: T) => boolean,
): T[] {
  const overdue = requests.filter(late).sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
  return [...overdue, ...requests.filter((request) => !late(request))];
}

/** The value of the Predefined Name drop-down that asks for a free Other Name. */
export const OTHER_DOCUMENT_NAME = 'Other';

/** A field of an assessment definition, as an agency admin sets it up. */
export interface AssessmentField {
  key: string;
  label: string;
  type: 'text' | 'textarea' | 'number' | 'date' | 'select' | 'checkbox';
  required: boolean;
  /** For select fields. */
  options: string[];
  /** For number fields: the smallest answer allowed (0 refuses negative numbers). None: any number. */
  min?: number;
}

/** Kinds of record a client's profile shows on its tabs. */
export const RECORD_KINDS = ['document', 'assessment', 'location', 'roi'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export interface DocumentFile {
  fileId: string;
  name: string;
  size: number;
  contentType: string;
}

export interface AssessmentRecordData {
  definitionId: string;
  definitionName: string;
  /** `YYYY-MM-DD`, prefilled with today for the client and editable. */
  assessmentDate: string;
  /** The definition's fields as they were when the client answered, so later edits keep old answers readable. */
  fields: AssessmentField[];
  answers: Record<string, string | number | boolean>;
}

export interface DocumentRecordData {
  categoryId: string;
  categoryName: string;
  name: string;
  files: DocumentFile[];
}

export interface LocationRecordData {
  address: string;
  latitude: number | null;
  longitude: number | null;
  /** Metres, when the device gave it. */
  accuracy: number | null;
}

export interface RoiRecordData {
  signedName: string;
  signedDate: string;
  startDate: string;
  endDate: string;
  /** An agency can end an ROI early; an ended one is inactive whatever its dates. */
  active: boolean;
}

export type RecordData = AssessmentRecordData | DocumentRecordData | LocationRecordData | RoiRecordData;

/** A row of the CUSTOMER PORTAL page. */
export interface RequestSummary {
  id: string;
  type: RequestType;
  /** What was asked, in words. */
  description: string;
  senderStaffId: string;
  senderName: string;
  sentAt: string;
  private: boolean;
  /** `waiting` while it is still in this desktop's outbox; `failed` when the server refused it. */
  status: RequestStatus | 'waiting' | 'failed';
  /** Why the server refused it, when failed. */
  error: string | null;
  /** When the client first opened it in the portal; empty until then. */
  viewedAt: string;
  completedAt: string;
  /** The day it is due by (`YYYY-MM-DD`); empty when it has none. */
  dueDate: string;
  recordId: string;
  /** The signed-in staff member sent it and the client has not answered. */
  canCancel: boolean;
}

/** What SEND REQUEST TO THE CUSTOMER PORTAL offers for one client. */
export interface RequestOptions {
  assessments: { id: string; name: string; description: string; requiredFields: number; fields: number }[];
  documentCategories: { id: string; name: string; predefinedNames: string[] }[];
  /** Whether a Release of Information request may go to this client now. */
  roiAllowed: boolean;
  /** Why not, in the pop-up's words (the product's active-ROI text, or the open request named); null when allowed. */
  roiRefusal: string | null;
}

/** One entry of a record tab (Documents, Assessments, Location, Release of Information). */
export interface RecordSummary {
  id: string;
  kind: RecordKind;
  title: string;
  submittedAt: string;
  submittedBy: 'client' | 'staff';
  /** The client, or the staff member who added it. */
  submittedByName: string;
  /** Who sent the request it answers, and when. */
  requestedByName: string;
  requestSentAt: string;
  private: boolean;
  data: RecordData;
}

/** An Inbox notification, as the Inbox lists it. */
export interface StaffNotificationView {
  id: string;
  /** A request fulfilled, or a change of this staff member's to a client that a later one replaced. */
  kind: NotificationKind;
  title: string;
  body: string;
  createdAt: string;
  read: boolean;
  clientId: string;
  clientName: string;
  /** The client is on this computer: false once they left the staff member's sight (nothing to open). */
  clientAvailable: boolean;
  recordId: string;
  recordKind: RecordKind | null;
}
