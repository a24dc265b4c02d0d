import { resolve } from 'node:path';
import { type FileStoreChoice, parseFileStoreUrl } from './files/file-store-url';
import type { RateLimits } from './http/rate-limit';
import type { SmsConfig } from './nudges/sms-sender';

/** What one Customer Portal client may send, so no client can flood staff or fill the disk. */
export interface PortalLimits {
  messagesPerMinute: number;
  /** Over the last 24 hours. */
  messagesPerDay: number;
  /** Every file the client has uploaded, together. */
  storageQuotaBytes: number;
}

export const DEFAULT_PORTAL_LIMITS: PortalLimits = {
  messagesPerMinute: 10,
  messagesPerDay: 200,
  storageQuotaBytes: 500 * 1024 * 1024,
};

export interface ServerConfig {
  host: string;
  port: number;
  /** PostgreSQL connection string; absent means the embedded PGlite database in `dataDir`. */
  databaseUrl: string | undefined;
  /** Holds the embedded database (pglite/) and, when the store is the folder, uploaded files (files/). */
  dataDir: string;
  /**
   * Where files are kept (FILE_STORE_URL): `folder`, `postgres` or `s3://bucket/prefix?…`; absent
   * means PostgreSQL itself with DATABASE_URL (shared by every instance), the folder on PGlite.
   */
  fileStore: FileStoreChoice | undefined;
  sessionTtlMs: number;
  /** Load the demo agencies when the database is empty. */
  seedDemo: boolean;
  /**
   * The address clients' phones reach this server at (PUBLIC_URL), for Customer Portal invitation
   * links; without it, the address the staff member's desktop used.
   */
  publicUrl: string | undefined;
  portalLimits: PortalLimits;
  /**
   * The key that seals invitation tokens so staff can copy a pending link again (INVITE_LINK_KEY,
   * 32 bytes in base64); without it, a key file made in `dataDir` on first start.
   */
  inviteLinkKey: string | undefined;
  /** Nudges by email (SMTP_URL, SMTP_FROM); without SMTP_URL no email is sent. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Nudges by text (SMS_URL and its credentials); without SMS_URL no text is sent. */
  sms: SmsConfig | undefined;
  /**
   * Rate limits raised or lowered from the defaults (http/rate-limit.ts), per minute:
   * RATE_LIMIT_SIGN_INS_PER_IP, RATE_LIMIT_SIGN_INS_PER_USERNAME, RATE_LIMIT_UPLOADS_PER_IP,
   * RATE_LIMIT_UPLOADS_PER_SESSION. The bench and load tests raise them.
   */
  rateLimits: Partial<RateLimits>;
}

function smtpUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('SMTP_URL must be an smtp:// or smtps:// address.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('SMTP_URL must be an smtp:// or smtps:// address.');
  return value;
}

/** SMS_URL with every credential it needs, or none at all. */
function smsConfig(env: NodeJS.ProcessEnv): SmsConfig | undefined {
  const url = env.SMS_URL;
  if (url === undefined || url === '') return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new Error(`SMS_URL must be an http or https address, got "${url}".`);
  }
  const missing = ['SMS_ACCOUNT_SID', 'SMS_AUTH_TOKEN', 'SMS_FROM'].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`SMS_URL is set, so ${missing.join(', ')} must be set too.`);
  return {
    url,
    accountSid: env.SMS_ACCOUNT_SID ?? '',
    authToken: env.SMS_AUTH_TOKEN ?? '',
    from: env.SMS_FROM ?? '',
  };
}

const RATE_LIMIT_VARIABLES: Record<keyof RateLimits, string> = {
  signInPerIp: 'RATE_LIMIT_SIGN_INS_PER_IP',
  signInPerUsername: 'RATE_LIMIT_SIGN_INS_PER_USERNAME',
  uploadPerIp: 'RATE_LIMIT_UPLOADS_PER_IP',
  uploadPerSession: 'RATE_LIMIT_UPLOADS_PER_SESSION',
};

/** Only the limits the environment sets; each a count per minute of at least 1. */
function rateLimitsFrom(env: NodeJS.ProcessEnv): Partial<RateLimits> {
  const limits: Partial<RateLimits> = {};
  for (const [rule, variable] of Object.entries(RATE_LIMIT_VARIABLES) as [keyof RateLimits, string][]) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    limits[rule] = { limit: limit(value, 1, variable), windowMs: 60_000 };
  }
  return limits;
}

function publicUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_URL must be an http or https address, got "${value}".`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`PUBLIC_URL must be an http or https address, got "${value}".`);
  return url.origin;
}

function positiveInt(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number, got "${value}".`);
  return parsed;
}

/** A limit of at least 1: 0 would silently stop every client. */
function limit(value: string | undefined, fallback: number, name: string): number {
  const parsed = positiveInt(value, fallback, name);
  if (parsed < 1) throw new Error(`${name} must be at least 1, got "${value}".`);
  return parsed;
}

export const DEFAULT_PORT = 4310;

/** Reads configuration from the environment and command-line flags (flags win). */
export function loadServerConfig(
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = [],
): ServerConfig {
  const flag = (name: string) => {
    const prefix = `--${name}=`;
    return argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
  };
  return {
    host: flag('host') ?? env.HOST ?? '127.0.0.1',
    port: positiveInt(flag('port') ?? env.PORT, DEFAULT_PORT, 'PORT'),
    databaseUrl: flag('database-url') ?? (env.DATABASE_URL || undefined),
    dataDir: resolve(flag('data-dir') ?? env.DATA_DIR ?? '.data/server'),
    fileStore: parseFileStoreUrl(flag('file-store-url') ?? env.FILE_STORE_URL),
    sessionTtlMs: positiveInt(env.SESSION_TTL_MINUTES, 12 * 60, 'SESSION_TTL_MINUTES') * 60_000,
    seedDemo: argv.includes('--seed-demo') || env.SEED_DEMO === '1',
    publicUrl: publicUrl(flag('public-url') ?? env.PUBLIC_URL),
    portalLimits: {
      messagesPerMinute: limit(
        env.PORTAL_MESSAGES_PER_MINUTE,
        DEFAULT_PORTAL_LIMITS.messagesPerMinute,
        'PORTAL_MESSAGES_PER_MINUTE',
      ),
      messagesPerDay: limit(
        env.PORTAL_MESSAGES_PER_DAY,
        DEFAULT_PORTAL_LIMITS.messagesPerDay,
        'PORTAL_MESSAGES_PER_DAY',
      ),
      storageQuotaBytes:
        limit(
          env.PORTAL_STORAGE_QUOTA_MB,
          DEFAULT_PORTAL_LIMITS.storageQuotaBytes / (1024 * 1024),
          'PORTAL_STORAGE_QUOTA_MB',
        ) *
        1024 *
        1024,
    },
    inviteLinkKey: env.INVITE_LINK_KEY || undefined,
    smtpUrl: smtpUrl(env.SMTP_URL),
    smtpFrom: env.SMTP_FROM || 'Portico <no-reply@localhost>',
    sms: smsConfig(env),
    rateLimits: rateLimitsFrom(env),
  };
}
