import { useEffect, useRef } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { Icon } from '../../components/Icon';
import { plural } from '../../lib/format';
import { isActive, useMassSendJobsStore } from '../../stores/mass-send-jobs-store';
import { routeHash } from '../../stores/navigation-store';
import { JobProgress } from './JobProgress';
import { JobResults } from './JobResults';
import { useJobPolling } from './use-job-polling';

/**
 * One mass send's progress and results. The jobs are read every second while this one is still
 * moving; its per-client results are read again each time the count of processed clients changes.
 */
export function MassSendJobScreen({ jobId }: { jobId: string }) {
  const load = useMassSendJobsStore((state) => state.load);
  const status = useMassSendJobsStore((state) => state.status);
  const job = useMassSendJobsStore((state) => state.jobs.find((each) => each.id === jobId) ?? null);
  const results = useMassSendJobsStore((state) => (state.results?.jobId === jobId ? state.results : null));
  const loadResults = useMassSendJobsStore((state) => state.loadResults);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Until the job shows up (just queued, list not read yet) keep asking too.
  useJobPolling(job ? isActive(job) : status !== 'error');

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const processed = job?.processed ?? 0;
  const jobStatus = job?.status ?? null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `processed` moving is what calls for a new read.
  useEffect(() => {
    // Results live at the server: a job still in this computer's outbox has none yet.
    if (!jobStatus || jobStatus === 'waiting') return;
    void loadResults(jobId);
  }, [jobId, jobStatus, processed, loadResults]);

  return (
    <div className="page page--mass-job">
      <a className="back-link" href={routeHash({ name: 'mass-send' })}>
        <Icon name="back" size={16} />
        Back to MASS SENDING
      </a>
      <div className="page__header">
        <div>
          <h1 ref={headingRef} className="page__title" tabIndex={-1}>
            MASS SENDING
          </h1>
          <p className="page__subtitle">
            {job
              ? `Progress and results for each of the ${plural(job.total, 'client', 'clients')} this was sent to.`
              : 'Progress and results of one mass send.'}
          </p>
        </div>
      </div>
      {job ? (
        <>
          <JobProgress job={job} />
          <section className="card" aria-labelledby="job-results-title">
            <header className="card__header">
              <h2 id="job-results-title" className="card__title">
                Results
              </h2>
              {results?.status === 'ready' && (
                <span className="card__count">
                  {results.rows.length} of {job.total} processed
                </span>
              )}
            </header>
            {job.status === 'waiting' ? (
              <EmptyState
                icon="clock"
                title="Results appear once the mass send reaches the agency server."
                compact
              />
            ) : results?.status === 'error' ? (
              <EmptyState icon="warning" title="Results could not be loaded" tone="danger" compact>
                <p>{results.error}</p>
                <button
                  type="button"
                  className="button button--secondary button--sm"
                  onClick={() => void loadResults(jobId)}
                >
                  Try again
                </button>
              </EmptyState>
            ) : !results || results.status === 'loading' ? (
              <div className="recent-sends__loading" aria-busy="true">
                <span className="visually-hidden">Loading results…</span>
                <span className="skeleton skeleton--line" />
                <span className="skeleton skeleton--short" />
              </div>
            ) : (
              <JobResults rows={results.rows} running={isActive(job)} />
            )}
          </section>
        </>
      ) : status === 'ready' || status === 'error' ? (
        <div className="card">
          <EmptyState icon="megaphone" title="This mass send isn’t available">
            <p>It may be older than the recent mass sends this computer can show.</p>
            <a className="button button--secondary" href={routeHash({ name: 'mass-send' })}>
              Back to MASS SENDING
            </a>
          </EmptyState>
        </div>
      ) : (
        <div className="card recent-sends__loading" aria-busy="true">
          <span className="visually-hidden">Loading the mass send…</span>
          <span className="skeleton skeleton--title" />
          <span className="skeleton skeleton--line" />
        </div>
      )}
    </div>
  );
}
