import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { AgencyServer } from '../../server/app';
import { createSession } from '../../server/auth/sessions';
import { prepareMessageBody } from '../../server/messaging/body';
import { appendMessage, type ThreadCore } from '../../server/messaging/conversation-store';
import { cacheLocation, collectionTable, openCacheFile } from '../desktop/cache-file';
import { waitForSyncState } from '../desktop/desktop-process';
import { progress } from '../lib/progress';
import { percentile, sleep, timed } from '../lib/stats';
import { type Swarm, startSwarm } from '../live/swarm-client';
import { boundFigure, type Figure } from '../report';
import type { BenchWorld } from '../world/world';
import type { SyncedDesktop } from './initial-sync';

const SAMPLES = 100;
/** Samples stop early after this long (at least MIN_SAMPLES), so a slow server cannot stall the run. */
const BUDGET_MS = 60_000;
const MIN_SAMPLES = 20;
const WARMUP = 5;
const BOUND_MS = 100;
const SESSION_TTL_MS = 12 * 60 * 60_000;
const HTML = '<p>Is the appointment still on for tomorrow? I can be there by <strong>10am</strong>.</p>';

/**
 * The floor, one sample: a loopback HTTP round trip to the same server plus the same commit (the
 * message row and its thread's update, as the portal's send writes them) in the
 * floor agency, where no stream has anything to deliver.
 */
async function floorSample(server: AgencyServer, world: BenchWorld): Promise<number> {
  const rtt = await timed(async () => (await fetch(`${server.url}/healthz`)).text());
  const thread: ThreadCore = {
    id: world.floor.threadId,
    client_id: world.floor.clientId,
    staff_id: world.floor.staffId,
    agency_id: world.floor.agencyId,
    private: false,
    started_by: 'staff',
  };
  const body = prepareMessageBody(HTML);
  const commit = await timed(() =>
    server.db.transaction(async (tx) => {
      await appendMessage(tx, thread, {
        id: randomUUID(),
        sender: { kind: 'client', clientId: world.floor.clientId },
        body,
      });
    }),
  );
  return rtt + commit;
}

/**
 * One client message: posted through the portal API, then watched for in the desktop's cache while
 * the post is still in flight (the desktop may have it before the portal's answer, which reads the
 * message back, reaches the client). Returns when it reached the desktop and all other streams.
 */
async function oneMessage(
  serverUrl: string,
  client: BenchWorld['portalClients'][number],
  swarm: Swarm,
  inCache: (id: string) => boolean,
): Promise<{ desktop: number; everyone: number }> {
  const id = randomUUID();
  const { delivered } = await swarm.watch(id);
  const started = performance.now();
  let failure: unknown;
  const posted = fetch(`${serverUrl}/api/portal/threads/${client.threadId}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id, html: HTML }),
  }).then(async (response) => {
    if (response.status !== 201)
      throw new Error(`the portal answered ${response.status}: ${await response.text()}`);
  });
  posted.catch((error: unknown) => {
    failure = error;
  });
  while (!inCache(id)) {
    if (failure) throw failure;
    if (performance.now() - started > 30_000) throw new Error('a live message never reached the desktop');
    await sleep(1);
  }
  const arrived = performance.now();
  await posted;
  return { desktop: arrived - started, everyone: (await delivered) - started };
}

/**
 * Figure 4: a client's message, posted through the Customer Portal API, until it is in the real
 * desktop's cache (its SQLite file, read by primary key every millisecond), while 199 more staff
 * sessions hold live streams. The desktop's stream is made the newest, so it is served last of
 * the 200: its latency is the unluckiest desktop's.
 */
export async function benchLiveLatency(
  server: AgencyServer,
  world: BenchWorld,
  synced: SyncedDesktop,
): Promise<Figure[]> {
  const location = cacheLocation(synced.dataDir, world.staff.id);
  const cache = openCacheFile(location.path, location.key);
  const inCache = cache.prepare(`SELECT 1 FROM "${collectionTable('messages')}" WHERE id = ?`);

  progress('live latency: floor (loopback round trip + the same commit)…');
  const floors: number[] = [];
  for (let i = 0; i < SAMPLES; i++) floors.push(await floorSample(server, world));

  const tokens: string[] = [];
  for (const id of world.colleagueIds)
    tokens.push((await createSession(server.db, id, SESSION_TTL_MS)).token);
  progress(`live latency: opening ${tokens.length} more live streams…`);
  const swarm = await startSwarm(server.url, tokens);
  await synced.desktop.api.sync.now();
  await waitForSyncState(synced.desktop.api, 'online');
  await sleep(1_000);

  progress(
    `live latency: up to ${SAMPLES} client messages (${BUDGET_MS / 1000} s) with ${tokens.length + 1} streams open…`,
  );
  const latencies: number[] = [];
  const everyone: number[] = [];
  const measuring = performance.now();
  try {
    for (let i = 0; i < WARMUP + SAMPLES; i++) {
      if (latencies.length >= MIN_SAMPLES && performance.now() - measuring > BUDGET_MS) break;
      const client = world.portalClients[i % world.portalClients.length];
      if (!client) throw new Error('no portal clients');
      const sample = await oneMessage(server.url, client, swarm, (id) => inCache.get(id) !== undefined);
      if (i >= WARMUP) {
        latencies.push(sample.desktop);
        everyone.push(sample.everyone);
      }
      await sleep(20);
    }
  } finally {
    await swarm.close();
    cache.close();
  }
  progress(
    `  ${latencies.length} samples; desktop p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ` +
      `all 199 other streams delivered: p50 ${percentile(everyone, 50).toFixed(1)} ms, p99 ${percentile(everyone, 99).toFixed(1)} ms`,
  );
  const streams = tokens.length + 1;
  return [
    boundFigure(
      `live: client message to desktop cache, ${streams} streams, p50`,
      percentile(latencies, 50),
      'ms',
      BOUND_MS,
      percentile(floors, 50),
    ),
    boundFigure(
      `live: client message to desktop cache, ${streams} streams, p99`,
      percentile(latencies, 99),
      'ms',
      BOUND_MS,
      percentile(floors, 99),
    ),
  ];
}
