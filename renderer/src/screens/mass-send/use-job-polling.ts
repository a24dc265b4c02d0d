import { useEffect } from 'react';
import { useMassSendJobsStore } from '../../stores/mass-send-jobs-store';

const POLL_MS = 1_000;

/**
 * Reads the jobs again every second while `active` (a job is waiting, queued or running), so the
 * progress bar moves; it stops by itself once nothing is moving, and when the page is left.
 */
export function useJobPolling(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => void useMassSendJobsStore.getState().refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [active]);
}
