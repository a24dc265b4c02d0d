/*
 * Nudges (issue 17): a short email or text telling a client that something waits in their portal.
 * The rules both sides show and the server enforces: channels, quiet hours, addresses, and the
 * words of the nudge itself, which never carry the message or the agency's name unless the client
 * chose to see details.
 */

export const NUDGE_CHANNELS = ['none', 'email', 'sms', 'both'] as const;
export type NudgeChannel = (typeof NUDGE_CHANNELS)[number];
export type NudgeMedium = 'email' | 'sms';

/** The agency default when it has set none: 9 pm to 8 am, in minutes after local midnight. */
export const DEFAULT_QUIET_HOURS = { start: 21 * 60, end: 8 * 60 } as const;
/** At most one nudge an hour per client: what arrives meanwhile is counted into the next one. */
export const NUDGE_SPACING_MS = 60 * 60_000;
/** A verification code works this long and this many tries. */
export const VERIFICATION_CODE_TTL_MS = 15 * 60_000;
export const VERIFICATION_MAX_ATTEMPTS = 5;
export const VERIFICATION_CODE_LENGTH = 6;

export interface QuietHours {
  /** Minutes after local midnight, 0–1439. Equal start and end: no quiet hours. */
  start: number;
  end: number;
}

/** Whether `minute` (after local midnight) falls in the quiet hours; overnight windows wrap. */
export function isQuietMinute(hours: QuietHours, minute: number): boolean {
  if (hours.start === hours.end) return false;
  if (hours.start < hours.end) return minute >= hours.start && minute < hours.end;
  return minute >= hours.start || minute < hours.end;
}

/** `"21:00"` for 1260. */
export function formatClock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** 1260 for `"21:00"`; undefined for anything else. */
export function parseClock(text: string): number | undefined {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Minutes after local midnight of `at` in `timeZone`, with the seconds, for quiet-hour sums. */
export function localMinute(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((each) => each.type === type)?.value);
  return part('hour') * 60 + part('minute') + part('second') / 60;
}

/**
 * The first instant at or after `at` outside the quiet hours in `timeZone`. Counted in local
 * minutes from `at`; on a night the clocks change the nudge goes out an hour early or late, which
 * is harmless for a "you have a message" note.
 */
export function nextAllowedInstant(hours: QuietHours, at: Date, timeZone: string): Date {
  const minute = localMinute(at, timeZone);
  if (!isQuietMinute(hours, Math.floor(minute))) return at;
  const wait = (hours.end - minute + 1440) % 1440;
  return new Date(at.getTime() + wait * 60_000);
}

/** E.164, which every SMS provider takes: + and 7 to 15 digits. */
export const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * A phone number as typed ("(503) 555-0142", "+52 55 1234 5678") in E.164: spaces, dots, dashes
 * and brackets dropped; ten digits (or eleven starting with 1) taken as North American.
 */
export function normalizePhone(typed: string): string | undefined {
  const trimmed = typed.trim();
  if (!/^\+?[\d\s().-]{7,24}$/.test(trimmed)) return undefined;
  const digits = trimmed.replace(/\D/g, '');
  let e164: string;
  if (trimmed.startsWith('+')) e164 = `+${digits}`;
  else if (digits.length === 10) e164 = `+1${digits}`;
  else if (digits.length === 11 && digits.startsWith('1')) e164 = `+${digits}`;
  else return undefined;
  return E164.test(e164) ? e164 : undefined;
}

/** A shape check, not a promise: the verification code proves the address. */
const EMAIL =
  /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}

/** `+1 ••• ••• 0142`: enough for a client or staff member to recognise it, in lists and logs. */
export function maskPhone(phone: string): string {
  return phone.length < 5 ? phone : `${phone.slice(0, 2)} ••• ••• ${phone.slice(-4)}`;
}

/** What a client (or staff with the client's consent) may set; the server's schema is in nudge-input.ts. */
export interface NudgeSettingsInput {
  channel: NudgeChannel;
  email: string;
  phone: string;
  showDetails: boolean;
  /** Null for the agency's quiet hours; else times such as "21:00". */
  quietHours: { start: string; end: string } | null;
}

/**
 * An agency's portal preferences (agency admins, the staff app's Agency settings): the quiet hours
 * nudges keep by default, as times such as "21:00" in the agency's time zone, and whether clients
 * see staff names on their privacy page ("Who looked at my record").
 */
export interface AgencyPortalPreferences {
  quietHours: { start: string; end: string };
  showStaffNames: boolean;
}

/** One address as either side shows it. */
export interface NudgeAddressView {
  value: string;
  verified: boolean;
  /** When the client stopped it (STOP by text, the unsubscribe link), if they did. */
  stoppedAt: string | null;
}

/** The last problem sending to the client on one channel, for staff. */
export interface NudgeFailureView {
  channel: NudgeMedium;
  /** In words: "number unreachable". */
  reason: string;
  at: string;
  /** True while the server still retries. */
  retrying: boolean;
}

export interface NudgeSettingsView {
  /** Whether the server can send email and texts at all (SMTP_URL, SMS_URL). */
  available: { email: boolean; sms: boolean };
  channel: NudgeChannel;
  email: NudgeAddressView;
  phone: NudgeAddressView;
  showDetails: boolean;
  quietHours: { start: string; end: string } | null;
  agencyQuietHours: { start: string; end: string };
  timeZone: string;
  changedBy: 'client' | 'staff';
  updatedAt: string | null;
  /** Filled for staff only. */
  lastFailures: NudgeFailureView[];
  lastSentAt: string | null;
}

export type NudgeLanguage = 'en' | 'es';

export interface NudgeContent {
  subject: string;
  text: string;
}

/** What the nudge says. `details` only when the client chose "show details". */
export function nudgeContent(
  language: NudgeLanguage,
  link: string,
  details?: { agencyName: string; items: number },
): NudgeContent {
  if (language === 'es') {
    if (!details)
      return { subject: 'Tiene un mensaje nuevo', text: `Tiene un mensaje nuevo. Abra su portal: ${link}` };
    const what = details.items === 1 ? 'un mensaje nuevo' : `${details.items} novedades`;
    return {
      subject: `${details.agencyName}: ${what}`,
      text: `${details.agencyName} le envió ${what}. Abra su portal: ${link}`,
    };
  }
  if (!details)
    return { subject: 'You have a new message', text: `You have a new message. Open your portal: ${link}` };
  const what = details.items === 1 ? 'a new message' : `${details.items} new messages or requests`;
  return {
    subject: `${details.agencyName}: ${what}`,
    text: `${details.agencyName} sent you ${what}. Open your portal: ${link}`,
  };
}

/** The code message: no agency, no link, nothing else. */
export function verificationContent(language: NudgeLanguage, code: string): NudgeContent {
  return language === 'es'
    ? { subject: 'Su código', text: `Su código para el portal es ${code}. Vence en 15 minutos.` }
    : { subject: 'Your code', text: `Your portal code is ${code}. It expires in 15 minutes.` };
}
