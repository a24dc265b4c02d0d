import { useEffect } from 'react';
import { MASS_SEND_TAB_LABELS } from '../../../../shared/domain/mass-send';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { formatDateTime, plural } from '../../lib/format';
import { isActive, useMassSendJobsStore } from '../../stores/mass-send-jobs-store';
import { routeHash } from '../../stores/navigation-store';
import { JobStatusPill } from './JobStatusPill';
import { KIND_ICONS } from './job-status';
import { useJobPolling } from './use-job-polling';

/** Mass sends from this agency, newest first, each opening its per-client results. */
export function RecentMassSends() {
  const jobs = useMassSendJobsStore((state) => state.jobs);
  const status = useMassSendJobsStore((state) => state.status);
  const error = useMassSendJobsStore((state) => state.error);
  const load = useMassSendJobsStore((state) => state.load);
  useJobPolling(jobs.some(isActive));

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <section className="card recent-sends" aria-labelledby="recent-sends-title">
      <header className="card__header">
        <h2 id="recent-sends-title" className="card__title">
          Recent mass sends
        </h2>
        {jobs.length > 0 && <span className="card__count">{plural(jobs.length, 'send', 'sends')}</span>}
      </header>
      {status === 'error' ? (
        <EmptyState icon="warning" title="Recent mass sends could not be loaded" tone="danger" compact>
          <p>{error}</p>
          <button type="button" className="button button--secondary button--sm" onClick={() => void load()}>
            Try again
          </button>
        </EmptyState>
      ) : status !== 'ready' ? (
        <div className="recent-sends__loading" aria-busy="true">
          <span className="visually-hidden">Loading recent mass sends…</span>
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--short" />
        </div>
      ) : jobs.length === 0 ? (
        <EmptyState icon="megaphone" title="Nothing sent to many clients yet." compact />
      ) : (
        <ul className="recent-sends__list">
          {jobs.map((job) => (
            <li key={job.id} className="recent-send">
              <span className="recent-send__icon">
                <Icon name={KIND_ICONS[job.kind]} size={18} />
              </span>
              <div className="recent-send__main">
                <a className="recent-send__what" href={routeHash({ name: 'mass-send-job', jobId: job.id })}>
                  {job.description || MASS_SEND_TAB_LABELS[job.kind]}
                </a>
                <p className="recent-send__meta">
                  {MASS_SEND_TAB_LABELS[job.kind]} ·{' '}
                  <time dateTime={job.createdAt}>{formatDateTime(job.createdAt)}</time> ·{' '}
                  {job.status === 'done'
                    ? `${job.sent} sent${job.skipped > 0 ? `, ${job.skipped} skipped` : ''}`
                    : plural(job.total, 'client', 'clients')}
                </p>
              </div>
              <JobStatusPill job={job} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
