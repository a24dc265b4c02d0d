import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AgencyServer } from '../../server/app';
import { progress } from '../lib/progress';
import { type Figure, ratioFigure } from '../report';
import type { BenchWorld } from '../world/world';

const RECIPIENTS = 5_000;

/** 5,000 at the scale; half the agency when BENCH_SCALE makes it smaller than 10,000. */
function recipientCount(world: BenchWorld): number {
  return Math.min(RECIPIENTS, Math.floor(world.scale.clients / 2));
}
const TARGET_RATIO = 3;
/** How often the job is looked at while it runs: small beside a send of several seconds. */
const POLL_MS = 20;
const JOB_TIMEOUT_MS = 5 * 60_000;
const BODY_HTML = '<p>The clinic at <strong>Harbor House</strong> is open this Saturday, 9 to 12.</p>';
const BODY_TEXT = 'The clinic at Harbor House is open this Saturday, 9 to 12.';

interface JobView {
  id: string;
  status: string;
  total: number;
  sent: number;
  skipped: number;
  error: string | null;
}

async function staffToken(server: AgencyServer, world: BenchWorld): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: world.staff.username, password: world.staff.password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Mass sending reaches only clients connected to the Customer Portal; the world connects a few,
 * so 5,000 of the agency's clients get an account here (one set-based INSERT, not timed).
 */
async function connectRecipients(server: AgencyServer, world: BenchWorld): Promise<string[]> {
  const hash = await server.db.query<{ password_hash: string }>(
    'SELECT password_hash FROM client_accounts LIMIT 1',
  );
  const passwordHash = hash.rows[0]?.password_hash;
  if (!passwordHash) throw new Error('the world has no portal account to copy a password hash from');
  const connected = await server.db.query<{ client_id: string }>(
    `INSERT INTO client_accounts (client_id, username, password_hash)
     SELECT c.id, 'mass-' || c.id::text, $3 FROM clients c
      WHERE c.agency_id = $1::uuid AND NOT c.deleted
        AND NOT EXISTS (SELECT 1 FROM client_accounts a WHERE a.client_id = c.id)
      ORDER BY c.id LIMIT $2
     RETURNING client_id::text AS client_id`,
    [world.agencyId, recipientCount(world), passwordHash],
  );
  const ids = connected.rows.map((row) => row.client_id);
  if (ids.length !== recipientCount(world))
    throw new Error(`connected ${ids.length} clients, expected ${recipientCount(world)}`);
  return ids;
}

/** The job, as the MASS SENDING page follows it, until the worker has served every recipient. */
async function waitForJob(server: AgencyServer, token: string, id: string): Promise<JobView> {
  const deadline = performance.now() + JOB_TIMEOUT_MS;
  while (performance.now() < deadline) {
    const response = await fetch(`${server.url}/api/mass-sends/${id}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw new Error(`reading the job failed: ${response.status} ${await response.text()}`);
    const { job } = (await response.json()) as { job: JobView };
    if (job.status === 'done' || job.status === 'failed') return job;
    await sleep(POLL_MS);
  }
  throw new Error(`the mass send did not finish within ${JOB_TIMEOUT_MS / 1000} s`);
}

/**
 * The floor: the same 5,000 messages, into the same conversations, as one plain multi-row
 * INSERT … VALUES in one transaction (the stamp trigger and constraints still run per row).
 */
async function plainInsertMs(server: AgencyServer, world: BenchWorld, recipients: string[]): Promise<number> {
  const threads = await server.db.query<{ id: string; client_id: string }>(
    `SELECT id::text AS id, client_id::text AS client_id FROM threads
      WHERE staff_id = $1::uuid AND client_id = ANY($2::uuid[])`,
    [world.staff.id, recipients],
  );
  if (threads.rows.length !== recipients.length)
    throw new Error(
      `found ${threads.rows.length} conversations for the floor, expected ${recipients.length}`,
    );
  const params: unknown[] = [world.agencyId, world.staff.id, BODY_HTML, BODY_TEXT];
  const rows = threads.rows.map((thread) => {
    params.push(randomUUID(), thread.id, thread.client_id);
    const n = params.length;
    return `($${n - 2}::uuid, $${n - 1}::uuid, $${n}::uuid, $1::uuid, false, 'staff', $2::uuid, $3, $4, now())`;
  });
  const sql = `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id,
                                     body_html, body_text, sent_at) VALUES ${rows.join(', ')}`;
  const started = performance.now();
  await server.db.transaction((tx) => tx.query(sql, params));
  return performance.now() - started;
}

/**
 * Issue 6's figure: one message to 5,000 clients through MASS SENDING, from the job's POST until
 * the background worker reports every recipient served (each batch: decide, start missing
 * conversations, store each client's copy, count, audit), beside one plain multi-row INSERT of
 * the same messages on the same database. The floor runs twice after the send and the faster
 * run counts, so one burst of other work does not set the ratio.
 */
export async function benchMassSend(server: AgencyServer, world: BenchWorld): Promise<Figure> {
  progress(`mass send: one message to ${recipientCount(world).toLocaleString('en-US')} clients…`);
  const recipients = await connectRecipients(server, world);
  const token = await staffToken(server, world);
  const jobId = randomUUID();
  const started = performance.now();
  const response = await fetch(`${server.url}/api/mass-sends`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      id: jobId,
      kind: 'message',
      clientIds: recipients,
      html: BODY_HTML,
      private: false,
    }),
  });
  if (response.status !== 202)
    throw new Error(`the mass send was refused: ${response.status} ${await response.text()}`);
  const acceptedMs = performance.now() - started;
  const job = await waitForJob(server, token, jobId);
  const sendMs = performance.now() - started;
  if (job.status !== 'done' || job.sent !== recipients.length)
    throw new Error(
      `the mass send ended ${job.status} with ${job.sent} sent, ${job.skipped} skipped: ${job.error}`,
    );
  const floorMs = Math.min(
    await plainInsertMs(server, world, recipients),
    await plainInsertMs(server, world, recipients),
  );
  progress(
    `  send ${sendMs.toFixed(0)} ms (accepted after ${acceptedMs.toFixed(0)} ms), plain INSERT ${floorMs.toFixed(0)} ms`,
  );
  return ratioFigure(
    `mass send of a message to ${recipients.length.toLocaleString('en-US')} clients (${server.db.kind})`,
    sendMs,
    'ms',
    floorMs,
    TARGET_RATIO,
  );
}
