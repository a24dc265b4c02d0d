import { createHmac, randomInt, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { nudgeSettingsInputSchema } from '../../shared/domain/nudge-input';
import {
  DEFAULT_QUIET_HOURS,
  formatClock,
  maskPhone,
  type NudgeChannel,
  type NudgeFailureView,
  type NudgeLanguage,
  type NudgeMedium,
  type NudgeSettingsView,
  parseClock,
  VERIFICATION_CODE_TTL_MS,
  VERIFICATION_MAX_ATTEMPTS,
  verificationContent,
} from '../../shared/domain/nudges';
import type { Queryable } from '../db/database';
import { badRequest, HttpError } from '../http/errors';
import { agencyTimeZone } from '../requests/agency-calendar';
import { describeEmailError } from './email-sender';
import { type NudgeServices, nudgesAvailable } from './services';
import { SmsSendError } from './sms-sender';

export type NudgeSettingsInput = z.output<typeof nudgeSettingsInputSchema>;

/** Codes sent to one client and channel within an hour, at most: a code is not a way to spam. */
const MAX_CODES_PER_HOUR = 5;

interface SettingsRow {
  channel: NudgeChannel;
  email: string;
  email_verified_at: string | null;
  email_stopped_at: string | null;
  phone: string;
  phone_verified_at: string | null;
  sms_stopped_at: string | null;
  show_details: boolean;
  quiet_start: number | null;
  quiet_end: number | null;
  language: NudgeLanguage;
  changed_by_kind: 'client' | 'staff';
  updated_at: string;
}

export interface AgencyPreferences {
  quietStart: number;
  quietEnd: number;
  showStaffNames: boolean;
}

export async function agencyPreferences(db: Queryable, agencyId: string): Promise<AgencyPreferences> {
  const result = await db.query<{ quiet_start: number; quiet_end: number; show_staff_names: boolean }>(
    'SELECT quiet_start, quiet_end, show_staff_names FROM agency_portal_preferences WHERE agency_id = $1::uuid',
    [agencyId],
  );
  const row = result.rows[0];
  return {
    quietStart: row?.quiet_start ?? DEFAULT_QUIET_HOURS.start,
    quietEnd: row?.quiet_end ?? DEFAULT_QUIET_HOURS.end,
    showStaffNames: row?.show_staff_names ?? false,
  };
}

async function clientAgency(db: Queryable, clientId: string): Promise<string> {
  const result = await db.query<{ agency_id: string }>(
    'SELECT agency_id::text AS agency_id FROM clients WHERE id = $1::uuid',
    [clientId],
  );
  const agencyId = result.rows[0]?.agency_id;
  if (!agencyId) throw new HttpError(404, 'not_found', 'That client does not exist.');
  return agencyId;
}

async function settingsRow(db: Queryable, clientId: string): Promise<SettingsRow | undefined> {
  const result = await db.query<SettingsRow>(
    `SELECT channel, email, email_verified_at, email_stopped_at, phone, phone_verified_at, sms_stopped_at,
            show_details, quiet_start, quiet_end, language, changed_by_kind, updated_at
       FROM client_nudge_settings WHERE client_id = $1::uuid`,
    [clientId],
  );
  return result.rows[0];
}

/** The last failure on each channel, when the latest nudge there failed or waits for a retry. */
async function lastFailures(db: Queryable, clientId: string): Promise<NudgeFailureView[]> {
  const result = await db.query<{
    channel: NudgeMedium;
    status: string;
    last_error: string;
    updated_at: string;
  }>(
    `SELECT DISTINCT ON (channel) channel, status, last_error, updated_at
       FROM nudges WHERE client_id = $1::uuid AND status <> 'cancelled' AND (status <> 'pending' OR attempts > 0)
      ORDER BY channel, updated_at DESC`,
    [clientId],
  );
  return result.rows
    .filter((row) => row.last_error !== '' && (row.status === 'failed' || row.status === 'pending'))
    .map((row) => ({
      channel: row.channel,
      reason: row.last_error,
      at: row.updated_at,
      retrying: row.status === 'pending',
    }));
}

/** The client's nudge settings as the portal (or, with `forStaff`, the profile) shows them. */
export async function readNudgeSettings(
  db: Queryable,
  services: NudgeServices,
  clientId: string,
  forStaff: boolean,
): Promise<NudgeSettingsView> {
  const agencyId = await clientAgency(db, clientId);
  const [row, preferences, timeZone] = await Promise.all([
    settingsRow(db, clientId),
    agencyPreferences(db, agencyId),
    agencyTimeZone(db, agencyId),
  ]);
  const sent = await db.query<{ sent_at: string | null }>(
    'SELECT max(sent_at) AS sent_at FROM nudges WHERE client_id = $1::uuid',
    [clientId],
  );
  const hasQuiet = row?.quiet_start !== null && row?.quiet_start !== undefined && row.quiet_end !== null;
  return {
    available: nudgesAvailable(services),
    channel: row?.channel ?? 'none',
    email: {
      value: row?.email ?? '',
      verified: row?.email_verified_at != null,
      stoppedAt: row?.email_stopped_at ?? null,
    },
    phone: {
      value: row?.phone ?? '',
      verified: row?.phone_verified_at != null,
      stoppedAt: row?.sms_stopped_at ?? null,
    },
    showDetails: row?.show_details ?? false,
    quietHours: hasQuiet
      ? { start: formatClock(row.quiet_start ?? 0), end: formatClock(row.quiet_end ?? 0) }
      : null,
    agencyQuietHours: { start: formatClock(preferences.quietStart), end: formatClock(preferences.quietEnd) },
    timeZone,
    changedBy: row?.changed_by_kind ?? 'client',
    updatedAt: row?.updated_at ?? null,
    lastFailures: forStaff ? await lastFailures(db, clientId) : [],
    lastSentAt: sent.rows[0]?.sent_at ?? null,
  };
}

/**
 * Saves what the client (or staff, with the client's consent) chose. A changed address must be
 * verified again; choosing a channel again after STOP or the unsubscribe link is the client's new
 * consent, so the stop is lifted. A channel the server cannot send on is refused. Nudges already
 * waiting for a channel no longer chosen are cancelled.
 */
export async function saveNudgeSettings(
  tx: Queryable,
  services: NudgeServices,
  clientId: string,
  input: NudgeSettingsInput,
  changedBy: { kind: 'client' | 'staff'; id: string },
  language: NudgeLanguage | undefined,
): Promise<void> {
  const available = nudgesAvailable(services);
  const wantsEmail = input.channel === 'email' || input.channel === 'both';
  const wantsSms = input.channel === 'sms' || input.channel === 'both';
  if (wantsEmail && !available.email)
    throw badRequest('Email nudges are off on this server: the agency has not set up email.');
  if (wantsSms && !available.sms)
    throw badRequest('Text nudges are off on this server: the agency has not set up texts.');
  if (wantsEmail && input.email === '') throw badRequest('Enter the email address to send nudges to.');
  if (wantsSms && input.phone === '') throw badRequest('Enter the mobile number to send texts to.');
  const quietStart = input.quietHours ? (parseClock(input.quietHours.start) ?? null) : null;
  const quietEnd = input.quietHours ? (parseClock(input.quietHours.end) ?? null) : null;
  await tx.query(
    `INSERT INTO client_nudge_settings AS s (client_id, channel, email, phone, show_details, quiet_start, quiet_end,
                                             language, changed_by_kind, changed_by)
     VALUES ($1::uuid, $2, $3, $4, $5, $6, $7, coalesce($8, 'en'), $9, $10::uuid)
     ON CONFLICT (client_id) DO UPDATE SET
       channel = EXCLUDED.channel,
       email = EXCLUDED.email,
       email_verified_at = CASE WHEN s.email = EXCLUDED.email THEN s.email_verified_at END,
       email_stopped_at = CASE WHEN s.email = EXCLUDED.email AND EXCLUDED.channel NOT IN ('email', 'both')
                               THEN s.email_stopped_at END,
       phone = EXCLUDED.phone,
       phone_verified_at = CASE WHEN s.phone = EXCLUDED.phone THEN s.phone_verified_at END,
       sms_stopped_at = CASE WHEN s.phone = EXCLUDED.phone AND EXCLUDED.channel NOT IN ('sms', 'both')
                             THEN s.sms_stopped_at END,
       show_details = EXCLUDED.show_details,
       quiet_start = EXCLUDED.quiet_start,
       quiet_end = EXCLUDED.quiet_end,
       language = coalesce($8, s.language),
       changed_by_kind = EXCLUDED.changed_by_kind,
       changed_by = EXCLUDED.changed_by,
       updated_at = now()`,
    [
      clientId,
      input.channel,
      input.email,
      input.phone,
      input.showDetails,
      quietStart,
      quietEnd,
      language ?? null,
      changedBy.kind,
      changedBy.id,
    ],
  );
  await tx.query(
    `UPDATE nudges SET status = 'cancelled', updated_at = now()
      WHERE client_id = $1::uuid AND status = 'pending'
        AND (($2 = false AND channel = 'email') OR ($3 = false AND channel = 'sms'))`,
    [clientId, wantsEmail, wantsSms],
  );
}

function codeHash(id: string, code: string): string {
  return createHmac('sha256', id).update(code).digest('hex');
}

/**
 * Sends a code to the address saved for `channel`, so the address is proven before any nudge goes
 * there. Only a hash of the code is kept; it works for 15 minutes and 5 tries, and a new code
 * replaces the previous one.
 */
export async function startVerification(
  db: Queryable,
  services: NudgeServices,
  clientId: string,
  channel: NudgeMedium,
): Promise<{ sentTo: string; expiresAt: string }> {
  const row = await settingsRow(db, clientId);
  const destination = channel === 'email' ? (row?.email ?? '') : (row?.phone ?? '');
  if (destination === '')
    throw badRequest(channel === 'email' ? 'Save an email address first.' : 'Save a mobile number first.');
  if (channel === 'email' && !services.email) throw badRequest('Email nudges are off on this server.');
  if (channel === 'sms' && !services.sms) throw badRequest('Text nudges are off on this server.');
  const recent = await db.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM nudge_verifications
      WHERE client_id = $1::uuid AND channel = $2 AND created_at > now() - interval '1 hour'`,
    [clientId, channel],
  );
  if ((recent.rows[0]?.count ?? 0) >= MAX_CODES_PER_HOUR)
    throw new HttpError(
      429,
      'too_many_codes',
      'Five codes were sent in the last hour. Wait an hour and ask for a new one.',
    );
  const id = randomUUID();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const expiresAt = new Date(Date.now() + VERIFICATION_CODE_TTL_MS).toISOString();
  await db.query(
    `UPDATE nudge_verifications SET consumed_at = now()
      WHERE client_id = $1::uuid AND channel = $2 AND consumed_at IS NULL`,
    [clientId, channel],
  );
  await db.query(
    `INSERT INTO nudge_verifications (id, client_id, channel, destination, code_hash, expires_at)
     VALUES ($1::uuid, $2::uuid, $3, $4, $5, $6::timestamptz)`,
    [id, clientId, channel, destination, codeHash(id, code), expiresAt],
  );
  const content = verificationContent(row?.language ?? 'en', code);
  try {
    if (channel === 'email')
      await services.email?.send({ to: destination, subject: content.subject, text: content.text });
    else await services.sms?.send({ to: destination, body: content.text });
  } catch (error) {
    const reason = error instanceof SmsSendError ? error.reason : describeEmailError(error);
    throw new HttpError(
      502,
      'code_not_sent',
      `The code could not be sent: ${reason}. Check the address and try again.`,
    );
  }
  return { sentTo: channel === 'email' ? destination : maskPhone(destination), expiresAt };
}

/**
 * Checks a code; right, it marks the address it was sent to as verified. Each try is counted
 * before the code is compared (one atomic update), so parallel guesses cannot pass the limit.
 * Not in a transaction: a wrong try must stay counted when the answer is an error.
 */
export async function confirmVerification(
  db: Queryable,
  clientId: string,
  channel: NudgeMedium,
  code: string,
): Promise<void> {
  const result = await db.query<{ id: string; destination: string; code_hash: string; expired: boolean }>(
    `SELECT id::text AS id, destination, code_hash, expires_at < now() AS expired
       FROM nudge_verifications
      WHERE client_id = $1::uuid AND channel = $2 AND consumed_at IS NULL
      ORDER BY created_at DESC LIMIT 1`,
    [clientId, channel],
  );
  const pending = result.rows[0];
  if (!pending) throw new HttpError(409, 'no_code', 'Ask for a code first: none is waiting.');
  if (pending.expired) throw new HttpError(410, 'code_expired', 'This code has expired. Ask for a new one.');
  const counted = await db.query<{ attempts: number }>(
    `UPDATE nudge_verifications SET attempts = attempts + 1
      WHERE id = $1::uuid AND attempts < $2 AND consumed_at IS NULL RETURNING attempts`,
    [pending.id, VERIFICATION_MAX_ATTEMPTS],
  );
  const attempts = counted.rows[0]?.attempts;
  if (attempts === undefined)
    throw new HttpError(429, 'too_many_attempts', 'Too many wrong codes. Ask for a new one.');
  if (codeHash(pending.id, code) !== pending.code_hash) {
    const left = VERIFICATION_MAX_ATTEMPTS - attempts;
    throw new HttpError(
      400,
      'wrong_code',
      left > 0
        ? `That code is not right. ${left} ${left === 1 ? 'try' : 'tries'} left.`
        : 'That code is not right. Ask for a new one.',
    );
  }
  await db.query('UPDATE nudge_verifications SET consumed_at = now() WHERE id = $1::uuid', [pending.id]);
  const column = channel === 'email' ? 'email' : 'phone';
  const verified = channel === 'email' ? 'email_verified_at' : 'phone_verified_at';
  const updated = await db.query(
    `UPDATE client_nudge_settings SET ${verified} = now(), updated_at = now()
      WHERE client_id = $1::uuid AND ${column} = $2`,
    [clientId, pending.destination],
  );
  if (updated.rowCount === 0)
    throw new HttpError(
      409,
      'address_changed',
      'The address changed after this code was sent. Ask for a new code.',
    );
}
