import { createHash, randomBytes } from 'node:crypto';
import {
  NUDGE_SPACING_MS,
  type NudgeLanguage,
  type NudgeMedium,
  nextAllowedInstant,
  nudgeContent,
  type QuietHours,
} from '../../shared/domain/nudges';
import { DEFAULT_TIME_ZONE, isValidTimeZone } from '../../shared/domain/time-zone';
import type { Database, Queryable } from '../db/database';
import { describeEmailError } from './email-sender';
import type { NudgeServices } from './services';
import { OPTED_OUT_CODE, SmsSendError } from './sms-sender';

export interface NudgeWorkerOptions {
  /** How often each instance looks for due nudges. */
  pollMs?: number;
}

const DEFAULT_POLL_MS = 15_000;
/** Nudges claimed per round. */
const CLAIM_LIMIT = 20;
/** Tries before a nudge is given up as failed; the waits between them grow (see backoffMs). */
export const MAX_NUDGE_ATTEMPTS = 5;
/** A claim older than this belonged to an instance that stopped mid-send: the nudge is retried. */
const STALE_CLAIM = "interval '5 minutes'";

/** 1, 5, 15, 60 minutes: a mail server that is down for a while is not hammered. */
export function backoffMs(attempts: number): number {
  const minutes = [1, 5, 15, 60][Math.min(attempts, 4) - 1] ?? 60;
  return minutes * 60_000;
}

interface Logger {
  error(details: object, message: string): void;
}

interface ClaimedRow {
  id: string;
  client_id: string;
  channel: NudgeMedium;
  items: number;
  agency_id: string | null;
  attempts: number;
  first_item_at: string;
  time_zone: string;
  quiet_start: number;
  quiet_end: number;
  last_sent_at: string | null;
}

interface TargetRow {
  channel: string;
  email: string;
  email_verified_at: string | null;
  email_stopped_at: string | null;
  phone: string;
  phone_verified_at: string | null;
  sms_stopped_at: string | null;
  show_details: boolean;
  language: NudgeLanguage;
  account_active: boolean | null;
  waiting: boolean;
  agency_name: string | null;
}

export const unsubscribeHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sends nudges on every server instance. A round claims due nudges with FOR UPDATE SKIP LOCKED and
 * marks each either `sending` (claimed by this instance) or, when quiet hours or the hourly spacing
 * forbid it now, pending until the first instant they allow; it commits before anything goes out,
 * so no lock is held over the network and two instances never claim the same nudge. A nudge sent
 * and then lost with its instance (killed between the send and the write) is retried after five
 * minutes: at most one nudge too many, never one missing. All times come from the injected clock.
 */
export class NudgeWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private stopped = true;

  constructor(
    private readonly db: Database,
    private readonly services: NudgeServices,
    private readonly log: Logger,
    private readonly options: NudgeWorkerOptions = {},
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const poll = this.options.pollMs ?? DEFAULT_POLL_MS;
    this.timer = setInterval(() => this.kick(), poll);
  }

  /** Runs a round now unless one is under way. */
  kick(): void {
    this.running = this.running.then(() =>
      this.stopped
        ? 0
        : this.runOnce().catch((error: unknown) => this.log.error({ err: error }, 'nudge round failed')),
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** Claims and sends what is due now; the number sent. Tests call it directly. */
  async runOnce(): Promise<number> {
    if (!this.services.email && !this.services.sms) return 0;
    await this.releaseStaleClaims();
    let sent = 0;
    for (;;) {
      const claimed = await this.claim();
      for (const row of claimed) if (await this.deliver(row)) sent += 1;
      if (claimed.length < CLAIM_LIMIT) return sent;
    }
  }

  private now(): Date {
    return this.services.clock();
  }

  private async releaseStaleClaims(): Promise<void> {
    await this.db.query(
      `UPDATE nudges n SET status = CASE WHEN EXISTS (SELECT 1 FROM nudges p WHERE p.client_id = n.client_id
                                                         AND p.channel = n.channel AND p.status = 'pending')
                                         THEN 'cancelled' ELSE 'pending' END,
              claimed_at = NULL, updated_at = now()
        WHERE n.status = 'sending' AND n.claimed_at < now() - ${STALE_CLAIM}`,
    );
  }

  /** One transaction: lock due nudges, defer those not allowed yet, mark the rest ours. */
  private claim(): Promise<ClaimedRow[]> {
    const now = this.now();
    return this.db.transaction(async (tx) => {
      const due = await tx.query<ClaimedRow>(
        `SELECT n.id::text AS id, n.client_id::text AS client_id, n.channel, n.items, n.agency_id::text AS agency_id,
                n.attempts, n.first_item_at, a.time_zone,
                coalesce(s.quiet_start, p.quiet_start, 1260) AS quiet_start,
                coalesce(s.quiet_end, p.quiet_end, 480) AS quiet_end,
                (SELECT max(o.sent_at) FROM nudges o WHERE o.client_id = n.client_id) AS last_sent_at
           FROM nudges n
           JOIN clients c ON c.id = n.client_id
           JOIN agencies a ON a.id = c.agency_id
           LEFT JOIN agency_portal_preferences p ON p.agency_id = c.agency_id
           LEFT JOIN client_nudge_settings s ON s.client_id = n.client_id
          WHERE n.status = 'pending' AND (n.due_at IS NULL OR n.due_at <= $1::timestamptz)
          ORDER BY coalesce(n.due_at, n.first_item_at), n.id
          LIMIT ${CLAIM_LIMIT} FOR UPDATE OF n SKIP LOCKED`,
        [now.toISOString()],
      );
      const mine: ClaimedRow[] = [];
      for (const row of due.rows) {
        const allowed = allowedAt(row, now);
        if (allowed.getTime() > now.getTime()) {
          await tx.query(
            'UPDATE nudges SET due_at = $2::timestamptz, updated_at = now() WHERE id = $1::uuid',
            [row.id, allowed.toISOString()],
          );
        } else {
          await tx.query(
            `UPDATE nudges SET status = 'sending', claimed_at = now(), updated_at = now() WHERE id = $1::uuid`,
            [row.id],
          );
          mine.push(row);
        }
      }
      return mine;
    });
  }

  /** Sends one claimed nudge and records how it went; true when it went out. */
  private async deliver(row: ClaimedRow): Promise<boolean> {
    const target = await loadTarget(this.db, row);
    const destination = target ? destinationOf(target, row.channel) : undefined;
    if (!target || !destination) {
      await this.finish(row.id, `status = 'cancelled'`, []);
      return false;
    }
    if (!target.waiting) {
      // The client opened the portal and read everything before the nudge could go: nothing to say.
      await this.finish(row.id, `status = 'cancelled', last_error = ''`, []);
      return false;
    }
    const link = `${this.services.publicUrl()}/portal/`;
    const content = nudgeContent(
      target.language,
      link,
      target.show_details && target.agency_name
        ? { agencyName: target.agency_name, items: row.items }
        : undefined,
    );
    const now = this.now().toISOString();
    try {
      if (row.channel === 'email') {
        const email = this.services.email;
        if (!email) throw new Error('email is off');
        const token = randomBytes(24).toString('base64url');
        const unsubscribeUrl = `${this.services.publicUrl()}/api/nudges/unsubscribe/${token}`;
        const result = await email.send({
          to: destination,
          subject: content.subject,
          text: `${content.text}\n\n${unsubscribeWords(target.language)} ${this.services.publicUrl()}/portal/unsubscribe#${token}\n`,
          unsubscribeUrl,
        });
        await this.finish(
          row.id,
          `status = 'sent', sent_at = $2::timestamptz, destination = $3, provider_id = $4, unsubscribe_hash = $5,
           attempts = attempts + 1, last_error = '', provider_status = 'accepted'`,
          [now, destination, result.messageId, unsubscribeHash(token)],
        );
      } else {
        const sms = this.services.sms;
        if (!sms) throw new Error('texts are off');
        const result = await sms.send({
          to: destination,
          body: content.text,
          ...(this.services.hasPublicUrl
            ? { statusCallback: `${this.services.publicUrl()}/api/nudges/sms/status` }
            : {}),
        });
        await this.finish(
          row.id,
          `status = 'sent', sent_at = $2::timestamptz, destination = $3, provider_id = $4, provider_status = $5,
           attempts = attempts + 1, last_error = ''`,
          [now, destination, result.id, result.status],
        );
      }
      return true;
    } catch (error) {
      const permanent = error instanceof SmsSendError && error.permanent;
      const reason = error instanceof SmsSendError ? error.reason : describeEmailError(error);
      this.log.error({ err: error, nudge: row.id }, 'nudge not sent');
      await recordFailure(this.db, row.id, reason, permanent, this.now());
      // The provider knows of a STOP we missed (sent to it before this number was ours to know):
      // honour it here too, so the settings say so and nothing more is queued.
      if (error instanceof SmsSendError && error.code === OPTED_OUT_CODE)
        await markSmsStopped(this.db, destination);
      return false;
    }
  }

  private async finish(id: string, set: string, params: unknown[]): Promise<void> {
    await this.db.query(
      `UPDATE nudges SET ${set}, claimed_at = NULL, updated_at = now() WHERE id = $1::uuid`,
      [id, ...params],
    );
  }
}

function unsubscribeWords(language: NudgeLanguage): string {
  return language === 'es' ? 'Para no recibir más estos correos:' : 'To stop these emails:';
}

/** When a nudge may go: after the quiet hours of the client (or agency), an hour after the last one. */
function allowedAt(row: ClaimedRow, now: Date): Date {
  const zone = isValidTimeZone(row.time_zone) ? row.time_zone : DEFAULT_TIME_ZONE;
  const hours: QuietHours = { start: row.quiet_start, end: row.quiet_end };
  let at = now;
  if (row.last_sent_at) {
    const spaced = Date.parse(row.last_sent_at) + NUDGE_SPACING_MS;
    if (spaced > at.getTime()) at = new Date(spaced);
  }
  return nextAllowedInstant(hours, at, zone);
}

function destinationOf(target: TargetRow, channel: NudgeMedium): string | undefined {
  if (!target.account_active) return undefined;
  const chosen = target.channel === 'both' || target.channel === channel;
  if (!chosen) return undefined;
  if (channel === 'email')
    return target.email_verified_at && !target.email_stopped_at && target.email ? target.email : undefined;
  return target.phone_verified_at && !target.sms_stopped_at && target.phone ? target.phone : undefined;
}

/** The client's settings now (a STOP since the nudge was queued counts), and whether anything waits unread. */
async function loadTarget(db: Queryable, row: ClaimedRow): Promise<TargetRow | undefined> {
  const result = await db.query<TargetRow>(
    `SELECT s.channel, s.email, s.email_verified_at, s.email_stopped_at, s.phone, s.phone_verified_at, s.sms_stopped_at,
            s.show_details, s.language,
            (SELECT a.active FROM client_accounts a WHERE a.client_id = s.client_id) AS account_active,
            (EXISTS (SELECT 1 FROM threads t WHERE t.client_id = s.client_id AND t.client_unread AND NOT t.deleted)
              OR EXISTS (SELECT 1 FROM portal_requests r WHERE r.client_id = s.client_id AND r.status = 'sent'
                          AND r.sent_at >= $2::timestamptz AND NOT r.deleted)) AS waiting,
            (SELECT name FROM agencies WHERE id = $3::uuid) AS agency_name
       FROM client_nudge_settings s WHERE s.client_id = $1::uuid`,
    [row.client_id, row.first_item_at, row.agency_id],
  );
  return result.rows[0];
}

/**
 * A failed try: retried after a growing wait, unless the failure is permanent or the tries are
 * used up. Should a newer nudge already wait for the client and channel, that one carries the news
 * on and this one stays failed, so the profile still shows why.
 */
export async function recordFailure(
  db: Queryable,
  id: string,
  reason: string,
  permanent: boolean,
  now: Date,
): Promise<void> {
  const row = await db.query<{ attempts: number; client_id: string; channel: string }>(
    `UPDATE nudges SET attempts = attempts + 1, last_error = $2, claimed_at = NULL, updated_at = now()
      WHERE id = $1::uuid RETURNING attempts, client_id::text AS client_id, channel`,
    [id, reason],
  );
  const current = row.rows[0];
  if (!current) return;
  const retry = !permanent && current.attempts < MAX_NUDGE_ATTEMPTS;
  await db.query(
    `UPDATE nudges SET
       status = CASE WHEN $2 AND NOT EXISTS (SELECT 1 FROM nudges p WHERE p.client_id = $4::uuid AND p.channel = $5
                                              AND p.status = 'pending' AND p.id <> $1::uuid)
                     THEN 'pending' ELSE 'failed' END,
       due_at = CASE WHEN $2 THEN $3::timestamptz END
     WHERE id = $1::uuid`,
    [
      id,
      retry,
      new Date(now.getTime() + backoffMs(current.attempts)).toISOString(),
      current.client_id,
      current.channel,
    ],
  );
}

/** Stops texts to a number, as a STOP reply does (webhook-routes.ts), when the provider says it said STOP. */
export async function markSmsStopped(db: Queryable, phone: string): Promise<void> {
  await db.query(
    `UPDATE client_nudge_settings SET sms_stopped_at = now(), updated_at = now()
      WHERE phone = $1 AND sms_stopped_at IS NULL`,
    [phone],
  );
}
