import type { Migration } from './index';

/**
 * The mass-send delivery audit (migration 006) joined a batch's old and new recipient rows, and a
 * statement trigger's transition tables carry no statistics: the planner guessed two rows each and
 * compared every new row with every old one (250,000 comparisons for a batch of 500, most of the
 * batch's time). Grouping both by position instead pairs them in one pass, whatever the planner
 * guesses. Same entries, same rule: a recipient is logged when the statement moved it from
 * pending to sent.
 */
export const massSendAuditJoin: Migration = {
  id: 7,
  name: 'mass send audit without a quadratic join',
  statements: [
    `CREATE OR REPLACE FUNCTION portico_audit_mass_send_delivery() RETURNS trigger AS $$
     BEGIN
       INSERT INTO audit_log (actor_kind, actor_id, actor_name, agency_id, action, subject_kind, subject_id,
                              client_id, client_agency_id, private, details)
       SELECT 'staff', j.sender_staff_id, u.display_name, j.agency_id, 'mass_send.deliver',
              CASE WHEN j.kind = 'message' THEN 'message' ELSE 'request' END, d.item_id, d.client_id,
              c.agency_id, j.private, jsonb_build_object('massSendId', j.id, 'kind', j.kind)
         FROM (SELECT x.job_id, max(x.item_id) AS item_id, max(x.client_id)::uuid AS client_id
                 FROM (SELECT o.job_id, o.position, NULL::text AS item_id, NULL::text AS client_id,
                              true AS was_pending
                         FROM old_rows o WHERE o.outcome = 'pending'
                       UNION ALL
                       SELECT n.job_id, n.position, n.item_id::text, n.client_id::text, false
                         FROM new_rows n WHERE n.outcome = 'sent') AS x
                GROUP BY x.job_id, x.position
               HAVING bool_or(x.was_pending) AND bool_or(NOT x.was_pending)) AS d
         JOIN mass_send_jobs j ON j.id = d.job_id
         JOIN users u ON u.id = j.sender_staff_id
         LEFT JOIN clients c ON c.id = d.client_id;
       RETURN NULL;
     END
     $$ LANGUAGE plpgsql`,
  ],
};
