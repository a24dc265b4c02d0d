import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database';
import type { HitCounter, RateLimitRule } from './rate-limit';

/**
 * Counts hits in PostgreSQL (migration 031), so every instance on one database counts the same
 * address or username together: the 61st sign-in in a minute is refused whichever instance answers.
 * One atomic upsert per hit, no lock: a key's window starts at its first hit and lasts the rule's
 * window (a fixed window, as @fastify/rate-limit's stores count; the in-memory counter slides).
 * Hits past the limit are not counted further, so a refused caller does not lengthen its wait.
 */
export class PostgresHitCounter implements HitCounter {
  constructor(
    private readonly db: Queryable,
    /** Which limit this is: keys of different limits never meet. */
    private readonly name: string,
    private readonly rule: RateLimitRule,
  ) {}

  async take(key: string): Promise<number> {
    // Hashed: the table holds no address or username.
    const hashed = createHash('sha256').update(`${this.name}\u0000${key}`).digest('base64url');
    const result = await this.db.query<{ hits: number; wait_ms: number }>(
      `INSERT INTO rate_limit_counters AS c (key, hits, resets_at)
       VALUES ($1, 1, clock_timestamp() + make_interval(secs => $2::float8 / 1000))
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN c.resets_at <= clock_timestamp() THEN 1 ELSE least(c.hits + 1, $3::int + 1) END,
         resets_at = CASE WHEN c.resets_at <= clock_timestamp() THEN EXCLUDED.resets_at ELSE c.resets_at END
       RETURNING hits, (extract(epoch FROM resets_at - clock_timestamp()) * 1000)::float8 AS wait_ms`,
      [hashed, this.rule.windowMs, this.rule.limit],
    );
    const row = result.rows[0];
    if (!row || row.hits <= this.rule.limit) return 0;
    return Math.max(1, Math.ceil(row.wait_ms));
  }

  /** Expired windows of every limit (one table): run by one counter per instance is enough. */
  async sweep(): Promise<void> {
    await this.db.query('DELETE FROM rate_limit_counters WHERE resets_at <= now()');
  }
}
