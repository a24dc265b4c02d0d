import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { sleep } from '../lib/stats';
import { LIVE_HTML } from './live-at-scale';
import type { ScalePortalClient } from './scale-world';

/*
 * A child process playing many phones on the Customer Portal at once (issue 12, item 5), so the
 * clients' own work (HTTP, JSON, timers) runs beside the agency server, as phones do, and not on
 * the server's event loop. Input from the parent: PhonesInput; answer: PhonesResult, then it exits.
 */

/** A person on a phone reads the answer before writing again: 0.5–1.5 s between rounds. */
const THINK_MIN_MS = 500;
const THINK_SPREAD_MS = 1000;
const REQUEST_TIMEOUT_MS = 10_000;

export interface PhonesInput {
  serverUrl: string;
  clients: ScalePortalClient[];
  loadMs: number;
}

export interface PhonesResult {
  post: number[];
  read: number[];
  errors: string[];
  acceptedIds: string[];
}

async function timedRequest(url: string, init: RequestInit): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  await response.arrayBuffer();
  if (response.status >= 300) throw new Error(`${init.method ?? 'GET'} answered ${response.status}`);
  return performance.now() - started;
}

/** One client's rounds: post a message to its conversation, read the conversation back, think. */
async function phone(input: PhonesInput, client: ScalePortalClient, until: number, result: PhonesResult) {
  const headers = { authorization: `Bearer ${client.token}` };
  const threadUrl = `${input.serverUrl}/api/portal/threads/${client.threadId}`;
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
      result.acceptedIds.push(id);
      result.read.push(await timedRequest(threadUrl, { headers }));
    } catch (error) {
      result.errors.push(error instanceof Error ? error.message : String(error));
    }
    await sleep(THINK_MIN_MS + Math.random() * THINK_SPREAD_MS);
  }
}

process.once('message', (input: PhonesInput) => {
  const result: PhonesResult = { post: [], read: [], errors: [], acceptedIds: [] };
  const until = performance.now() + input.loadMs;
  void Promise.all(input.clients.map((client) => phone(input, client, until, result))).then(() => {
    process.send?.(result, () => process.exit(0));
  });
});
