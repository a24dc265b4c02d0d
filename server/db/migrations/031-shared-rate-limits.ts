import type { Migration } from './index';

/**
 * Rate limits counted in the database (issue 12), so several server instances on one PostgreSQL
 * database count one address's sign-ins and uploads together (http/postgres-hit-counter.ts). One
 * row per limit and key (a hash: no address or username is stored), counting hits in a window
 * that starts at the key's first hit and ends at `resets_at`; expired rows are swept. PGlite (one
 * process) keeps counting in memory; the table is there but unused.
 */
export const sharedRateLimits: Migration = {
  id: 31,
  name: 'rate-limit counters shared by every instance',
  statements: [
    `CREATE TABLE rate_limit_counters (
       key text PRIMARY KEY,
       hits integer NOT NULL,
       resets_at timestamptz NOT NULL
     )`,
    'CREATE INDEX rate_limit_counters_resets_at ON rate_limit_counters (resets_at)',
  ],
};
