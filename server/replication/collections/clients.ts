import type { z } from 'zod';
import { clientPatchSchema } from '../../../shared/bridge/contract';
import { nameSearchKey } from '../../../shared/domain/names';
import type { ClientDoc, WithDeletedFlag } from '../../../shared/replication/documents';
import {
  EDITABLE_CLIENT_FIELDS,
  type EditableClientField,
  type EditableClientFieldValue,
  type PushRow,
} from '../../../shared/replication/protocol';
import { redactNotificationsOfLostClient } from '../../authz/redact-notifications';
import {
  canEditClient,
  clientSeenSinceSql,
  clientVisibleSql,
  type Viewer,
  viewerParams,
} from '../../authz/viewer';
import { lockClients } from '../../db/client-lock';
import type { Queryable } from '../../db/database';
import { CLIENT_FIELD_WORDS } from '../client-edit-notices';
import { type DecidedEdit, recordAppliedEdits, recordLostEdits } from '../client-edit-records';
import { clampEditTime, type FieldOnServer, resolveFieldEdit } from '../client-field-merge';
import {
  accessChangedSinceSql,
  afterCheckpointSql,
  type CollectionHandler,
  checkpointParams,
  nextCheckpoint,
  openPushedRow,
  type PushOutcome,
  positionOrderSql,
  pushedUuids,
} from '../collection-handler';

interface ClientRow {
  id: string;
  agency_id: string;
  first_name: string;
  last_name: string;
  first_name_key: string;
  last_name_key: string;
  date_of_birth: string;
  phone: string;
  email: string;
  photo_file_id: string | null;
  shared: boolean;
  portal_connected: boolean;
  txid: number;
  seq: number;
  access_seq: number;
  deleted: boolean;
  updated_at: string;
  visible: boolean;
}

const CLIENT_COLUMNS = `c.id::text AS id, c.agency_id::text AS agency_id, c.first_name, c.last_name, c.first_name_key,
  c.last_name_key, c.date_of_birth, c.phone, c.email, c.photo_file_id::text AS photo_file_id, c.shared, c.txid,
  c.seq, c.access_seq, c.deleted, c.updated_at, ${clientVisibleSql('c')} AS visible,
  EXISTS (SELECT 1 FROM client_accounts pca WHERE pca.client_id = c.id AND pca.active) AS portal_connected`;

function toDoc(row: ClientRow): WithDeletedFlag<ClientDoc> {
  return {
    id: row.id,
    agencyId: row.agency_id,
    firstName: row.first_name,
    lastName: row.last_name,
    firstNameKey: row.first_name_key,
    lastNameKey: row.last_name_key,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    email: row.email,
    photoFileId: row.photo_file_id ?? '',
    shared: row.shared,
    portalConnected: row.portal_connected,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: row.deleted,
  };
}

/** What a desktop that lost access receives: the id and the deletion, nothing about the person. */
function redactedTombstone(row: { id: string; seq: number; updated_at: string }): WithDeletedFlag<ClientDoc> {
  return {
    id: row.id,
    agencyId: '',
    firstName: '',
    lastName: '',
    firstNameKey: '',
    lastNameKey: '',
    dateOfBirth: '',
    phone: '',
    email: '',
    photoFileId: '',
    shared: false,
    portalConnected: false,
    updatedAt: row.updated_at,
    serverSeq: row.seq,
    _deleted: true,
  };
}

export function clientRowToDocForViewer(row: ClientRow): WithDeletedFlag<ClientDoc> {
  return row.visible ? toDoc(row) : redactedTombstone(row);
}

export async function loadClientForViewer(
  db: Queryable,
  viewer: Viewer,
  id: string,
): Promise<ClientRow | undefined> {
  const result = await db.query<ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id = $4::uuid`, [
    ...viewerParams(viewer),
    id,
  ]);
  return result.rows[0];
}

/**
 * Re-stamps every row whose visibility follows a client's, after that visibility changed. When
 * someone lost access (`revoked`), the rows are also marked changed-in-access, so desktops that
 * could see them and now cannot are sent removals on their next pull. When access was only
 * gained, the new seq is enough for the new viewers to pull them; marking it as an access change
 * would send a removal naming the client to every desktop that cannot see it.
 */
export async function bumpClientAccess(tx: Queryable, clientId: string, revoked: boolean): Promise<void> {
  // Any UPDATE fires the stamp trigger; -1 also asks it to record the access change.
  const accessSeq = revoked ? '-1' : 'access_seq';
  await tx.query(`UPDATE clients SET access_seq = ${accessSeq} WHERE id = $1::uuid`, [clientId]);
  await tx.query(`UPDATE care_team SET access_seq = ${accessSeq} WHERE client_id = $1::uuid`, [clientId]);
  await tx.query(`UPDATE enrollments SET access_seq = ${accessSeq} WHERE client_id = $1::uuid`, [clientId]);
  await tx.query(`UPDATE threads SET access_seq = ${accessSeq} WHERE client_id = $1::uuid`, [clientId]);
  await tx.query(`UPDATE messages SET access_seq = ${accessSeq} WHERE client_id = $1::uuid`, [clientId]);
  await tx.query(`UPDATE portal_requests SET access_seq = ${accessSeq} WHERE client_id = $1::uuid`, [
    clientId,
  ]);
  await tx.query(`UPDATE client_records SET access_seq = ${accessSeq} WHERE client_id = $1::uuid`, [
    clientId,
  ]);
  // Notifications follow their staff member, not the client: they are rewritten, not removed.
  if (revoked) await redactNotificationsOfLostClient(tx, clientId);
}

/** The fields a desktop may change; everything else in a pushed document is ignored. */
const EDITABLE_FIELDS = EDITABLE_CLIENT_FIELDS;
type EditableField = EditableClientField;
type FieldValue = EditableClientFieldValue;

function isEditableField(field: string): field is EditableField {
  return (EDITABLE_FIELDS as readonly string[]).includes(field);
}

function unreadableField(field: PropertyKey | undefined): string {
  const label = CLIENT_FIELD_WORDS[field as EditableField] ?? 'change';
  return `The ${label} in this change is missing or could not be read, so it was not saved.`;
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The change is not valid.';
  // The schema's own messages are written for people; a value of the wrong type only comes from a
  // faulty desktop, and zod's wording for it ("expected string, received number") is not.
  if (issue.code === 'invalid_type') return unreadableField(issue.path[0]);
  return issue.message;
}

/**
 * The fields a pushed row changes. A desktop names them in `fieldEdits`, each with the value it
 * started from and the edit time; any other difference between its copy and the server's is a
 * stale copy of someone else's change and is ignored. A row without `fieldEdits` (a desktop from
 * before they existed) edited the current version (openPushedRow checked) and changed whatever
 * differs from it, at the moment it arrived.
 * A string is a refusal: a field that cannot be edited or a starting value of the wrong type.
 */
function pushedChanges(
  row: PushRow<'clients'>,
  before: ClientDoc,
  receivedAt: number,
): DecidedEdit[] | string {
  const newState = row.newDocumentState;
  const changes: DecidedEdit[] = [];
  if (row.fieldEdits) {
    for (const [field, edit] of Object.entries(row.fieldEdits)) {
      if (!isEditableField(field))
        return 'This change names a field that cannot be changed from the desktop.';
      if (typeof edit.from !== typeof before[field]) return unreadableField(field);
      if (newState[field] === edit.from) continue;
      changes.push({
        field,
        from: edit.from,
        value: newState[field],
        at: clampEditTime(edit.at, receivedAt),
      });
    }
    return changes;
  }
  for (const field of EDITABLE_FIELDS) {
    if (newState[field] === before[field]) continue;
    changes.push({ field, from: before[field], value: newState[field], at: receivedAt });
  }
  return changes;
}

/** Each field's current value with when and by whom it was made (migration 063). */
async function fieldsOnServer(
  tx: Queryable,
  before: ClientDoc,
): Promise<Map<EditableField, FieldOnServer<FieldValue>>> {
  const result = await tx.query<{ field: EditableField; edited_ms: number; edited_by: string | null }>(
    `SELECT field, extract(epoch FROM edited_at) * 1000 AS edited_ms, edited_by::text AS edited_by
       FROM client_field_edits WHERE client_id = $1::uuid`,
    [before.id],
  );
  const recorded = new Map(result.rows.map((row) => [row.field, row]));
  // A field never edited since edit times were kept was set no later than the row's last change.
  const rowChangedAt = Date.parse(before.updatedAt);
  const fields = new Map<EditableField, FieldOnServer<FieldValue>>();
  for (const field of EDITABLE_FIELDS) {
    const edit = recorded.get(field);
    fields.set(field, {
      value: before[field],
      editedAt: edit ? Number(edit.edited_ms) : rowChangedAt,
      editedBy: edit?.edited_by ?? null,
    });
  }
  return fields;
}

async function applyClientPush(
  tx: Queryable,
  viewer: Viewer,
  row: PushRow<'clients'>,
  outcome: PushOutcome<'clients'>,
  receivedAt: number,
): Promise<void> {
  const newState = row.newDocumentState;
  const load = async (id: string) =>
    (
      await tx.query<ClientRow>(`SELECT ${CLIENT_COLUMNS} FROM clients c WHERE c.id = $4::uuid FOR UPDATE`, [
        ...viewerParams(viewer),
        id,
      ])
    ).rows[0];
  const opened = await openPushedRow<'clients', ClientRow>(row, outcome, {
    unknownMessage: 'Unknown client.',
    hiddenMessage: 'This client record is not available to you.',
    load,
    visible: (client) => client.visible,
    toDoc,
    redacted: redactedTombstone,
    // A desktop that says where each changed field started is merged field by field; one that does
    // not (from before fieldEdits) must have edited the current version, as before.
    mergesStaleEdits: row.fieldEdits !== undefined,
  });
  if (!opened) return;
  const { current, before, refuse } = opened;
  if (newState._deleted) return refuse('Client records cannot be deleted from the desktop.');
  // Desktops push whole documents; a missing field would otherwise reach the UPDATE as NULL.
  for (const field of EDITABLE_FIELDS)
    if (newState[field] === undefined) return refuse(unreadableField(field));
  const pushed = pushedChanges(row, before, receivedAt);
  if (typeof pushed === 'string') return refuse(pushed);
  const changes = pushed.filter((change) => change.value !== before[change.field]);
  if (changes.length > 0 && !canEditClient(viewer, current.agency_id)) {
    return refuse('Only staff of the client’s own agency can change this record.');
  }
  // Every value is checked, also those that will not stay: hostile input is refused, not merged.
  const parsed = clientPatchSchema.safeParse(
    Object.fromEntries(changes.map((change) => [change.field, change.value])),
  );
  if (!parsed.success) return refuse(firstIssue(parsed.error));
  const values = parsed.data as Partial<Record<EditableField, FieldValue>>;

  const onServer = await fieldsOnServer(tx, before);
  const applied: (DecidedEdit & { replaced?: FieldOnServer<FieldValue> })[] = [];
  const lost: (DecidedEdit & { kept: FieldOnServer<FieldValue> })[] = [];
  for (const change of changes) {
    const edit = { ...change, value: values[change.field] ?? change.value };
    const server = onServer.get(change.field);
    if (!server) continue;
    const decided = resolveFieldEdit(server, edit);
    if (decided.kind === 'applied') applied.push(edit);
    else if (decided.kind === 'won') applied.push({ ...edit, replaced: decided.replaced });
    else if (decided.kind === 'lost') lost.push({ ...edit, kept: decided.kept });
  }

  const client = { before, agencyId: current.agency_id };
  if (applied.length > 0) {
    const next: ClientDoc = { ...before };
    for (const edit of applied) (next as unknown as Record<string, FieldValue>)[edit.field] = edit.value;
    await tx.query(
      `UPDATE clients SET first_name = $2, last_name = $3, first_name_key = $4, last_name_key = $5,
         date_of_birth = $6::date, phone = $7, email = $8, shared = $9 WHERE id = $1::uuid`,
      [
        current.id,
        next.firstName,
        next.lastName,
        nameSearchKey(next.firstName),
        nameSearchKey(next.lastName),
        next.dateOfBirth,
        next.phone,
        next.email,
        next.shared,
      ],
    );
    if (next.shared !== before.shared) await bumpClientAccess(tx, current.id, !next.shared);
    const action =
      next.shared === before.shared ? 'client.update' : next.shared ? 'client.share' : 'client.unshare';
    await recordAppliedEdits(tx, viewer, client, applied, action);
    outcome.changed = true;
  }
  if (lost.length > 0) {
    await recordLostEdits(tx, viewer, client, lost);
    outcome.changed = true;
  }
  // A desktop that sent fieldEdits takes the server's outcome whenever it differs from what it
  // pushed: a field that did not stay, or a stale copy of a field someone else changed. (One that
  // did not edited the current version, and pulls the result like any other change.)
  if (row.fieldEdits === undefined) return;
  const after = applied.length > 0 ? await load(current.id) : current;
  const afterDoc = after ? toDoc(after) : before;
  if (EDITABLE_FIELDS.some((field) => afterDoc[field] !== newState[field])) {
    outcome.conflicts.push(afterDoc);
    outcome.merged?.push(current.id);
  }
}

export const clientsHandler: CollectionHandler<'clients'> = {
  name: 'clients',
  sourceTables: ['clients'],
  visibleRows: (viewer) => ({
    from: 'clients c',
    alias: 'c',
    visible: clientVisibleSql('c'),
    params: viewerParams(viewer),
  }),
  async pull(db, viewer, checkpoint, limit, releaseBelow) {
    // A desktop starting from nothing (an empty checkpoint) has nothing to remove, so it gets no removals: a
    // tombstone would tell it the id of a record it may not see.
    const result = await db.query<ClientRow>(
      `SELECT ${CLIENT_COLUMNS} FROM clients c
       WHERE ${afterCheckpointSql('c', 4, 5, releaseBelow)} AND (${clientVisibleSql('c')} OR (${accessChangedSinceSql('c', 4, 5)} AND ${clientSeenSinceSql('c', 4)}))
       ORDER BY ${positionOrderSql('c')} LIMIT $6`,
      [...viewerParams(viewer), ...checkpointParams(checkpoint), limit],
    );
    return {
      documents: result.rows.map(clientRowToDocForViewer),
      checkpoint: nextCheckpoint(result.rows, checkpoint),
    };
  },
  async push(tx, viewer, rows) {
    const outcome: PushOutcome<'clients'> = { conflicts: [], refusals: [], changed: false, merged: [] };
    // The moment the server received the push: no edit time is taken as later (clampEditTime).
    const receivedAt = Date.now();
    // Every client of the push locked first, in id order (db/client-lock.ts).
    await lockClients(tx, pushedUuids(rows));
    for (const row of rows) await applyClientPush(tx, viewer, row, outcome, receivedAt);
    return outcome;
  },
};
