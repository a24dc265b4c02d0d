import { addDaysToIsoDate, isValidIsoDate } from './dates';
import { isOpenRequest, type RequestStatus } from './requests';

/** An ROI expiring within this many days may be renewed by a new request. */
export const ROI_RENEWAL_WINDOW_DAYS = 7;

export interface RoiState {
  startDate: string;
  endDate: string;
  active: boolean;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** An ROI in force today: marked active, started, and not past its end date. */
export function isRoiInForce(roi: RoiState, today: string): boolean {
  if (!roi.active || !isValidIsoDate(roi.startDate) || !isValidIsoDate(roi.endDate)) return false;
  return roi.startDate <= today && roi.endDate >= today;
}

/** An ROI in force on `day` that does not end within the renewal window after it: no new one may be asked for. */
function blocksRequestOn(roi: RoiState, day: string): boolean {
  return isRoiInForce(roi, day) && daysBetween(day, roi.endDate) > ROI_RENEWAL_WINDOW_DAYS;
}

/**
 * The reference product's rule for sending a Release of Information request: allowed when the
 * client has no ROI, only inactive ones, or one that expires within 7 days. The dialog and the
 * server both decide with this one function.
 */
export function canRequestRoi(rois: readonly RoiState[], today: string): boolean {
  return !rois.some((roi) => blocksRequestOn(roi, today));
}

/** An ROI request as the rule needs to know it. */
export interface RoiRequestState {
  status: RequestStatus;
  /** ISO time. */
  sentAt: string;
  /** ISO time; from then on the client can no longer sign it. */
  expiresAt: string;
}

/** Whether the client can still sign this request: sent or viewed, and not past its expiry. */
export function isRoiRequestOpen(request: Pick<RoiRequestState, 'status' | 'expiresAt'>, now: Date): boolean {
  return isOpenRequest(request.status) && Date.parse(request.expiresAt) > now.getTime();
}

/** Why a new ROI request may not go to a client now. */
export type RoiRequestRefusal<Request extends RoiRequestState> =
  | { reason: 'active_roi' }
  | { reason: 'open_request'; request: Request };

/**
 * One active ROI per client at a time. A new ROI request is refused while the client has an ROI
 * that blocks it (canRequestRoi), or while another ROI request to the client is still open, from
 * any staff member of any agency: two open requests could both be signed. Null when it may go.
 * When several are open, the one sent first is named. The dialog (with the requests its cache
 * holds) and the server (with every request) decide with this function.
 */
export function roiRequestRefusal<Request extends RoiRequestState>(
  rois: readonly RoiState[],
  requests: readonly Request[],
  today: string,
  now: Date,
): RoiRequestRefusal<Request> | null {
  if (!canRequestRoi(rois, today)) return { reason: 'active_roi' };
  const open = requests
    .filter((request) => isRoiRequestOpen(request, now))
    .sort((a, b) => a.sentAt.localeCompare(b.sentAt));
  const first = open[0];
  return first ? { reason: 'open_request', request: first } : null;
}

/** What the refusal says about an open request the viewer may see. */
export interface OpenRoiRequestFacts {
  senderName: string;
  agencyName: string;
  /** The day it was sent, already written out for the reader ("Jun 10, 2026"). */
  sentOn: string;
  /** The viewer sent it themselves. */
  sentByViewer: boolean;
}

/**
 * The refusal's words when another ROI request is open. `facts` is null when the viewer may not
 * see that request (another agency's private one): then it says only that one is open, which the
 * rule cannot avoid saying, and never who sent it, from where or when.
 */
export function openRoiRequestText(facts: OpenRoiRequestFacts | null): string {
  if (!facts)
    return 'This client already has an open Release of Information request from another agency. Only one can be open at a time: wait until the client signs it or it expires.';
  if (facts.sentByViewer)
    return `This client already has an open Release of Information request: you sent it on ${facts.sentOn}. Wait until the client signs it, or cancel it on the CUSTOMER PORTAL page before sending another.`;
  return `This client already has an open Release of Information request, sent by ${facts.senderName} (${facts.agencyName}) on ${facts.sentOn}. Only one can be open at a time: wait until the client signs it, or ask ${facts.senderName} to cancel it.`;
}

/**
 * ROIs that break the one-active-ROI rule: each one in force today that was signed while another
 * ROI, also in force today, still blocked a new request (a renewal signed in the last week of the
 * one before is not a duplicate). Answers their indexes in `rois`. Such duplicates were made
 * before the rule was enforced; they are legal records, kept as signed, and only flagged.
 */
export function duplicateRoiIndexes(rois: readonly RoiState[], today: string): number[] {
  const inForce = rois
    .map((roi, index) => ({ roi, index }))
    .filter(({ roi }) => isRoiInForce(roi, today))
    .sort((a, b) => a.roi.startDate.localeCompare(b.roi.startDate) || a.index - b.index);
  return inForce
    .filter((later, position) =>
      inForce.slice(0, position).some(({ roi }) => blocksRequestOn(roi, later.roi.startDate)),
    )
    .map(({ index }) => index);
}

/** The start and end of an ROI the client signs today, from the agency's default term. */
export function roiTerm(signedDate: string, termDays: number): { startDate: string; endDate: string } {
  return { startDate: signedDate, endDate: addDaysToIsoDate(signedDate, termDays) };
}
