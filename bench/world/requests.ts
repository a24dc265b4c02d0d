import type { Queryable } from '../../server/db/database';
import type { Formulas } from './sql-formulas';

const DOCUMENT_NAMES = ['ID card', 'Pay stub', 'Lease', 'Birth certificate'];
const DESCRIPTIONS = [
  'Please send this before our next appointment.',
  'The housing office needs this to finish your application.',
  'Only if you have it handy, no rush.',
  'This helps us keep your benefits active.',
];

/**
 * Customer Portal requests from each client's case manager: every type, open ones not yet expired,
 * some viewed, cancelled or expired. None is completed, so no client records are needed.
 */
export async function insertRequests(
  tx: Queryable,
  f: Formulas,
  agencyId: string,
  anchor: string,
  count: number,
): Promise<void> {
  await tx.query(
    `INSERT INTO portal_requests (id, client_id, agency_id, sender_staff_id, type, private, assessment_definition_id,
                                  document_category_id, document_name, description, status, sent_at, viewed_at,
                                  cancelled_at, expires_at)
     SELECT ${f.id('request', 'r')}, ${f.id('client', 'c')}, $1::uuid, ${f.id('staff', f.caseManager('c'))}, type,
            ${f.hash('r', 43)} % 25 = 0,
            CASE WHEN type = 'assessment' THEN ${f.id('assessment', `1 + ${f.hash('r', 44)} % 3`)} END,
            CASE WHEN type = 'document' THEN ${f.id('category', `1 + ${f.hash('r', 44)} % 3`)} END,
            CASE WHEN type = 'document' THEN ($3::text[])[1 + ${f.hash('r', 45)} % array_length($3::text[], 1)] ELSE '' END,
            ($4::text[])[1 + ${f.hash('r', 46)} % array_length($4::text[], 1)],
            status, sent_at,
            CASE WHEN status = 'viewed' THEN sent_at + interval '3 hours' END,
            CASE WHEN status = 'cancelled' THEN sent_at + interval '1 day' END,
            CASE WHEN status IN ('sent', 'viewed') THEN $2::timestamptz + (1 + ${f.hash('r', 47)} % 29) * interval '1 day'
                 ELSE sent_at + interval '30 days' END
       FROM (SELECT r, 1 + ${f.hash('r', 40)} % ${f.clients} AS c,
                    CASE ${f.hash('r', 41)} % 10 WHEN 0 THEN 'assessment' WHEN 1 THEN 'document' WHEN 2 THEN 'document'
                         WHEN 3 THEN 'location' WHEN 4 THEN 'location' WHEN 5 THEN 'location' WHEN 6 THEN 'location'
                         ELSE 'roi' END AS type,
                    CASE WHEN ${f.hash('r', 42)} % 20 < 10 THEN 'sent' WHEN ${f.hash('r', 42)} % 20 < 14 THEN 'viewed'
                         WHEN ${f.hash('r', 42)} % 20 < 17 THEN 'cancelled' ELSE 'expired' END AS status,
                    $2::timestamptz - ((${count} - r) * 300 + ${f.hash('r', 48)} % 300) * interval '1 second' AS sent_at
               FROM generate_series(1, $5::int) r) s
      ORDER BY r`,
    [agencyId, anchor, DOCUMENT_NAMES, DESCRIPTIONS, count],
  );
}
