import type { Queryable } from '../../server/db/database';
import { firstNames, lastNames } from './names';
import { type Formulas, idOf } from './sql-formulas';

const TITLES = ['Case Manager', 'Outreach Worker', 'Housing Navigator', 'Peer Specialist'];
export const PROGRAMS = ['Street Outreach', 'Rapid Rehousing', 'Coordinated Entry', 'Emergency Shelter'];

/**
 * The agency, its staff (the measured staff member is position 1), programs and request catalog,
 * and a separate floor agency whose rows no bench staff member can see.
 */
export async function insertAgency(
  tx: Queryable,
  f: Formulas,
  passwordHash: string,
): Promise<{ agencyId: string; floorAgencyId: string }> {
  const agencyId = idOf(f.seed, 'agency', 1);
  const floorAgencyId = idOf(f.seed, 'agency', 2);
  await tx.query(
    `INSERT INTO agencies (id, name) VALUES ($1::uuid, 'Bayview Regional Services'), ($2::uuid, 'Bench Floor Agency')`,
    [agencyId, floorAgencyId],
  );
  const first = firstNames(f.seed);
  const last = lastNames(f.seed);
  await tx.query(
    `INSERT INTO users (id, agency_id, username, password_hash, display_name, title, role)
     SELECT ${f.id('staff', 's')}, $1::uuid,
            CASE WHEN s = 1 THEN 'bench' ELSE 'bench-staff-' || lpad(s::text, 3, '0') END, $2,
            ($3::text[])[1 + ${f.hash('s', 11)} % array_length($3::text[], 1)] || ' ' ||
              ($4::text[])[1 + ${f.hash('s', 12)} % array_length($4::text[], 1)],
            ($5::text[])[1 + s % array_length($5::text[], 1)],
            CASE WHEN s % 50 = 0 THEN 'agency_admin' ELSE 'staff' END
       FROM generate_series(1, $6::int) s`,
    [agencyId, passwordHash, first.names, last.names, TITLES, f.staff],
  );
  await tx.query(
    `INSERT INTO users (id, agency_id, username, password_hash, display_name, title, role)
     VALUES ($1::uuid, $2::uuid, 'bench-floor', $3, 'Floor Staff', 'Case Manager', 'staff')`,
    [idOf(f.seed, 'floor-staff', 1), floorAgencyId, passwordHash],
  );
  await tx.query(
    `INSERT INTO programs (id, agency_id, name, description)
     SELECT ${f.id('program', 'p')}, $1::uuid, ($2::text[])[p], ($2::text[])[p] || ' at Bayview'
       FROM generate_series(1, array_length($2::text[], 1)) p`,
    [agencyId, PROGRAMS],
  );
  await insertCatalog(tx, f, agencyId);
  return { agencyId, floorAgencyId };
}

/** Assessment definitions, document categories and settings rows: the agency's catalog documents. */
export const CATALOG_ROWS = 3 + 3 + 1;

/** What requests refer to: assessment definitions, document categories and the agency's ROI term. */
async function insertCatalog(tx: Queryable, f: Formulas, agencyId: string): Promise<void> {
  const fields = JSON.stringify([
    { key: 'sleeping', label: 'Where did you sleep last night?', type: 'text', required: true, options: [] },
    { key: 'income', label: 'Monthly income', type: 'number', required: false, options: [] },
    {
      key: 'veteran',
      label: 'Have you served in the military?',
      type: 'checkbox',
      required: false,
      options: [],
    },
  ]);
  await tx.query(
    `INSERT INTO assessment_definitions (id, agency_id, name, description, fields)
     SELECT ${f.id('assessment', 'a')}, $1::uuid, 'Assessment ' || a, 'Intake questions, version ' || a, $2::jsonb
       FROM generate_series(1, 3) a`,
    [agencyId, fields],
  );
  await tx.query(
    `INSERT INTO document_categories (id, agency_id, name, predefined_names)
     SELECT ${f.id('category', 'k')}, $1::uuid, ($2::text[])[k], $3::jsonb
       FROM generate_series(1, 3) k`,
    [
      agencyId,
      ['Identification', 'Income', 'Housing'],
      JSON.stringify(['ID card', 'Pay stub', 'Lease', 'Other']),
    ],
  );
  await tx.query(
    'INSERT INTO agency_settings (id, agency_id, roi_term_days) VALUES ($1::uuid, $2::uuid, 365)',
    [idOf(f.seed, 'settings', 1), agencyId],
  );
}
