import type { RecordSummary } from '../../../../shared/domain/requests';
import { formatCalendarDate, localToday } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { roiData } from './record-data';
import { roiStatus } from './roi-status';

const TONE_CLASS = { ok: 'pill--ok', warn: 'pill--warn', muted: 'pill--muted' } as const;

/**
 * Whether an ROI is in force today, read again each minute so "Expires in 1 day" turns over at
 * midnight; and, beside it, whether it was signed while another ROI was active (a duplicate).
 */
export function RoiStatusPill({ record, duplicate = false }: { record: RecordSummary; duplicate?: boolean }) {
  const data = roiData(record);
  const now = useNow(60_000);
  if (!data) return null;
  const status = roiStatus(data, localToday(now));
  return (
    <>
      <span className={`pill ${TONE_CLASS[status.tone]}`}>{status.label}</span>
      {duplicate && (
        <span className="pill pill--danger" title="Signed while another Release of Information was active">
          Duplicate
        </span>
      )}
    </>
  );
}

/** A signed Release of Information: who signed, when, and the term it runs for. */
export function RoiDetails({ record }: { record: RecordSummary }) {
  const data = roiData(record);
  if (!data) return <p className="muted">This Release of Information can’t be shown.</p>;
  return (
    <div className="roi-details">
      <dl className="answer-list answer-list--four">
        <div className="answer-list__row">
          <dt>Signed name</dt>
          <dd>{data.signedName}</dd>
        </div>
        <div className="answer-list__row">
          <dt>Signed date</dt>
          <dd>{formatCalendarDate(data.signedDate)}</dd>
        </div>
        <div className="answer-list__row">
          <dt>Start date</dt>
          <dd>{formatCalendarDate(data.startDate)}</dd>
        </div>
        <div className="answer-list__row">
          <dt>End date</dt>
          <dd>{formatCalendarDate(data.endDate)}</dd>
        </div>
      </dl>
    </div>
  );
}
