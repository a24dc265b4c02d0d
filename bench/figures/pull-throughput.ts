import { performance } from 'node:perf_hooks';
import type { AgencyServer } from '../../server/app';
import { type Figure, ratioFigure } from '../report';
import type { BenchWorld } from '../world/world';

const PAGE = 1000;

async function signIn(server: AgencyServer, world: BenchWorld): Promise<string> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: world.staff.username, password: world.staff.password }),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

/**
 * Figure 8: the staff member's full pull of the clients collection over HTTP, page by page
 * (authorization, checkpoints, JSON), beside the floor: the same rows read with one plain SELECT
 * and serialized.
 */
export async function benchPullThroughput(server: AgencyServer, world: BenchWorld): Promise<Figure> {
  const token = await signIn(server, world);
  const started = performance.now();
  let seq = 0;
  let received = 0;
  for (;;) {
    const response = await fetch(`${server.url}/api/replication/clients/pull?seq=${seq}&limit=${PAGE}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = (await response.json()) as { documents: unknown[]; checkpoint: { seq: number } | null };
    received += page.documents.length;
    if (!page.checkpoint || page.documents.length < PAGE) break;
    seq = page.checkpoint.seq;
  }
  const pullMs = performance.now() - started;
  if (received !== world.scale.clients)
    throw new Error(`pulled ${received} clients, expected ${world.scale.clients}`);

  const floorStarted = performance.now();
  const rows = await server.db.query('SELECT * FROM clients WHERE agency_id = $1::uuid ORDER BY seq', [
    world.agencyId,
  ]);
  JSON.stringify(rows.rows);
  const floorMs = performance.now() - floorStarted;
  return ratioFigure(`full pull of ${received} clients over HTTP`, pullMs, 'ms', floorMs, 4);
}
