import type { Queryable } from '../../server/db/database';

/** One audit log row as the tests read it straight from the table. */
export interface AuditRow {
  id: number;
  occurred_at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  agency_id: string | null;
  action: string;
  subject_kind: string;
  subject_id: string;
  client_id: string | null;
  client_agency_id: string | null;
  private: boolean;
  details: Record<string, unknown>;
  ip: string;
  user_agent: string;
}

/** Entries of one action (optionally narrowed by more SQL on the row), oldest first. */
export async function auditRows(
  db: Queryable,
  action: string,
  where = 'true',
  params: unknown[] = [],
): Promise<AuditRow[]> {
  const result = await db.query<AuditRow>(
    `SELECT id, occurred_at, actor_kind, actor_id::text AS actor_id, actor_name, agency_id::text AS agency_id, action,
            subject_kind, subject_id, client_id::text AS client_id, client_agency_id::text AS client_agency_id,
            private, details, ip, user_agent
       FROM audit_log WHERE action = $1 AND (${where}) ORDER BY id`,
    [action, ...params],
  );
  return result.rows;
}

export async function agencyIdByName(db: Queryable, name: string): Promise<string> {
  const result = await db.query<{ id: string }>('SELECT id::text AS id FROM agencies WHERE name = $1', [
    name,
  ]);
  const id = result.rows[0]?.id;
  if (!id) throw new Error(`no agency ${name}`);
  return id;
}
