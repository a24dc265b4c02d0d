import type { Queryable } from '../../server/db/database';
import { firstNames, lastNames } from './names';
import type { Formulas } from './sql-formulas';

/**
 * The agency's clients, each with one active care-team membership held by its case manager. The
 * sweeper's bookkeeping row is written too, as if it had already seen each membership start: else
 * its next run would re-stamp every client in the middle of a measurement.
 */
export async function insertClients(
  tx: Queryable,
  f: Formulas,
  agencyId: string,
  anchor: string,
): Promise<void> {
  const first = firstNames(f.seed);
  const last = lastNames(f.seed);
  await tx.query(
    `INSERT INTO clients (id, agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth,
                          phone, email, shared, created_at)
     SELECT ${f.id('client', 'c')}, $1::uuid, ($2::text[])[fi], ($4::text[])[li], ($3::text[])[fi], ($5::text[])[li],
            $7::date - 6570 - ${f.hash('c', 3)} % 22000,
            '(555) ' || lpad((${f.hash('c', 4)} % 1000)::text, 3, '0') || '-' || lpad((${f.hash('c', 5)} % 10000)::text, 4, '0'),
            CASE WHEN ${f.hash('c', 6)} % 2 = 0 THEN 'client' || c || '@example.org' ELSE '' END,
            ${f.hash('c', 7)} % 10 <> 0,
            $7::timestamptz - (${f.hash('c', 8)} % 1000) * interval '1 day'
       FROM (SELECT c, 1 + ${f.hash('c', 1)} % array_length($2::text[], 1) AS fi,
                    1 + ${f.hash('c', 2)} % array_length($4::text[], 1) AS li
               FROM generate_series(1, $6::int) c) s
      ORDER BY c`,
    [agencyId, first.names, first.keys, last.names, last.keys, f.clients, anchor],
  );
  await tx.query(
    `INSERT INTO care_team (id, client_id, staff_id, label, start_date)
     SELECT ${f.id('care', 'c')}, ${f.id('client', 'c')}, ${f.id('staff', f.caseManager('c'))}, 'Case manager',
            $1::date - 30 - ${f.hash('c', 22)} % 700
       FROM generate_series(1, $2::int) c ORDER BY c`,
    [anchor, f.clients],
  );
  await tx.query(
    `INSERT INTO care_team_transitions (care_team_id, applied_state)
     SELECT ${f.id('care', 'c')}, 'active' FROM generate_series(1, $1::int) c`,
    [f.clients],
  );
}
