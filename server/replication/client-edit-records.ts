import type { ClientDoc } from '../../shared/replication/documents';
import type { EditableClientField, EditableClientFieldValue } from '../../shared/replication/protocol';
import { recordAudit, staffActor } from '../audit/audit-log';
import type { Viewer } from '../authz/viewer';
import type { Queryable } from '../db/database';
import { type LostFieldEdit, notifyLostEdits } from './client-edit-notices';
import type { FieldOnServer } from './client-field-merge';

/*
 * What a client push leaves besides the record itself (docs/architecture.md, "Concurrent edits"):
 * each applied field's edit time and editor, audit entries with old and new values (for the edit
 * that stayed and for the one that did not), and a notification to whoever's edit did not stay.
 */

/** A field a push changed, decided by the merge rule. */
export interface DecidedEdit {
  field: EditableClientField;
  /** The value the desktop started from. */
  from: EditableClientFieldValue;
  /** The value it set (as validated). */
  value: EditableClientFieldValue;
  /** The edit time, clamped (ms). */
  at: number;
}

/** The client the edits are about, as it was before the push. */
export interface EditedClient {
  before: ClientDoc;
  agencyId: string;
}

const iso = (ms: number) => new Date(ms).toISOString();
const nameOf = (client: ClientDoc) => `${client.firstName} ${client.lastName}`.trim();

/**
 * Edits the push applied (the record is already updated): their times, the audit entry (old and new
 * values, and for an edit that replaced a concurrent one, where it started and whose it replaced)
 * and a notification to each staff member whose value was replaced. The entry belongs to the
 * client's agency (not the actor's, which differs for a system admin): its admins and system
 * admins, who may see the client, are the ones who read it.
 */
export async function recordAppliedEdits(
  tx: Queryable,
  viewer: Viewer,
  client: EditedClient,
  applied: readonly (DecidedEdit & { replaced?: FieldOnServer<EditableClientFieldValue> })[],
  action: 'client.update' | 'client.share' | 'client.unshare',
): Promise<void> {
  const { before } = client;
  await tx.query(
    `INSERT INTO client_field_edits (client_id, field, edited_at, edited_by)
     SELECT $1::uuid, f.field, f.edited_at, $2::uuid FROM unnest($3::text[], $4::timestamptz[]) AS f(field, edited_at)
     ON CONFLICT (client_id, field) DO UPDATE SET edited_at = EXCLUDED.edited_at, edited_by = EXCLUDED.edited_by`,
    [before.id, viewer.userId, applied.map((edit) => edit.field), applied.map((edit) => iso(edit.at))],
  );
  const changes: Record<string, unknown> = {};
  for (const edit of applied) {
    changes[edit.field] = {
      old: before[edit.field],
      new: edit.value,
      editedAt: iso(edit.at),
      ...(edit.replaced
        ? {
            startedFrom: edit.from,
            replacedEditBy: edit.replaced.editedBy,
            replacedEditAt: iso(edit.replaced.editedAt),
          }
        : {}),
    };
  }
  await recordAudit(tx, {
    actor: staffActor(viewer.userId),
    action,
    subject: { kind: 'client', id: before.id },
    clientId: before.id,
    agencyId: client.agencyId,
    details: { fields: applied.map((edit) => edit.field), changes },
  });
  const replacedBy = new Map<string, LostFieldEdit[]>();
  for (const edit of applied) {
    const staffId = edit.replaced?.editedBy;
    if (!edit.replaced || !staffId || staffId === viewer.userId) continue;
    const list = replacedBy.get(staffId) ?? [];
    list.push({ field: edit.field, theirs: edit.replaced.value, kept: edit.value, keptBy: viewer.userId });
    replacedBy.set(staffId, list);
  }
  for (const [staffId, edits] of replacedBy)
    await notifyLostEdits(tx, staffId, before.id, nameOf(before), edits);
}

/**
 * Edits the push did not apply because a later one stays: logged with the value each started from,
 * the value it set and the one that stays (as `client.edit_lost`), and told to the staff member.
 */
export async function recordLostEdits(
  tx: Queryable,
  viewer: Viewer,
  client: EditedClient,
  lost: readonly (DecidedEdit & { kept: FieldOnServer<EditableClientFieldValue> })[],
): Promise<void> {
  const { before } = client;
  const changes: Record<string, unknown> = {};
  for (const edit of lost) {
    changes[edit.field] = {
      old: edit.from,
      new: edit.value,
      editedAt: iso(edit.at),
      kept: edit.kept.value,
      keptEditBy: edit.kept.editedBy,
      keptEditAt: iso(edit.kept.editedAt),
    };
  }
  await recordAudit(tx, {
    actor: staffActor(viewer.userId),
    action: 'client.edit_lost',
    subject: { kind: 'client', id: before.id },
    clientId: before.id,
    agencyId: client.agencyId,
    details: { fields: lost.map((edit) => edit.field), changes },
  });
  await notifyLostEdits(
    tx,
    viewer.userId,
    before.id,
    nameOf(before),
    lost.map((edit) => ({
      field: edit.field,
      theirs: edit.value,
      kept: edit.kept.value,
      keptBy: edit.kept.editedBy,
    })),
  );
}
