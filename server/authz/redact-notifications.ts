import { REDACTED_FULFILMENT_TITLES, REQUEST_TYPES } from '../../shared/domain/requests';
import type { Queryable } from '../db/database';
import { clientVisibleToUserSql } from './viewer';

/**
 * When staff members lose sight of a client (a care team ends, the record stops being shared),
 * their notifications about that client are rewritten in place: the title says what happened
 * without saying who, the body and the links to the request and record go. The row keeps its id
 * and is re-stamped by the update, so it replicates to the staff member's desktop like any
 * change and replaces the old text there too (the desktop's SQLite overwrites freed space:
 * main/cache/sqlite-storage). Rewritten once (`redacted_at`); access coming back does not bring
 * the old words back. Runs in the transaction that changed the access (bumpClientAccess), after
 * the change, so "may see" is already the new answer. Answers how many were rewritten.
 */
export async function redactNotificationsOfLostClient(tx: Queryable, clientId: string): Promise<number> {
  const titles = REQUEST_TYPES.map((type, index) => `WHEN '${type}' THEN $${index + 2}`).join(' ');
  const result = await tx.query(
    `UPDATE staff_notifications n
        SET title = CASE WHEN n.kind = 'client_edit_lost' THEN $${REQUEST_TYPES.length + 3}
                         WHEN n.kind IN ('sharing_withdrawn', 'sharing_restored') THEN $${REQUEST_TYPES.length + 4}
                         ELSE CASE r.type ${titles} ELSE $${REQUEST_TYPES.length + 2} END END,
            body = '', request_id = NULL, record_id = NULL, redacted_at = now()
       FROM users u, clients c, staff_notifications o
       LEFT JOIN portal_requests r ON r.id = o.request_id
      WHERE n.id = o.id AND n.client_id = $1::uuid AND n.redacted_at IS NULL
        AND u.id = n.staff_id AND c.id = n.client_id
        AND NOT ${clientVisibleToUserSql('c', 'u')}`,
    [
      clientId,
      ...REQUEST_TYPES.map((type) => REDACTED_FULFILMENT_TITLES[type]),
      'A client you no longer have access to answered a request',
      // A change of theirs that did not stay: its text named the client and both values.
      'A change you made to a client you no longer have access to was not kept',
      // A client's choice about sharing their record: who chose what is the client's to know.
      'A client you no longer have access to changed who can see their record',
    ],
  );
  return result.rowCount ?? 0;
}
