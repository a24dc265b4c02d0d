import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './errors';

/*
 * Sliding-window limits on what is worth hammering: sign-in and other password checks (guessing,
 * and each check costs an argon2 hash), and uploads (disk and bandwidth). On PostgreSQL the counts
 * are kept in the database (postgres-hit-counter.ts), so every instance behind a balancer counts
 * one address together; on PGlite (one process) they are kept in memory. The per-account lock-out
 * (auth/lockout.ts) lives in the database either way.
 */

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Sign-ins and other password checks from one address (an office or a phone carrier's NAT). */
  signInPerIp: RateLimitRule;
  /** Sign-ins for one username, whoever tries. */
  signInPerUsername: RateLimitRule;
  uploadPerIp: RateLimitRule;
  /** Uploads by one signed-in session (staff or client). */
  uploadPerSession: RateLimitRule;
}

export const DEFAULT_RATE_LIMITS: RateLimits = {
  signInPerIp: { limit: 60, windowMs: 60_000 },
  signInPerUsername: { limit: 10, windowMs: 60_000 },
  uploadPerIp: { limit: 120, windowMs: 60_000 },
  uploadPerSession: { limit: 30, windowMs: 60_000 },
};

/** Routes that check a password or a join token's chosen password. */
export const CREDENTIAL_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/portal/auth/login',
  'POST /api/auth/password',
  'POST /api/auth/totp/enable',
  'POST /api/auth/totp/disable',
  'POST /api/portal/invites/:token/accept',
]);

/** Routes that receive files. */
export const UPLOAD_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/attachments',
  'POST /api/clients/:clientId/documents',
  'POST /api/portal/requests/:id/documents',
  'POST /api/portal/documents',
]);

/** Beyond this many keys the oldest are forgotten, so a flood of addresses cannot exhaust memory. */
const MAX_KEYS = 50_000;

/** Counts hits per key: answers 0, or, when the key is over its limit, the ms until it may try again. */
export interface HitCounter {
  take(key: string): Promise<number>;
  /** Forgets keys whose window has passed. */
  sweep(): Promise<void>;
}

/** Makes the counter for one limit; `name` tells the limits apart. */
export type HitCounterFactory = (name: string, rule: RateLimitRule) => HitCounter;

/** Counts hits per key within a sliding window, in this process's memory. */
export class SlidingWindowLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly rule: RateLimitRule,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts a hit and answers 0, or, when the key is over its limit, the ms until it may try again. */
  take(key: string): number {
    const now = this.now();
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.rule.windowMs);
    const oldest = recent[0];
    if (recent.length >= this.rule.limit && oldest !== undefined) {
      this.hits.set(key, recent);
      return oldest + this.rule.windowMs - now;
    }
    recent.push(now);
    // Re-inserted, so the Map's order stays least recently used first.
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > MAX_KEYS) {
      const first = this.hits.keys().next();
      if (!first.done) this.hits.delete(first.value);
    }
    return 0;
  }

  /** Drops keys with no hit inside the window. */
  sweep(): void {
    const cutoff = this.now() - this.rule.windowMs;
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) <= cutoff) this.hits.delete(key);
  }
}

/** Counts in memory: for PGlite, where one process is the whole server. */
export const memoryHitCounters: HitCounterFactory = (_name, rule) => {
  const limiter = new SlidingWindowLimiter(rule);
  return {
    take: async (key) => limiter.take(key),
    sweep: async () => limiter.sweep(),
  };
};

function describeWait(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 90) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

function refuse(reply: FastifyReply, waitMs: number, what: 'sign-in attempts' | 'uploads'): HttpError {
  void reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1000))));
  // An upload's body is left unread: close the connection after the answer instead of draining it.
  if (what === 'uploads') void reply.header('connection', 'close');
  return new HttpError(
    429,
    'rate_limited',
    `Too many ${what} in a short time. Wait ${describeWait(waitMs)} and try again.`,
  );
}

/** A key for the caller's session without keeping the token itself in memory. */
function sessionKey(request: FastifyRequest): string | undefined {
  const token = request.headers.authorization ?? request.headers.cookie;
  return token ? createHash('sha256').update(token).digest('base64url') : undefined;
}

function usernameOf(request: FastifyRequest): string | undefined {
  const body = request.body;
  if (typeof body !== 'object' || body === null) return undefined;
  const username = (body as { username?: unknown }).username;
  return typeof username === 'string' ? username.trim().toLowerCase().slice(0, 200) : undefined;
}

const routeKey = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? ''}`;

/** Applies the limits to the routes above; 429 with Retry-After and a sentence when exceeded. */
export function registerRateLimits(
  app: FastifyInstance,
  limits: RateLimits = DEFAULT_RATE_LIMITS,
  counters: HitCounterFactory = memoryHitCounters,
): void {
  const signInByIp = counters('sign-in-ip', limits.signInPerIp);
  const signInByName = counters('sign-in-username', limits.signInPerUsername);
  const uploadByIp = counters('upload-ip', limits.uploadPerIp);
  const uploadBySession = counters('upload-session', limits.uploadPerSession);
  const sweeper = setInterval(() => {
    for (const counter of [signInByIp, signInByName, uploadByIp, uploadBySession])
      counter.sweep().catch((error: unknown) => app.log.error({ err: error }, 'rate-limit sweep failed'));
  }, 60_000);
  sweeper.unref();
  app.addHook('onClose', async () => clearInterval(sweeper));

  // Uploads are refused before their body is read.
  app.addHook('onRequest', async (request, reply) => {
    if (!UPLOAD_ROUTES.has(routeKey(request))) return;
    const byIp = await uploadByIp.take(request.ip);
    if (byIp > 0) throw refuse(reply, byIp, 'uploads');
    const session = sessionKey(request);
    const bySession = session ? await uploadBySession.take(session) : 0;
    if (bySession > 0) throw refuse(reply, bySession, 'uploads');
  });

  // Sign-ins once their (small) body is parsed, to count per username as well.
  app.addHook('preHandler', async (request, reply) => {
    if (!CREDENTIAL_ROUTES.has(routeKey(request))) return;
    const byIp = await signInByIp.take(request.ip);
    if (byIp > 0) throw refuse(reply, byIp, 'sign-in attempts');
    const username = usernameOf(request);
    const who = username === undefined ? sessionKey(request) : `${request.routeOptions.url}:${username}`;
    const byName = who === undefined ? 0 : await signInByName.take(who);
    if (byName > 0) throw refuse(reply, byName, 'sign-in attempts');
  });
}
