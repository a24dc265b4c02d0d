import type { Queryable } from '../../server/db/database';
import { FIRST_NAMES, LAST_NAMES } from '../../server/seed/demo-data';
import { DEMO_CLIENT_COUNT } from '../../server/seed/demo-seed';

/**
 * The demo seed's clients by index, and who may see them, restated from the seed's rules so
 * tests check the server against an independent statement of the visibility policy.
 */
export const CLIENT_INDEXES = Array.from({ length: DEMO_CLIENT_COUNT }, (_, index) => index);

export type DemoAgency = 'harbor' | 'northside';

export function clientAgency(index: number): DemoAgency {
  return index < 30 ? 'harbor' : 'northside';
}

export function clientShared(index: number): boolean {
  return clientAgency(index) === 'harbor' ? index % 8 !== 3 : index % 3 !== 0;
}

/** Harbor client 3 has jordan on its care team now; client 11 had, until 20 days ago. */
export const JORDAN_ACTIVE_CARE_TEAM = 3;
export const JORDAN_ENDED_CARE_TEAM = 11;

/** Demo client ids in seed order. Each index has a unique first and last name pair. */
export async function demoClientIds(db: Queryable): Promise<string[]> {
  const ids: string[] = [];
  for (const index of CLIENT_INDEXES) {
    const result = await db.query<{ id: string }>(
      'SELECT id::text AS id FROM clients WHERE first_name = $1 AND last_name = $2',
      [FIRST_NAMES[index % FIRST_NAMES.length], LAST_NAMES[(index * 7) % LAST_NAMES.length]],
    );
    const row = result.rows[0];
    if (!row || result.rows.length !== 1) throw new Error(`demo client ${index} not found exactly once`);
    ids.push(row.id);
  }
  return ids;
}

export function idAt(ids: readonly string[], index: number): string {
  const id = ids[index];
  if (id === undefined) throw new Error(`no demo client ${index}`);
  return id;
}

export async function userId(db: Queryable, username: string): Promise<string> {
  const result = await db.query<{ id: string }>('SELECT id::text AS id FROM users WHERE username = $1', [
    username,
  ]);
  const row = result.rows[0];
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}
