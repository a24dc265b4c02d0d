import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { progress } from '../lib/progress';
import { percentile, sleep } from '../lib/stats';
import type { Swarm } from '../live/swarm-client';
import type { ScalePortalClient } from './scale-world';

export const LIVE_HTML =
  '<p>Is the appointment still on for tomorrow? I can be there by <strong>10am</strong>.</p>';

const SAMPLES = 100;
const WARMUP = 5;
/** Samples stop early after this long (at least MIN_SAMPLES), so a slow server cannot stall the run. */
const BUDGET_MS = 60_000;
const MIN_SAMPLES = 20;
const DELIVERY_TIMEOUT_MS = 30_000;

/** Posts a client's message through the Customer Portal API; resolves when the server answered 201. */
export async function postAsClient(serverUrl: string, client: ScalePortalClient, id: string): Promise<void> {
  const response = await fetch(`${serverUrl}/api/portal/threads/${client.threadId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, html: LIVE_HTML }),
  });
  if (response.status !== 201)
    throw new Error(`the portal answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/**
 * The floor of the live figure: the same client posts, answered, with no stream open. What a
 * stream adds on top is the live engine's part.
 */
export async function postFloor(serverUrl: string, clients: readonly ScalePortalClient[]): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + 50; i++) {
    const client = clients[i % clients.length];
    if (!client) throw new Error('no portal clients');
    const started = performance.now();
    await postAsClient(serverUrl, client, randomUUID());
    if (i >= WARMUP) samples.push(performance.now() - started);
  }
  return samples;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(what)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * Client messages, posted one after another from every agency in turn, each timed from the post
 * until every open stream of the client's agency (the staff who may see it) has delivered it.
 */
export async function liveSamples(
  serverUrl: string,
  clients: readonly ScalePortalClient[],
  swarm: Swarm,
  streams: number,
): Promise<number[]> {
  const latencies: number[] = [];
  const measuring = performance.now();
  for (let i = 0; i < WARMUP + SAMPLES; i++) {
    if (latencies.length >= MIN_SAMPLES && performance.now() - measuring > BUDGET_MS) break;
    const client = clients[i % clients.length];
    if (!client) throw new Error('no portal clients');
    const id = randomUUID();
    const { delivered } = await swarm.watch(id, client.agency);
    const started = performance.now();
    await postAsClient(serverUrl, client, id);
    const at = await withTimeout(
      delivered,
      DELIVERY_TIMEOUT_MS,
      `a client message did not reach its agency's ${streams} streams within ${DELIVERY_TIMEOUT_MS / 1000} s`,
    );
    if (i >= WARMUP) latencies.push(at - started);
    await sleep(20);
  }
  progress(
    `  ${streams} streams: ${latencies.length} samples, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`,
  );
  return latencies;
}
