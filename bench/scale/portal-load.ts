import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Queryable } from '../../server/db/database';
import { progress } from '../lib/progress';
import { percentile, sleep } from '../lib/stats';
import { LIVE_HTML } from './live-at-scale';
import type { ScalePortalClient } from './scale-world';

/** How long the clients keep at it; BENCH_PORTAL_LOAD_SECONDS shortens a trial run. */
const LOAD_MS = Number(process.env.BENCH_PORTAL_LOAD_SECONDS ?? '60') * 1000;
/** A person on a phone reads the answer before writing again: 0.5–1.5 s between rounds. */
const THINK_MIN_MS = 500;
const THINK_SPREAD_MS = 1000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface PortalLoad {
  post: number[];
  read: number[];
  errors: string[];
  accepted: number;
  /** Accepted messages not stored exactly once. */
  lost: number;
  doubled: number;
}

async function timedRequest(url: string, init: RequestInit): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`${init.method ?? 'GET'} answered ${response.status}`);
  return performance.now() - started;
}

/** One client's rounds: post a message to its conversation, read the conversation back, think. */
async function clientLoop(
  serverUrl: string,
  client: ScalePortalClient,
  until: number,
  result: PortalLoad,
  acceptedIds: string[],
): Promise<void> {
  const headers = { authorization: `Bearer ${client.token}` };
  const threadUrl = `${serverUrl}/api/portal/threads/${client.threadId}`;
  // Staggered starts, as phones are not in step.
  await sleep(Math.random() * THINK_SPREAD_MS);
  while (performance.now() < until) {
    const id = randomUUID();
    try {
      result.post.push(
        await timedRequest(`${threadUrl}/messages`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ id, html: LIVE_HTML }),
        }),
      );
      acceptedIds.push(id);
      result.read.push(await timedRequest(threadUrl, { headers }));
    } catch (error) {
      result.errors.push(error instanceof Error ? error.message : String(error));
    }
    await sleep(THINK_MIN_MS + Math.random() * THINK_SPREAD_MS);
  }
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
  const result: PortalLoad = { post: [], read: [], errors: [], accepted: 0, lost: 0, doubled: 0 };
  const acceptedIds: string[] = [];
  const until = performance.now() + LOAD_MS;
  progress(`portal load: ${clients.length} clients posting and reading for ${LOAD_MS / 1000} s…`);
  await Promise.all(clients.map((client) => clientLoop(serverUrl, client, until, result, acceptedIds)));
  result.accepted = acceptedIds.length;
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
