import { performance } from 'node:perf_hooks';

/** The p-th percentile (0–100) by nearest rank: a value that was actually measured. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function median(samples: readonly number[]): number {
  return percentile(samples, 50);
}

/** Milliseconds `work` took. */
export async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Medians of a figure and its floor, timed in turn (value, floor, value, floor…), so a burst of
 * other work on the machine lands on both alike instead of on whichever ran during it.
 */
export async function medianPair(
  value: () => unknown,
  floor: () => unknown,
  runs: number,
): Promise<{ value: number; floor: number }> {
  value();
  floor();
  const values: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    values.push(await timed(value));
    floors.push(await timed(floor));
  }
  return { value: median(values), floor: median(floors) };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
