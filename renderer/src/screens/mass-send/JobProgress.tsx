import { MASS_SEND_TAB_LABELS, type MassSendJobView } from '../../../../shared/domain/mass-send';
import { Icon } from '../../components/Icon';
import { formatDateTime, plural } from '../../lib/format';
import { useSyncStore } from '../../stores/sync-store';
import { JobStatusPill } from './JobStatusPill';
import { KIND_ICONS } from './job-status';

/** One mass send: what it is, a progress bar of clients processed, and its counts so far. */
export function JobProgress({ job }: { job: MassSendJobView }) {
  const syncState = useSyncStore((state) => state.status?.state);
  const online = syncState === 'online' || syncState === 'syncing';
  const percent = job.total > 0 ? Math.round((job.processed / job.total) * 100) : 0;
  return (
    <section className="card job-progress" aria-labelledby="job-progress-title">
      <header className="job-progress__head">
        <span className="job-progress__icon">
          <Icon name={KIND_ICONS[job.kind]} size={20} />
        </span>
        <div className="job-progress__what">
          <h2 id="job-progress-title" className="job-progress__title">
            {job.description || MASS_SEND_TAB_LABELS[job.kind]}
          </h2>
          <p className="job-progress__meta">
            {MASS_SEND_TAB_LABELS[job.kind]} to {plural(job.total, 'client', 'clients')} · started{' '}
            <time dateTime={job.createdAt}>{formatDateTime(job.createdAt)}</time>
          </p>
        </div>
        <JobStatusPill job={job} />
      </header>

      {job.status === 'waiting' && !online ? (
        <p className="note note--warning job-progress__note">
          <Icon name="clock" size={16} />
          Waiting to send. This mass send is saved on this computer and goes to the agency server as soon as
          Portico is back online; you can keep working meanwhile.
        </p>
      ) : job.status === 'waiting' ? (
        <p className="note job-progress__note">
          <Icon name="send" size={16} />
          Handing this mass send to the agency server…
        </p>
      ) : job.status === 'failed' ? (
        <p className="alert alert--error job-progress__note" role="alert">
          {job.error ?? 'The agency server did not accept this mass send.'}
        </p>
      ) : null}

      <div className="job-progress__bar-row">
        <div
          className={`progress${job.status === 'done' ? ' progress--done' : ''}`}
          role="progressbar"
          aria-label="Clients processed"
          aria-valuemin={0}
          aria-valuemax={job.total}
          aria-valuenow={job.processed}
          aria-valuetext={`${job.processed} of ${job.total} clients processed`}
        >
          <span className="progress__fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="job-progress__percent" aria-hidden="true">
          {percent}%
        </span>
      </div>
      <dl className="job-progress__counts" aria-live="polite">
        <div>
          <dt>Processed</dt>
          <dd>
            {job.processed} of {job.total}
          </dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd className="job-progress__sent">{job.sent}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd className={job.skipped > 0 ? 'job-progress__skipped' : undefined}>{job.skipped}</dd>
        </div>
        {job.finishedAt && (
          <div>
            <dt>Finished at</dt>
            <dd>
              <time dateTime={job.finishedAt}>{formatDateTime(job.finishedAt)}</time>
            </dd>
          </div>
        )}
      </dl>
    </section>
  );
}
