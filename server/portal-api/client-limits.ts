import { z } from 'zod';
import { PORTAL_MESSAGE_MAX_CHARS } from '../../shared/domain/portal-account';
import type { PortalLimits } from '../config';
import type { Queryable } from '../db/database';
import { HttpError } from '../http/errors';
import type { MessageBody } from '../messaging/body';

/*
 * What one Customer Portal client may send: so many messages a minute and a day, messages no
 * longer than the portal's own editor allows, and so much stored in files. Everything is counted
 * in the database, so the limits hold whichever server instance a request reaches; the callers run
 * the checks under the client's row lock (db/client-lock.ts), so two requests at once cannot both pass the last place.
 * Staff are never limited by them.
 */

/**
 * A portal message body as sent: the page turns at most PORTAL_MESSAGE_MAX_CHARS of text into
 * simple HTML (each character at most a few of markup), so anything far larger is not from it.
 */
export const portalMessageHtmlSchema = z
  .string()
  .max(
    PORTAL_MESSAGE_MAX_CHARS * 8,
    `This message is too long to send. Keep it to ${PORTAL_MESSAGE_MAX_CHARS.toLocaleString('en-US')} characters.`,
  );

/** Refuses a message whose text, once sanitized, is longer than the portal's editor allows. */
export function checkPortalMessageLength(body: MessageBody): void {
  if (body.text.length > PORTAL_MESSAGE_MAX_CHARS)
    throw new HttpError(
      400,
      'message_too_long',
      `This message is ${body.text.length.toLocaleString('en-US')} characters long. Keep it to ${PORTAL_MESSAGE_MAX_CHARS.toLocaleString('en-US')} characters, or send it in parts.`,
    );
}

/** A refusal and how many seconds until the client may send again (for Retry-After). */
export class ClientLimitReached extends HttpError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(429, code, message);
  }
}

/** How many messages a client sent lately, and in how many seconds the oldest that counts drops out. */
export interface RecentMessageCounts {
  last_minute: number;
  last_day: number;
  minute_free_in: number | null;
  day_free_in: number | null;
}

/**
 * Select-list columns of RecentMessageCounts for client `clientParam`, with the per-minute and
 * per-day limits in `perMinuteParam` and `perDayParam`: a part of a larger statement, so a send
 * reads its limits in the same round trip as the rest of what it checks. Each column reads the
 * client's own recent messages by the partial index of migration 009. `now()` is the
 * transaction's start, as each message's `sent_at` is.
 */
export function recentMessageCountsSql(
  clientParam: string,
  perMinuteParam: string,
  perDayParam: string,
): string {
  const recent = (window: string) =>
    `FROM messages WHERE client_id = ${clientParam}::uuid AND sender_kind = 'client' AND sent_at > now() - interval '${window}'`;
  const freeIn = (window: string, limitParam: string) =>
    `(SELECT ceil(extract(epoch FROM sent_at + interval '${window}' - now()))::int ${recent(window)}
       ORDER BY sent_at DESC OFFSET ${limitParam}::int - 1 LIMIT 1)`;
  return `(SELECT count(*) ${recent('1 minute')})::int AS last_minute,
          (SELECT count(*) ${recent('1 day')})::int AS last_day,
          ${freeIn('1 minute', perMinuteParam)} AS minute_free_in,
          ${freeIn('1 day', perDayParam)} AS day_free_in`;
}

/** Refuses a client's next message when they sent the most allowed in the last minute or day. */
export function enforceMessageLimits(counts: RecentMessageCounts, limits: PortalLimits): void {
  if (counts.last_day >= limits.messagesPerDay) {
    const hours = Math.max(1, Math.ceil((counts.day_free_in ?? 3600) / 3600));
    throw new ClientLimitReached(
      'daily_message_limit',
      `You have sent ${limits.messagesPerDay} messages in the last 24 hours, the most the portal allows. You can send more in about ${hours} ${hours === 1 ? 'hour' : 'hours'}; your case manager has the ones you sent.`,
      Math.max(1, counts.day_free_in ?? 3600),
    );
  }
  if (counts.last_minute >= limits.messagesPerMinute)
    throw new ClientLimitReached(
      'message_rate_limit',
      `You have sent ${limits.messagesPerMinute} messages in the last minute. Wait a minute, then send this one again.`,
      Math.max(1, counts.minute_free_in ?? 60),
    );
}

const MEGABYTE = 1024 * 1024;
const megabytes = (bytes: number) => `${Math.floor(bytes / MEGABYTE).toLocaleString('en-US')} MB`;

/** Bytes of every file the client uploaded through the portal (staff uploads are not theirs). */
export async function storedByClient(db: Queryable, clientId: string): Promise<number> {
  const result = await db.query<{ used: string }>(
    `SELECT coalesce(sum(f.byte_size), 0)::text AS used
       FROM client_records r
       JOIN record_files rf ON rf.record_id = r.id
       JOIN files f ON f.id = rf.file_id
      WHERE r.client_id = $1::uuid AND r.submitted_by = 'client'`,
    [clientId],
  );
  return Number(result.rows[0]?.used ?? 0);
}

/**
 * Refuses an upload that would take the client's files past their storage quota; with nothing
 * `adding`, refuses when the quota is already used up (checked before reading any file).
 */
export async function checkStorageQuota(
  db: Queryable,
  clientId: string,
  limits: PortalLimits,
  adding = 0,
): Promise<void> {
  const used = await storedByClient(db, clientId);
  const quota = limits.storageQuotaBytes;
  if (adding === 0 ? used < quota : used + adding <= quota) return;
  const left = Math.max(0, quota - used);
  throw new HttpError(
    413,
    'storage_quota_reached',
    left < 1 || adding === 0
      ? `Your documents have reached the ${megabytes(quota)} the portal keeps for each client, so no more can be uploaded. Ask your case manager for help.`
      : `These files would take your documents past the ${megabytes(quota)} the portal keeps for each client (${left < MEGABYTE ? 'less than 1 MB' : megabytes(left)} left). Send fewer or smaller files, or ask your case manager for help.`,
  );
}
