import { performance } from 'node:perf_hooks';

const started = performance.now();

/** One progress line, stamped with the time since the bench started, so a slow step shows itself. */
export function progress(message: string): void {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[${seconds}s] ${message}`);
}
