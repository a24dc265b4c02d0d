import { lockClients } from '../db/client-lock';
import type { Database } from '../db/database';
import { bumpClientAccess } from '../replication/collections/clients';
import { TODAY_SQL } from './viewer';

const SWEEP_LOCK = 7_366_002;

type CareTeamState = 'pending' | 'active' | 'ended';

/**
 * Care-team membership grants access to a client, and it starts and ends by the calendar, not by
 * any write. The sweeper notices memberships whose state changed since it last looked and marks
 * their client's rows as changed-in-access, so desktops gain or lose them at their next sync.
 * Returns how many clients it bumped.
 */
export async function sweepCareTeamTransitions(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SWEEP_LOCK]);
    const changed = await tx.query<{
      id: string;
      client_id: string;
      state: CareTeamState;
      applied: CareTeamState | null;
    }>(
      `SELECT ct.id::text AS id, ct.client_id::text AS client_id, s.state, t.applied_state AS applied
         FROM care_team ct
         CROSS JOIN LATERAL (SELECT CASE
             WHEN ct.deleted OR (ct.end_date IS NOT NULL AND ct.end_date < ${TODAY_SQL}) THEN 'ended'
             WHEN ct.start_date > ${TODAY_SQL} THEN 'pending'
             ELSE 'active' END AS state) s
         LEFT JOIN care_team_transitions t ON t.care_team_id = ct.id
        WHERE t.applied_state IS DISTINCT FROM s.state`,
    );
    // Client id → whether someone lost access to it (true) or only gained it (false).
    const clientsToBump = new Map<string, boolean>();
    for (const row of changed.rows) {
      // Access changes when a membership becomes active or stops being active.
      const wasActive = row.applied === 'active';
      const isActive = row.state === 'active';
      if (wasActive !== isActive)
        clientsToBump.set(row.client_id, (clientsToBump.get(row.client_id) ?? false) || wasActive);
      await tx.query(
        `INSERT INTO care_team_transitions (care_team_id, applied_state) VALUES ($1::uuid, $2)
         ON CONFLICT (care_team_id) DO UPDATE SET applied_state = EXCLUDED.applied_state`,
        [row.id, row.state],
      );
    }
    // Several clients: their row locks first, in id order, as every writer of several takes them.
    const clientIds = [...clientsToBump.keys()].sort();
    await lockClients(tx, clientIds);
    for (const clientId of clientIds)
      await bumpClientAccess(tx, clientId, clientsToBump.get(clientId) ?? true);
    return clientsToBump.size;
  });
}
