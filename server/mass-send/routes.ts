import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit, staffActor } from '../audit/audit-log';
import { requireStaff } from '../auth/authenticate';
import type { Database } from '../db/database';
import { parseInput } from '../http/errors';
import { MAX_RECIPIENTS, parseMassSend } from './job-input';
import { createJob, jobForReader, jobResults, jobView, previousJob, recentJobs } from './job-store';

const jobIdSchema = z.object({ id: z.string().uuid('The mass send id must be a UUID.') });

const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

const resultsQuerySchema = z.object({
  offset: z.coerce.number().int().min(0).max(MAX_RECIPIENTS).default(0),
  limit: z.coerce.number().int().min(1).max(MAX_RECIPIENTS).default(500),
});

/**
 * MASS SENDING: staff submit a job (the desktop's outbox, possibly long after it was written
 * offline) and follow it; the fan-out runs in the background (worker.ts), not in the request.
 */
export function registerMassSendRoutes(app: FastifyInstance, db: Database, worker: { kick(): void }): void {
  app.post('/api/mass-sends', async (request, reply) => {
    const { viewer } = await requireStaff(db, request);
    const { id } = parseInput(jobIdSchema, request.body, 'mass send');
    // A resubmission is answered with the job as it is, before the body is judged again: the
    // catalog may have changed since, and the job was accepted then.
    const previous = await previousJob(db, viewer, id.toLowerCase());
    if (previous) return reply.status(200).send({ job: jobView(previous) });
    const payload = await parseMassSend(db, viewer, request.body);
    const { row, created } = await createJob(db, viewer, payload);
    // The job as a whole; each client it reaches is logged as its batch sends (migration 006).
    if (created)
      await recordAudit(db, {
        actor: staffActor(viewer.userId),
        action: 'mass_send.create',
        subject: { kind: 'mass_send', id: row.id },
        private: payload.private,
        details: { kind: row.kind, recipients: row.total },
      });
    if (created) worker.kick();
    return reply.status(created ? 202 : 200).send({ job: jobView(row) });
  });

  app.get('/api/mass-sends', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const { limit } = parseInput(listQuerySchema, request.query, 'list of mass sends');
    return { jobs: (await recentJobs(db, viewer, limit)).map(jobView) };
  });

  app.get('/api/mass-sends/:id', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const { id } = parseInput(jobIdSchema, request.params, 'mass send id');
    return { job: jobView(await jobForReader(db, viewer, id)) };
  });

  app.get('/api/mass-sends/:id/results', async (request) => {
    const { viewer } = await requireStaff(db, request);
    const { id } = parseInput(jobIdSchema, request.params, 'mass send id');
    const page = parseInput(resultsQuerySchema, request.query, 'page of results');
    const job = await jobForReader(db, viewer, id);
    return { results: await jobResults(db, viewer, job.id, page) };
  });
}
