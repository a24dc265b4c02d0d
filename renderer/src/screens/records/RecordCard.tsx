import { useId } from 'react';
import type { RecordSummary } from '../../../../shared/domain/requests';
import { Icon, type IconName } from '../../components/Icon';
import { formatDateTime } from '../../lib/format';
import { AssessmentAnswers } from './AssessmentAnswers';
import { DocumentFiles } from './DocumentFiles';
import { LocationDetails } from './LocationDetails';
import { RoiDetails, RoiStatusPill } from './RoiDetails';

const KIND_ICONS: Record<RecordSummary['kind'], IconName> = {
  document: 'document',
  assessment: 'assessment',
  location: 'location',
  roi: 'shield',
};

interface RecordCardProps {
  record: RecordSummary;
  /** The record a notification pointed at: marked until the person moves on. */
  highlighted: boolean;
  /** An ROI signed while another was active: flagged, never changed. */
  duplicate?: boolean;
}

/** One record: what it is, who sent it and when, who asked for it and when, and its contents. */
export function RecordCard({ record, highlighted, duplicate = false }: RecordCardProps) {
  const titleId = useId();
  const fromClient = record.submittedBy === 'client';
  return (
    <article
      id={`record-${record.id}`}
      className={`record-card${highlighted ? ' record-card--highlight' : ''}`}
      aria-labelledby={titleId}
      tabIndex={-1}
    >
      <header className="record-card__header">
        <span className="record-card__icon">
          <Icon name={KIND_ICONS[record.kind]} size={18} />
        </span>
        <div className="record-card__heading">
          <h3 id={titleId} className="record-card__title">
            {record.title}
          </h3>
          <p className="record-card__meta">
            <Icon name={fromClient ? 'user' : 'team'} size={13} />
            {fromClient ? 'Sent by' : 'Added by'} {record.submittedByName}
            {fromClient && <span className="record-card__role"> (client)</span>}
            {' on '}
            <time dateTime={record.submittedAt}>{formatDateTime(record.submittedAt)}</time>
          </p>
          {record.requestSentAt && record.requestedByName && (
            <p className="record-card__meta">
              <Icon name="send" size={13} />
              Requested by {record.requestedByName}
              {' on '}
              <time dateTime={record.requestSentAt}>{formatDateTime(record.requestSentAt)}</time>
            </p>
          )}
        </div>
        <div className="record-card__badges">
          {record.kind === 'roi' && <RoiStatusPill record={record} duplicate={duplicate} />}
          {record.private && (
            <span className="badge badge--private">
              <Icon name="lock" size={12} />
              Private
            </span>
          )}
        </div>
      </header>
      <div className="record-card__body">
        <RecordBody record={record} />
      </div>
    </article>
  );
}

function RecordBody({ record }: { record: RecordSummary }) {
  switch (record.kind) {
    case 'document':
      return <DocumentFiles record={record} />;
    case 'assessment':
      return <AssessmentAnswers record={record} />;
    case 'location':
      return <LocationDetails record={record} />;
    case 'roi':
      return <RoiDetails record={record} />;
  }
}
