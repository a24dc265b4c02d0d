import type { AgencyServer } from '../../server/app';
import { hashPassword } from '../../server/auth/passwords';
import { withBenchServer } from '../lib/bench-server';
import { progress } from '../lib/progress';
import { percentile } from '../lib/stats';
import { startSwarm } from '../live/swarm-client';
import { boundFigure, type Figure, rateFigure, ratioFigure, untargeted } from '../report';
import { BENCH_PASSWORD } from '../world/world';
import { concurrentSendsFloor, concurrentStaffSends, pickSenders } from './concurrent-sends';
import { liveSamples, postFloor } from './live-at-scale';
import { runPortalLoad } from './portal-load';
import { generateScaleWorld, SCALE_SHAPE, type ScaleWorld, streamHolders } from './scale-world';

/*
 * Issue 12, item 5: the server as a Continuum of Care runs it, 40 agencies on one server. Live
 * latency at 200 and 2,000 open streams and how it grows, portal load with streams open, and staff
 * sending at once. Targets on PostgreSQL; on embedded PGlite the figures are printed for
 * information only.
 */

const PORTAL_LOAD_CLIENTS = 150;

export interface ScaleRun {
  measure(what: string, work: () => Promise<Figure | Figure[]>): Promise<void>;
}

async function openStreams(server: AgencyServer, world: ScaleWorld, streams: number) {
  const holders = streamHolders(world, streams);
  progress(`scale: opening ${holders.length} live streams over ${world.shape.agencies} agencies…`);
  return startSwarm(
    server.url,
    holders.map((h) => h.token),
    holders.map((h) => h.group),
  );
}

export async function benchScale(run: ScaleRun): Promise<void> {
  await withBenchServer(async (server) => {
    const targeted = server.db.kind === 'postgres';
    const judged = (figure: Figure) => (targeted ? figure : untargeted(figure));
    progress(
      `scale: generating ${SCALE_SHAPE.agencies} agencies of ${SCALE_SHAPE.staffPerAgency} staff and ${SCALE_SHAPE.clientsPerAgency} clients on ${server.db.kind}…`,
    );
    const world = await generateScaleWorld(server.db, SCALE_SHAPE, await hashPassword(BENCH_PASSWORD));
    const clients = world.portalClients;
    progress('scale: floor (client posts with no stream open)…');
    const floor = await postFloor(server.url, clients);
    const p50s: Record<number, number> = {};

    await run.measure('live 200 and portal load', async () => {
      const swarm = await openStreams(server, world, 200);
      try {
        const latencies = await liveSamples(server.url, clients, swarm, 200);
        p50s[200] = percentile(latencies, 50);
        const load = await runPortalLoad(server.db, server.url, clients.slice(0, PORTAL_LOAD_CLIENTS));
        return [
          judged(boundFigure('live 200 p50', percentile(latencies, 50), 'ms', 25, percentile(floor, 50))),
          judged(boundFigure('live 200 p99', percentile(latencies, 99), 'ms', 25, percentile(floor, 99))),
          judged(boundFigure('portal load post p50', percentile(load.post, 50), 'ms', 100)),
          judged(boundFigure('portal load post p99', percentile(load.post, 99), 'ms', 100)),
          judged(boundFigure('portal load read p50', percentile(load.read, 50), 'ms', 100)),
          judged(boundFigure('portal load read p99', percentile(load.read, 99), 'ms', 100)),
          judged(boundFigure('portal load errors', load.errors.length, 'requests', 0)),
          judged(boundFigure('portal load lost or doubled', load.lost + load.doubled, 'messages', 0)),
        ];
      } finally {
        await swarm.close();
      }
    });

    await run.measure('live 2000', async () => {
      const swarm = await openStreams(server, world, 2000);
      try {
        const latencies = await liveSamples(server.url, clients, swarm, 2000);
        const figures = [
          judged(boundFigure('live 2000 p50', percentile(latencies, 50), 'ms', 100, percentile(floor, 50))),
          judged(boundFigure('live 2000 p99', percentile(latencies, 99), 'ms', 100, percentile(floor, 99))),
        ];
        const at200 = p50s[200];
        if (at200 !== undefined)
          figures.push(
            judged(
              ratioFigure('live growth (p50 2000 / p50 200)', percentile(latencies, 50), 'ms', at200, 2),
            ),
          );
        return figures;
      } finally {
        await swarm.close();
      }
    });

    await run.measure('concurrent sends', async () => {
      const senders = pickSenders(world.staff);
      // In turn, twice, so a burst of other work on the machine falls on both alike.
      const values: number[] = [];
      const floors: number[] = [];
      for (let round = 0; round < 2; round++) {
        values.push(await concurrentStaffSends(server.url, senders));
        floors.push(await concurrentSendsFloor(server.db, senders));
      }
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      progress(
        `  staff sends ${values.map((v) => v.toFixed(0)).join(', ')} commits/s; floor ${floors.map((v) => v.toFixed(0)).join(', ')} commits/s`,
      );
      return judged(
        rateFigure(
          `concurrent sends (${senders.length} at once)`,
          mean(values),
          'commits/s',
          mean(floors),
          2,
        ),
      );
    });
  });
}
