import { create } from 'zustand';
import type { MassSendJobView, MassSendResult, MassSendStatus } from '../../../shared/domain/mass-send';
import { bridge } from '../bridge';
import { messageOf } from '../lib/errors';

type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** A job still moving: waiting in this desktop's outbox, queued at the server, or being sent. */
export const ACTIVE_STATUSES: ReadonlySet<MassSendStatus> = new Set(['waiting', 'queued', 'running']);

export function isActive(job: MassSendJobView): boolean {
  return ACTIVE_STATUSES.has(job.status);
}

interface JobResults {
  jobId: string;
  rows: MassSendResult[];
  status: LoadStatus;
  error: string | null;
}

/** Recent mass sends with their progress, and the per-client results of the one being looked at. */
interface MassSendJobsState {
  jobs: MassSendJobView[];
  status: LoadStatus;
  error: string | null;
  results: JobResults | null;
  load(): Promise<void>;
  /** A quiet re-read (polling, sync): what is shown stays if it fails. */
  refresh(): Promise<void>;
  /** A job just queued by this desktop, shown before the next read. */
  added(job: MassSendJobView): void;
  loadResults(jobId: string): Promise<void>;
  reset(): void;
}

let latestJobs = 0;
let latestResults = 0;
/** A quiet read still under way: polling does not stack reads when the server is slow. */
let quietRead: Promise<void> | null = null;

export const useMassSendJobsStore = create<MassSendJobsState>()((set, get) => {
  const read = async (quiet: boolean): Promise<void> => {
    const request = ++latestJobs;
    if (!quiet) set({ status: 'loading', error: null });
    try {
      const jobs = await bridge.massSend.jobs();
      if (request !== latestJobs) return;
      set({ jobs, status: 'ready', error: null });
    } catch (error) {
      if (request !== latestJobs) return;
      if (!quiet || get().status !== 'ready') set({ status: 'error', error: messageOf(error) });
    }
  };

  return {
    jobs: [],
    status: 'idle',
    error: null,
    results: null,

    async load() {
      await read(get().status === 'ready');
    },

    async refresh() {
      if (get().status === 'idle') return;
      quietRead ??= read(true).finally(() => {
        quietRead = null;
      });
      await quietRead;
    },

    added(job) {
      set({ jobs: [job, ...get().jobs.filter((each) => each.id !== job.id)] });
    },

    async loadResults(jobId) {
      const request = ++latestResults;
      const current = get().results;
      const same = current?.jobId === jobId;
      if (!same) set({ results: { jobId, rows: [], status: 'loading', error: null } });
      try {
        const rows = await bridge.massSend.results({ jobId });
        if (request !== latestResults) return;
        set({ results: { jobId, rows, status: 'ready', error: null } });
      } catch (error) {
        if (request !== latestResults) return;
        const shown = get().results;
        // Results already on screen stay when a later read fails (offline for a moment).
        if (shown?.jobId === jobId && shown.status === 'ready') return;
        set({ results: { jobId, rows: [], status: 'error', error: messageOf(error) } });
      }
    },

    reset() {
      latestJobs++;
      latestResults++;
      set({ jobs: [], status: 'idle', error: null, results: null });
    },
  };
});
