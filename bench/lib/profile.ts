import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join, resolve } from 'node:path';

/**
 * Runs `work`, and with BENCH_PROFILE=<folder> records this process's CPU profile while it runs
 * (`<folder>/<name>.cpuprofile`, for Chrome DevTools or speedscope): the agency server lives in
 * this process, so this is where its side of a slow figure shows. Desktop and probe processes
 * write their own profiles to the same folder when they exit.
 */
export async function profilePhase<T>(name: string, work: () => Promise<T>): Promise<T> {
  const folder = process.env.BENCH_PROFILE;
  if (!folder) return work();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(resolve(folder), { recursive: true });
    writeFileSync(join(resolve(folder), `bench-${name}.cpuprofile`), JSON.stringify(profile));
  }
}
