import type { RecordSummary, RoiRecordData } from '../../../../shared/domain/requests';
import {
  duplicateRoiIndexes,
  isRoiInForce,
  ROI_RENEWAL_WINDOW_DAYS,
} from '../../../../shared/domain/roi-rule';
import { roiData } from './record-data';

export interface RoiStatus {
  label: string;
  tone: 'ok' | 'warn' | 'muted';
}

function daysUntil(today: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/**
 * An ROI's standing today, with the shared rule: in force, about to end (when a new request may
 * already go out), ended early by the agency, not started, or past its end date.
 */
export function roiStatus(roi: RoiRecordData, today: string): RoiStatus {
  if (isRoiInForce(roi, today)) {
    const left = daysUntil(today, roi.endDate);
    if (left <= ROI_RENEWAL_WINDOW_DAYS) {
      const label =
        left === 0 ? 'Expires today' : left === 1 ? 'Expires in 1 day' : `Expires in ${left} days`;
      return { label, tone: 'warn' };
    }
    return { label: 'Active', tone: 'ok' };
  }
  if (!roi.active) return { label: 'Inactive', tone: 'muted' };
  if (roi.startDate > today) return { label: 'Not yet in force', tone: 'muted' };
  return { label: 'Expired', tone: 'muted' };
}

/**
 * The client's ROIs that break the one-active-ROI rule (duplicateRoiIndexes): signed while another
 * one in force today still blocked a new request. Kept as signed, since they are legal records;
 * the profile and the Release of Information tab flag them.
 */
export function duplicateRoiIds(records: readonly RecordSummary[], today: string): Set<string> {
  const rois = records.flatMap((record) => {
    const data = roiData(record);
    return data ? [{ id: record.id, data }] : [];
  });
  return new Set(
    duplicateRoiIndexes(
      rois.map((roi) => roi.data),
      today,
    ).map((index) => rois[index]?.id ?? ''),
  );
}
