import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const RESULT_PREFIX = 'BENCH_RESULT ';

/** Prints a probe's result where its parent looks for it. */
export function reportResult(result: unknown): void {
  console.log(`${RESULT_PREFIX}${JSON.stringify(result)}`);
}

/**
 * Runs a bench script in a fresh Node process (so "cold" means cold: no module, page or JIT state
 * from the bench) and returns the result it reported.
 */
export async function runProbe<Result>(script: string, input: unknown): Promise<Result> {
  const profileDir = process.env.BENCH_PROFILE;
  const child = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : []),
      // Lets a probe collect the garbage of its own setup before it starts timing.
      '--expose-gc',
      '--import',
      'tsx',
      script,
      JSON.stringify(input),
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  const line = output.split('\n').find((candidate) => candidate.startsWith(RESULT_PREFIX));
  if (code !== 0 || !line) throw new Error(`${script} failed (exit ${code}):\n${output}`);
  return JSON.parse(line.slice(RESULT_PREFIX.length)) as Result;
}
