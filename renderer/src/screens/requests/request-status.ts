import type { RequestSummary } from '../../../../shared/domain/requests';

type Status = RequestSummary['status'];

/** The words staff see for each state; "Waiting to send" and "Not delivered" are this desktop's own. */
export const REQUEST_STATUS_LABELS: Record<Status, string> = {
  sent: 'Sent',
  viewed: 'Viewed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  expired: 'Expired',
  waiting: 'Waiting to send',
  failed: 'Not delivered',
};

/** Pill colours: green done, teal and violet in progress, amber waiting here, red refused, grey closed. */
export const REQUEST_STATUS_TONES: Record<Status, string> = {
  sent: 'pill--info',
  viewed: 'pill--violet',
  completed: 'pill--ok',
  cancelled: 'pill--muted',
  expired: 'pill--muted',
  waiting: 'pill--warn',
  failed: 'pill--danger',
};
