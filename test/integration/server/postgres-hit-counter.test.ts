import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../server/db/database';
import { openDatabase } from '../../../server/db/open-database';
import { PostgresHitCounter } from '../../../server/http/postgres-hit-counter';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/*
 * The counter behind rate limits shared by instances. Each instance has its own counter objects;
 * what they share is the table, so two counters over one database stand for two instances.
 */
describe('rate-limit counts kept in the database', () => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase({ databaseUrl: database.databaseUrl, pgliteDir: undefined });
  });
  afterAll(async () => {
    await db.close();
    await database.drop();
  });

  const rows = async () =>
    (await db.query<{ hits: number }>('SELECT hits FROM rate_limit_counters ORDER BY key')).rows;

  it('allows the limit in a window, whichever instance counts, then says how long to wait', async () => {
    const rule = { limit: 3, windowMs: 1_000 };
    const onFirst = new PostgresHitCounter(db, 'sign-in-ip', rule);
    const onSecond = new PostgresHitCounter(db, 'sign-in-ip', rule);
    expect([
      await onFirst.take('10.0.0.1'),
      await onSecond.take('10.0.0.1'),
      await onFirst.take('10.0.0.1'),
    ]).toEqual([0, 0, 0]);
    const wait = await onSecond.take('10.0.0.1');
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(1_000);
    // Another address, and another limit for the same address, count apart.
    expect(await onFirst.take('10.0.0.2')).toBe(0);
    expect(await new PostgresHitCounter(db, 'upload-ip', rule).take('10.0.0.1')).toBe(0);
    // Refusals are not counted on: the count stops one past the limit.
    expect(await onFirst.take('10.0.0.1')).toBeGreaterThan(0);
    expect((await rows()).map((row) => row.hits).sort()).toEqual([1, 1, 4]);
    // No address is stored, only a hash.
    const keys = await db.query<{ key: string }>('SELECT key FROM rate_limit_counters');
    expect(keys.rows.some((row) => row.key.includes('10.0.0'))).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await onSecond.take('10.0.0.1')).toBe(0);
    await onFirst.sweep();
    // The two windows that passed are gone; the one that just began stays.
    expect(await rows()).toEqual([{ hits: 1 }]);
  });

  it('counts hits arriving at once exactly: no two of them read the same count', async () => {
    const rule = { limit: 10, windowMs: 60_000 };
    const counters = [0, 1, 2, 3].map(() => new PostgresHitCounter(db, 'upload-session', rule));
    const waits = await Promise.all(
      Array.from({ length: 25 }, (_, index) => counters[index % counters.length]?.take('session') ?? -1),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(10);
    expect(waits.filter((wait) => wait > 0)).toHaveLength(15);
  });
});
