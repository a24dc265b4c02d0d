import { fork } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Queryable } from '../../server/db/database';
import { progress } from '../lib/progress';
import { percentile } from '../lib/stats';
import type { PhonesInput, PhonesResult } from './portal-phones';
import type { ScalePortalClient } from './scale-world';

/** How long the clients keep at it; BENCH_PORTAL_LOAD_SECONDS shortens a trial run. */
const LOAD_MS = Number(process.env.BENCH_PORTAL_LOAD_SECONDS ?? '60') * 1000;
export interface PortalLoad {
  post: number[];
  read: number[];
  errors: string[];
  accepted: number;
  /** Accepted messages not stored exactly once. */
  lost: number;
  doubled: number;
}

const PHONES = resolve(dirname(fileURLToPath(import.meta.url)), 'portal-phones.ts');

/** Runs the phones in a child process of their own and answers what they measured. */
function runPhones(input: PhonesInput): Promise<PhonesResult> {
  const child = fork(PHONES, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise<PhonesResult>((resolveResult, reject) => {
    child.once('message', (result: PhonesResult) => resolveResult(result));
    child.once('exit', (code) => reject(new Error(`the portal phones exited with ${code} before answering`)));
    child.send(input);
  });
}

/**
 * Issue 12, item 5: many portal clients posting and reading at once (while staff streams are open,
 * which the caller arranges). Afterwards every accepted message must be stored exactly once.
 */
export async function runPortalLoad(
  db: Queryable,
  serverUrl: string,
  clients: readonly ScalePortalClient[],
): Promise<PortalLoad> {
  progress(`portal load: ${clients.length} clients posting and reading for ${LOAD_MS / 1000} s…`);
  const phones = await runPhones({ serverUrl, clients: [...clients], loadMs: LOAD_MS });
  const { acceptedIds } = phones;
  const result: PortalLoad = {
    post: phones.post,
    read: phones.read,
    errors: phones.errors,
    accepted: acceptedIds.length,
    lost: 0,
    doubled: 0,
  };
  const stored = await db.query<{ id: string; copies: number }>(
    'SELECT id::text AS id, count(*)::int AS copies FROM messages WHERE id = ANY($1::uuid[]) GROUP BY id',
    [acceptedIds],
  );
  result.lost = acceptedIds.length - stored.rows.length;
  result.doubled = stored.rows.filter((row) => row.copies !== 1).length;
  const p = (samples: number[], q: number) => (samples.length ? percentile(samples, q).toFixed(1) : '—');
  progress(
    `  ${result.accepted} posts accepted (post p50 ${p(result.post, 50)} ms, p99 ${p(result.post, 99)} ms; ` +
      `read p50 ${p(result.read, 50)} ms, p99 ${p(result.read, 99)} ms); ${result.errors.length} errors, ` +
      `${result.lost} lost, ${result.doubled} stored twice`,
  );
  for (const error of [...new Set(result.errors)].slice(0, 5)) progress(`  error: ${error}`);
  return result;
}
