import { randomUUID } from 'node:crypto';
import { hashPassword } from '../../server/auth/passwords';
import type { Queryable } from '../../server/db/database';
import type { FileStore } from '../../server/files/file-store';
import type { StaffRole } from '../../shared/domain/roles';

/*
 * A small world for the authorization matrix, inserted with SQL: two agencies ("own", where every
 * viewer works, and "other"), a viewer of each role, authors of items in each agency, and for every
 * combination of client and item variant one item of each kind. Every item carries a marker text
 * of its own, so a test can prove that a denied item's content never left the server.
 */

export type Side = 'own' | 'other';
export type ViewerRole = StaffRole;

export const VIEWER_ROLES: readonly ViewerRole[] = ['staff', 'agency_admin', 'system_admin'];
export const FIXTURE_PASSWORD = 'Portico#2026';

export interface ClientVariant {
  key: string;
  agency: Side;
  shared: boolean;
  /** The own agency's staff viewer is on this client's care team (in force). */
  staffOnCareTeam: boolean;
  /** The client withdrew sharing of their record from the viewers' (own) agency (migration 041). */
  withdrawnFromOwn?: boolean;
}

/** Clients of each agency, shared and not, and one seen through a care team only. */
export const CLIENT_VARIANTS: readonly ClientVariant[] = [
  { key: 'own shared client', agency: 'own', shared: true, staffOnCareTeam: false },
  { key: 'own not-shared client', agency: 'own', shared: false, staffOnCareTeam: false },
  { key: 'other shared client', agency: 'other', shared: true, staffOnCareTeam: false },
  { key: 'other not-shared client', agency: 'other', shared: false, staffOnCareTeam: false },
  {
    key: 'other not-shared client, staff on care team',
    agency: 'other',
    shared: false,
    staffOnCareTeam: true,
  },
  {
    key: 'other shared client, sharing withdrawn from own agency',
    agency: 'other',
    shared: true,
    staffOnCareTeam: false,
    withdrawnFromOwn: true,
  },
  {
    key: 'other not-shared client, staff on care team, sharing withdrawn from own agency',
    agency: 'other',
    shared: false,
    staffOnCareTeam: true,
    withdrawnFromOwn: true,
  },
];

export interface ItemVariant {
  key: string;
  agency: Side;
  private: boolean;
}

/** Items (threads, messages, requests, records) of either agency, private or not. */
export const ITEM_VARIANTS: readonly ItemVariant[] = [
  { key: 'own-agency shared item', agency: 'own', private: false },
  { key: 'own-agency private item', agency: 'own', private: true },
  { key: 'other-agency shared item', agency: 'other', private: false },
  { key: 'other-agency private item', agency: 'other', private: true },
];

export type NotificationOwner = 'the viewer' | 'a colleague' | 'another agency’s staff';
export const NOTIFICATION_OWNERS: readonly NotificationOwner[] = [
  'the viewer',
  'a colleague',
  'another agency’s staff',
];

export interface ClientFixture extends ClientVariant {
  id: string;
  marker: string;
  photoFileId: string;
  careTeamId: string;
  careTeamMarker: string;
}

export interface ItemFixture {
  client: ClientFixture;
  variant: ItemVariant;
  threadId: string;
  messageId: string;
  requestId: string;
  recordId: string;
  attachmentFileId: string;
  recordFileId: string;
  markers: { thread: string; message: string; request: string; record: string };
}

export interface CatalogFixture {
  kind: 'assessment' | 'document category';
  agency: Side;
  id: string;
  marker: string;
}

export interface NotificationFixture {
  viewer: ViewerRole;
  owner: NotificationOwner;
  id: string;
  marker: string;
}

export interface AuthzWorld {
  agencies: Record<Side, string>;
  viewers: Record<ViewerRole, { id: string; username: string }>;
  clients: ClientFixture[];
  items: ItemFixture[];
  catalog: CatalogFixture[];
  notifications: NotificationFixture[];
}

let markerCount = 0;
const marker = (kind: string) => `SECRET-${kind}-${++markerCount}-END`;

async function insertUser(db: Queryable, agency: string, username: string, role: StaffRole, hash: string) {
  const result = await db.query<{ id: string }>(
    `INSERT INTO users (agency_id, username, password_hash, display_name, role)
     VALUES ($1::uuid, $2, $3, $4, $5) RETURNING id::text AS id`,
    [agency, username, hash, `Person ${username}`, role],
  );
  return result.rows[0]?.id ?? '';
}

/** Agencies and people: done first, so the viewers can sign in and open their streams. */
export async function insertPeople(
  db: Queryable,
): Promise<Pick<AuthzWorld, 'agencies' | 'viewers'> & { authors: Record<Side, [string, string]> }> {
  const hash = await hashPassword(FIXTURE_PASSWORD);
  const agency = async (name: string) =>
    (
      await db.query<{ id: string }>('INSERT INTO agencies (name) VALUES ($1) RETURNING id::text AS id', [
        name,
      ])
    ).rows[0]?.id ?? '';
  const agencies = { own: await agency('Own Agency'), other: await agency('Other Agency') };
  const viewers = {} as AuthzWorld['viewers'];
  for (const role of VIEWER_ROLES) {
    const username = `own-${role.replace('_', '-')}`;
    viewers[role] = { id: await insertUser(db, agencies.own, username, role, hash), username };
  }
  const authors: Record<Side, [string, string]> = {
    own: [
      await insertUser(db, agencies.own, 'own-author-1', 'staff', hash),
      await insertUser(db, agencies.own, 'own-author-2', 'staff', hash),
    ],
    other: [
      await insertUser(db, agencies.other, 'other-author-1', 'staff', hash),
      await insertUser(db, agencies.other, 'other-author-2', 'staff', hash),
    ],
  };
  return { agencies, viewers, authors };
}

async function storedFile(
  db: Queryable,
  files: FileStore,
  file: { agency: string; kind: 'photo' | 'attachment' | 'document'; createdBy: string | null },
): Promise<string> {
  const stored = await files.putBuffer(Buffer.from(`file ${randomUUID()}`));
  const result = await db.query<{ id: string }>(
    `INSERT INTO files (agency_id, storage_key, content_type, byte_size, sha256, original_name, created_by, kind)
     VALUES ($1::uuid, $2, 'image/png', $3, $4, 'file.png', $5::uuid, $6) RETURNING id::text AS id`,
    [file.agency, stored.storageKey, stored.byteSize, stored.sha256, file.createdBy, file.kind],
  );
  return result.rows[0]?.id ?? '';
}

async function insertClient(
  db: Queryable,
  files: FileStore,
  people: Awaited<ReturnType<typeof insertPeople>>,
  variant: ClientVariant,
): Promise<ClientFixture> {
  const agency = people.agencies[variant.agency];
  const id = randomUUID();
  const name = marker('client');
  const photoFileId = await storedFile(db, files, { agency, kind: 'photo', createdBy: null });
  await db.query(
    `INSERT INTO clients (id, agency_id, first_name, last_name, first_name_key, last_name_key, date_of_birth,
                          photo_file_id, shared)
     VALUES ($1::uuid, $2::uuid, 'Client', $3, 'client', lower($3), DATE '1980-01-01', $4::uuid, $5)`,
    // A withdrawn client is shared only once the withdrawal is in place: there is no moment when
    // the own agency may see it.
    [id, agency, name, photoFileId, variant.shared && !variant.withdrawnFromOwn],
  );
  if (variant.withdrawnFromOwn) {
    await db.query(
      `INSERT INTO client_share_withdrawals (client_id, agency_id, from_txid, from_seq)
       VALUES ($1::uuid, $2::uuid, pg_current_xact_id(), nextval('change_seq'))`,
      [id, people.agencies.own],
    );
    // As the server's withdrawal does: every change of who may see a client writes its row.
    await db.query('UPDATE clients SET access_seq = access_seq WHERE id = $1::uuid', [id]);
  }
  const careTeamId = randomUUID();
  const careTeamMarker = marker('careTeam');
  const team = [{ id: careTeamId, staff: people.authors[variant.agency][0], label: careTeamMarker }];
  if (variant.staffOnCareTeam)
    team.push({ id: randomUUID(), staff: people.viewers.staff.id, label: 'Outreach' });
  for (const member of team)
    await db.query(
      `INSERT INTO care_team (id, client_id, staff_id, label, start_date) VALUES ($1::uuid, $2::uuid, $3::uuid, $4,
       (now() AT TIME ZONE 'UTC')::date - 30)`,
      [member.id, id, member.staff, member.label],
    );
  if (variant.shared && variant.withdrawnFromOwn)
    await db.query('UPDATE clients SET shared = true WHERE id = $1::uuid', [id]);
  return { ...variant, id, marker: name, photoFileId, careTeamId, careTeamMarker };
}

async function insertItems(
  db: Queryable,
  files: FileStore,
  people: Awaited<ReturnType<typeof insertPeople>>,
  client: ClientFixture,
  variant: ItemVariant,
): Promise<ItemFixture> {
  const agency = people.agencies[variant.agency];
  const author = people.authors[variant.agency][variant.private ? 0 : 1];
  const markers = {
    thread: marker('thread'),
    message: marker('message'),
    request: marker('request'),
    record: marker('record'),
  };
  const [threadId, messageId, requestId, recordId] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  await db.query(
    `INSERT INTO threads (id, client_id, staff_id, agency_id, private, started_by, last_message_preview, last_sender_kind)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, 'staff', $6, 'staff')`,
    [threadId, client.id, author, agency, variant.private, markers.thread],
  );
  await db.query(
    `INSERT INTO messages (id, thread_id, client_id, agency_id, private, sender_kind, sender_staff_id, body_html, body_text)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, 'staff', $6::uuid, $7, $8)`,
    [
      messageId,
      threadId,
      client.id,
      agency,
      variant.private,
      author,
      `<p>${markers.message}</p>`,
      markers.message,
    ],
  );
  const attachmentFileId = await storedFile(db, files, { agency, kind: 'attachment', createdBy: author });
  await db.query('INSERT INTO message_attachments (message_id, file_id) VALUES ($1::uuid, $2::uuid)', [
    messageId,
    attachmentFileId,
  ]);
  await db.query(
    `INSERT INTO portal_requests (id, client_id, agency_id, sender_staff_id, type, private, description, expires_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, 'location', $5, $6, now() + interval '7 days')`,
    [requestId, client.id, agency, author, variant.private, markers.request],
  );
  const recordFileId = await storedFile(db, files, { agency, kind: 'document', createdBy: author });
  const data = { categoryId: '', categoryName: '', name: markers.record, files: [{ fileId: recordFileId }] };
  await db.query(
    `INSERT INTO client_records (id, client_id, agency_id, kind, private, requested_by_staff_id, submitted_by, title, data)
     VALUES ($1::uuid, $2::uuid, $3::uuid, 'document', $4, $5::uuid, 'staff', $6, $7::jsonb)`,
    [recordId, client.id, agency, variant.private, author, markers.record, JSON.stringify(data)],
  );
  await db.query('INSERT INTO record_files (record_id, file_id, position) VALUES ($1::uuid, $2::uuid, 0)', [
    recordId,
    recordFileId,
  ]);
  return {
    client,
    variant,
    threadId,
    messageId,
    requestId,
    recordId,
    attachmentFileId,
    recordFileId,
    markers,
  };
}

/** Everything the viewers might see, inserted once their streams are open. */
export async function insertItemsWorld(
  db: Queryable,
  files: FileStore,
  people: Awaited<ReturnType<typeof insertPeople>>,
): Promise<AuthzWorld> {
  const clients: ClientFixture[] = [];
  const items: ItemFixture[] = [];
  for (const variant of CLIENT_VARIANTS) {
    const client = await insertClient(db, files, people, variant);
    clients.push(client);
    for (const itemVariant of ITEM_VARIANTS)
      items.push(await insertItems(db, files, people, client, itemVariant));
  }
  const catalog: CatalogFixture[] = [];
  for (const side of ['own', 'other'] as const) {
    const assessment = {
      kind: 'assessment' as const,
      agency: side,
      id: randomUUID(),
      marker: marker('assessment'),
    };
    await db.query(
      'INSERT INTO assessment_definitions (id, agency_id, name) VALUES ($1::uuid, $2::uuid, $3)',
      [assessment.id, people.agencies[side], assessment.marker],
    );
    const category = {
      kind: 'document category' as const,
      agency: side,
      id: randomUUID(),
      marker: marker('category'),
    };
    await db.query('INSERT INTO document_categories (id, agency_id, name) VALUES ($1::uuid, $2::uuid, $3)', [
      category.id,
      people.agencies[side],
      category.marker,
    ]);
    catalog.push(assessment, category);
  }
  const notifications: NotificationFixture[] = [];
  const anyClient = clients[0]?.id ?? '';
  for (const viewer of VIEWER_ROLES) {
    const recipients: Record<NotificationOwner, string> = {
      'the viewer': people.viewers[viewer].id,
      'a colleague': people.authors.own[0],
      'another agency’s staff': people.authors.other[0],
    };
    for (const owner of NOTIFICATION_OWNERS) {
      const notification = { viewer, owner, id: randomUUID(), marker: marker('notification') };
      await db.query(
        `INSERT INTO staff_notifications (id, staff_id, kind, client_id, title)
         VALUES ($1::uuid, $2::uuid, 'request_fulfilled', $3::uuid, $4)`,
        [notification.id, recipients[owner], anyClient, notification.marker],
      );
      notifications.push(notification);
    }
  }
  return { agencies: people.agencies, viewers: people.viewers, clients, items, catalog, notifications };
}
