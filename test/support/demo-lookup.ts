import type { Queryable } from '../../server/db/database';

export interface DemoClientRow {
  id: string;
  first_name: string;
  last_name: string;
  phone: string;
  email: string;
  shared: boolean;
  agency: string;
}

/** Demo clients as the server's database has them, in seed order is not guaranteed: filter by name. */
export async function demoClients(db: Queryable): Promise<DemoClientRow[]> {
  const result = await db.query<DemoClientRow>(
    `SELECT c.id::text AS id, c.first_name, c.last_name, c.phone, c.email, c.shared, a.name AS agency
       FROM clients c JOIN agencies a ON a.id = c.agency_id ORDER BY c.created_at, c.last_name`,
  );
  return result.rows;
}

export async function clientById(db: Queryable, id: string): Promise<DemoClientRow | undefined> {
  const result = await db.query<DemoClientRow>(
    `SELECT c.id::text AS id, c.first_name, c.last_name, c.phone, c.email, c.shared, a.name AS agency
       FROM clients c JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1::uuid`,
    [id],
  );
  return result.rows[0];
}

export const HARBOR = 'Harbor Light Outreach';
export const NORTHSIDE = 'Northside Family Shelter';
