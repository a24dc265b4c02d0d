import type { StaffRole } from '../../shared/domain/roles';
import { clientVisibleSql, viewerParams } from '../authz/viewer';
import type { Queryable } from '../db/database';

/*
 * What a staff member whose change to a client was replaced by a later one is told: an Inbox
 * notification (replicated to them like any other, so it reaches them whether or not their
 * desktop is open when it happens) naming the client, the field and both values.
 */

/** Field names in the words the profile uses. */
export const CLIENT_FIELD_WORDS: Record<string, string> = {
  firstName: 'first name',
  lastName: 'last name',
  dateOfBirth: 'date of birth',
  phone: 'phone number',
  email: 'email address',
  shared: 'sharing setting',
};

/** One of the staff member's field changes that did not stay. */
export interface LostFieldEdit {
  field: string;
  /** The value they set. */
  theirs: string | boolean;
  /** The value that stays. */
  kept: string | boolean;
  /** Who made the value that stays; null when the server does not know. */
  keptBy: string | null;
}

function valueWords(value: string | boolean): string {
  if (typeof value === 'boolean') return value ? 'shared with other agencies' : 'not shared';
  if (value === '') return 'empty';
  return `“${value}”`;
}

async function staffNames(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const result = await db.query<{ id: string; display_name: string }>(
    'SELECT id::text AS id, display_name FROM users WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(result.rows.map((row) => [row.id, row.display_name]));
}

/** The notification's words: which client, which fields, both values, who made the one that stays. */
export function lostEditNotice(
  clientName: string,
  lost: readonly LostFieldEdit[],
  names: ReadonlyMap<string, string>,
): { title: string; body: string } {
  const [only] = lost;
  const title =
    lost.length === 1 && only
      ? `Your change to ${clientName}’s ${CLIENT_FIELD_WORDS[only.field] ?? only.field} was not kept`
      : `Your changes to ${clientName}’s record were not kept`;
  const sentences = lost.map((edit) => {
    const who = edit.keptBy ? (names.get(edit.keptBy) ?? 'Another staff member') : 'Another staff member';
    const words = CLIENT_FIELD_WORDS[edit.field] ?? edit.field;
    return `You changed the ${words} to ${valueWords(edit.theirs)}; ${who} changed it to ${valueWords(edit.kept)} later, and that change stays.`;
  });
  return {
    title,
    body: `${sentences.join(' ')} Both values are in the audit log. If yours is the right one, change it again.`,
  };
}

/**
 * Whether staff member `staffId` may see client `clientId` now. The notification names the client
 * and carries values from the record, so someone who has lost sight of it since their edit (moved
 * agency, the client no longer shared) is not sent it; the audit log still holds both values.
 */
async function maySeeClient(tx: Queryable, staffId: string, clientId: string): Promise<boolean> {
  const user = await tx.query<{ agency_id: string; role: StaffRole }>(
    'SELECT agency_id::text AS agency_id, role FROM users WHERE id = $1::uuid AND active',
    [staffId],
  );
  const row = user.rows[0];
  if (!row) return false;
  const visible = await tx.query(
    `SELECT 1 FROM clients c WHERE c.id = $4::uuid AND NOT c.deleted AND ${clientVisibleSql('c')}`,
    [...viewerParams({ userId: staffId, agencyId: row.agency_id, role: row.role }), clientId],
  );
  return visible.rows.length > 0;
}

/** Tells `staffId` that their changes `lost` to client `clientId` were replaced by later ones. */
export async function notifyLostEdits(
  tx: Queryable,
  staffId: string,
  clientId: string,
  clientName: string,
  lost: readonly LostFieldEdit[],
): Promise<void> {
  if (lost.length === 0 || !(await maySeeClient(tx, staffId, clientId))) return;
  const keptBy = [...new Set(lost.flatMap((edit) => (edit.keptBy ? [edit.keptBy] : [])))];
  const notice = lostEditNotice(clientName, lost, await staffNames(tx, keptBy));
  await tx.query(
    `INSERT INTO staff_notifications (staff_id, kind, client_id, title, body)
     VALUES ($1::uuid, 'client_edit_lost', $2::uuid, $3, $4)`,
    [staffId, clientId, notice.title, notice.body],
  );
}
