import type { Migration } from './index';

/**
 * Concurrent edits of a client's fields (issue 14): the server keeps, of two edits of one field
 * made against the same earlier value, the one made later, so it must know when each field's
 * current value was made and by whom.
 *
 * - `client_field_edits`: per client and field, when its current value was edited (the desktop's
 *   edit time, never later than when the server received it) and by which staff member. Not
 *   replicated: only the push reads it. A field without a row was last set before this table (or by
 *   the seed); the client row's `updated_at` stands in for its time.
 * - `staff_notifications.kind` may be `client_edit_lost`: a staff member's change that a later one
 *   replaced, told to them with both values.
 */
export const clientFieldEdits: Migration = {
  id: 63,
  name: 'client field edit times; notifications of lost edits',
  statements: [
    `CREATE TABLE client_field_edits (
       client_id uuid NOT NULL REFERENCES clients(id),
       field text NOT NULL CHECK (field IN ('firstName', 'lastName', 'dateOfBirth', 'phone', 'email', 'shared')),
       edited_at timestamptz NOT NULL,
       edited_by uuid REFERENCES users(id),
       PRIMARY KEY (client_id, field)
     )`,
    // The kinds allowed so far are read from the constraint itself and 'client_edit_lost' added, so
    // kinds another migration allowed (whichever ran first) stay allowed.
    `DO $$
     DECLARE
       kinds text[];
     BEGIN
       SELECT array_agg(DISTINCT m[1]) INTO kinds
         FROM pg_constraint c, regexp_matches(pg_get_constraintdef(c.oid), '''([a-z_]+)''', 'g') AS m
        WHERE c.conrelid = 'staff_notifications'::regclass AND c.conname = 'staff_notifications_kind_check';
       ALTER TABLE staff_notifications DROP CONSTRAINT staff_notifications_kind_check;
       EXECUTE format(
         'ALTER TABLE staff_notifications ADD CONSTRAINT staff_notifications_kind_check CHECK (kind = ANY (%L::text[]))',
         array_append(array_remove(coalesce(kinds, ARRAY['request_fulfilled']), 'client_edit_lost'), 'client_edit_lost'));
     END
     $$`,
  ],
};
