import { isValidIsoDate } from './dates';

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

/**
 * The reference product's rule for sending a Release of Information request: allowed when the
 * client has no ROI, only inactive ones, or one that expires within 7 days. The dialog and the
 * server both decide with this one function.
 */
export function canRequestRoi(rois: readonly RoiState[], today: string): boolean {
  return !rois.some(
    (roi) => isRoiInForce(roi, today) && daysBetween(today, roi.endDate) > ROI_RENEWAL_WINDOW_DAYS,
  );
}

/** The start and end of an ROI the client signs today, from the agency's default term. */
export function roiTerm(signedDate: string, termDays: number): { startDate: string; endDate: string } {
  const end = new Date(Date.parse(`${signedDate}T00:00:00Z`) + termDays * 86_400_000);
  return { startDate: signedDate, endDate: end.toISOString().slice(0, 10) };
}
