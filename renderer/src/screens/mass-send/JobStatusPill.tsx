import type { MassSendJobView } from '../../../../shared/domain/mass-send';
import { Icon } from '../../components/Icon';
import { JOB_STATUS_ICONS, JOB_STATUS_LABELS, JOB_STATUS_TONES } from './job-status';

/** Where a mass send stands; a running one shows how far it has got. */
export function JobStatusPill({ job }: { job: MassSendJobView }) {
  return (
    <span className={`pill ${JOB_STATUS_TONES[job.status]}`}>
      <Icon name={JOB_STATUS_ICONS[job.status]} size={12} />
      {JOB_STATUS_LABELS[job.status]}
      {job.status === 'running' && job.total > 0 && ` ${Math.floor((job.processed / job.total) * 100)}%`}
    </span>
  );
}
