import type { Database, Queryable } from '../db/database';
import { agencyToday } from '../requests/agency-calendar';
import { CLAIMED_JOB_COLUMNS, type ClaimedJob, runBatch } from './batch';
import { MASS_SEND_CHANNEL } from './job-store';

export interface MassSendWorkerOptions {
  /** Recipients per batch: one transaction each. */
  batchSize?: number;
  /** How often an idle worker looks for jobs other instances accepted, should a notification be lost. */
  pollMs?: number;
  /** A rest between batches (tests use it to stop a server in the middle of a job). */
  pauseMs?: number;
  /** Runs inside each batch's transaction just before it commits; a throw rolls the batch back. */
  beforeCommit?: (job: { id: string; batch: number }) => Promise<void>;
}

export const DEFAULT_BATCH_SIZE = 500;
const DEFAULT_POLL_MS = 5_000;
/** Batches of one job that fail in a row before the job is ended as failed rather than retried forever. */
const MAX_FAILURES = 5;
const FAILED_MESSAGE =
  'The agency server could not finish this send. Clients already reached keep their copy; send again to reach the rest.';

interface Logger {
  error(details: object, message: string): void;
}

/**
 * Fans mass sends out, one batch per transaction, on every server instance. A batch claims the open
 * job that waited longest with FOR UPDATE SKIP LOCKED, so two instances never work one job at
 * once and jobs take turns. Everything a batch does commits together with the recipients it
 * marked and the job's counts: a server stopped or killed mid-job leaves whole batches only, and
 * whichever instance runs next continues after the last one, without duplicates or gaps.
 */
export class MassSendWorker {
  private readonly batchSize: number;
  private readonly pollMs: number;
  private readonly pauseMs: number;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private kicked = false;
  private unlisten: (() => Promise<void>) | undefined;
  private batches = 0;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    private readonly options: MassSendWorkerOptions = {},
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.pollMs = options.pollMs ?? DEFAULT_POLL_MS;
    this.pauseMs = options.pauseMs ?? 0;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.unlisten = await this.db.listen(
      MASS_SEND_CHANNEL,
      () => this.kick(),
      () => this.kick(),
    );
    this.loop = this.run();
  }

  /** Looks for work now (a job was just accepted) instead of at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  /** Stops taking batches and waits for the one under way to commit or roll back. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake?.();
    await this.unlisten?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failuresInARow = 0;
    while (!this.stopped) {
      let worked = false;
      try {
        worked = await this.step();
        failuresInARow = 0;
      } catch (error) {
        failuresInARow += 1;
        this.log.error({ err: error }, 'mass send batch failed');
      }
      if (this.stopped) return;
      // After failures, back off (1s, 2s, 4s … up to the poll interval) rather than spin on a broken database.
      const rest = failuresInARow > 0 ? Math.min(2 ** (failuresInARow - 1) * 1000, this.pollMs) : undefined;
      if (rest !== undefined) await this.sleep(rest);
      else if (!worked) await this.sleep(this.pollMs);
      else if (this.pauseMs > 0) await this.sleep(this.pauseMs);
    }
  }

  /** Waits `ms`, or less when kicked (a kick while busy ends the next wait at once) or stopped. */
  private sleep(ms: number): Promise<void> {
    if (this.kicked || this.stopped) {
      this.kicked = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.kicked = false;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.wake = finish;
    });
  }

  /** Runs one batch of some open job; false when there was none. */
  private async step(): Promise<boolean> {
    // A look without locks first, so an idle worker opens no transaction.
    const open = await this.db.query(
      `SELECT 1 FROM mass_send_jobs WHERE status IN ('queued', 'running') LIMIT 1`,
    );
    if (open.rows.length === 0) return false;
    let claimed: string | undefined;
    try {
      return await this.db.transaction(async (tx) => {
        const job = await claimJob(tx);
        if (!job) return false;
        claimed = job.id;
        await runBatch(tx, job, { batchSize: this.batchSize, today: await agencyToday(tx, job.agency_id) });
        this.batches += 1;
        await this.options.beforeCommit?.({ id: job.id, batch: this.batches });
        return true;
      });
    } catch (error) {
      if (claimed) await this.countFailure(claimed);
      throw error;
    }
  }

  /** Notes a failed batch against its job, and ends the job once it keeps failing. */
  private async countFailure(jobId: string): Promise<void> {
    await this.db
      .query(
        `UPDATE mass_send_jobs
            SET failures = failures + 1, worked_at = clock_timestamp(),
                status = CASE WHEN failures + 1 >= $2 THEN 'failed' ELSE status END,
                finished_at = CASE WHEN failures + 1 >= $2 THEN now() ELSE finished_at END,
                error = CASE WHEN failures + 1 >= $2 THEN $3 ELSE error END
          WHERE id = $1::uuid AND status IN ('queued', 'running')`,
        [jobId, MAX_FAILURES, FAILED_MESSAGE],
      )
      .catch((error: unknown) => this.log.error({ err: error }, 'could not record a failed mass send batch'));
  }
}

/** The open job that waited longest for a batch, locked; jobs another instance holds are passed over. */
async function claimJob(tx: Queryable): Promise<ClaimedJob | undefined> {
  const result = await tx.query<ClaimedJob>(
    `SELECT ${CLAIMED_JOB_COLUMNS} FROM mass_send_jobs j JOIN users u ON u.id = j.sender_staff_id
      WHERE j.status IN ('queued', 'running')
      ORDER BY j.worked_at NULLS FIRST, j.created_at
      LIMIT 1 FOR UPDATE OF j SKIP LOCKED`,
  );
  return result.rows[0];
}
