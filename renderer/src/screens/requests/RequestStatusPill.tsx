import type { RequestSummary } from '../../../../shared/domain/requests';
import { Icon } from '../../components/Icon';
import { REQUEST_STATUS_LABELS, REQUEST_STATUS_TONES } from './request-status';

/** A request's state; a refused one says why, since "Not delivered" alone leaves staff guessing. */
export function RequestStatusPill({ request }: { request: RequestSummary }) {
  return (
    <span className="request-status">
      <span className={`pill ${REQUEST_STATUS_TONES[request.status]}`}>
        {request.status === 'waiting' && <Icon name="clock" size={12} />}
        {request.status === 'failed' && <Icon name="warning" size={12} />}
        {request.status === 'completed' && <Icon name="check" size={12} />}
        {REQUEST_STATUS_LABELS[request.status]}
      </span>
      {request.status === 'failed' && request.error && (
        <span className="request-status__error">{request.error}</span>
      )}
    </span>
  );
}
