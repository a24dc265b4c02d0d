import type { RxJsonSchema } from 'rxdb';
import {
  type CatalogDoc,
  type ClientDoc,
  type DirectoryDoc,
  type MembershipDoc,
  type MessageDoc,
  NOTIFICATION_KINDS,
  type NotificationDoc,
  type RecordDoc,
  type ReplicatedCollection,
  type ReplicatedDocs,
  type RequestDoc,
  type ThreadDoc,
} from './documents';

/*
 * RxDB schemas of the desktop cache. The free RxDB edition allows 13 collections per process,
 * so kinds that share a shape share a collection (directory: agencies, staff, programs).
 * Indexed strings need a maxLength: RxDB builds sortable index keys from them.
 */

const ID = { type: 'string', maxLength: 64 } as const;
const KEY = { type: 'string', maxLength: 100 } as const;
const DATE = { type: 'string', maxLength: 10 } as const;
const TEXT = { type: 'string' } as const;
const replicatedFields = {
  id: ID,
  updatedAt: { type: 'string', maxLength: 40 },
  serverSeq: { type: 'number', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, multipleOf: 1 },
} as const;

export const directorySchema: RxJsonSchema<DirectoryDoc> = {
  title: 'directory',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    kind: { type: 'string', enum: ['agency', 'staff', 'program'], maxLength: 10 },
    agencyId: ID,
    name: TEXT,
    role: { type: 'string', enum: ['', 'staff', 'agency_admin', 'system_admin'] },
    title: TEXT,
    active: { type: 'boolean' },
    allowClientContact: { type: 'boolean' },
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'kind',
    'agencyId',
    'name',
    'role',
    'title',
    'active',
    'allowClientContact',
  ],
  indexes: [['kind', 'agencyId', 'id']],
};

export const clientSchema: RxJsonSchema<ClientDoc> = {
  title: 'clients',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    agencyId: ID,
    firstName: TEXT,
    lastName: TEXT,
    firstNameKey: KEY,
    lastNameKey: KEY,
    dateOfBirth: DATE,
    phone: TEXT,
    email: TEXT,
    photoFileId: TEXT,
    shared: { type: 'boolean' },
    portalConnected: { type: 'boolean' },
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'agencyId',
    'firstName',
    'lastName',
    'firstNameKey',
    'lastNameKey',
    'dateOfBirth',
    'phone',
    'email',
    'photoFileId',
    'shared',
    'portalConnected',
  ],
  indexes: [
    ['lastNameKey', 'firstNameKey', 'id'],
    ['firstNameKey', 'lastNameKey', 'id'],
    ['dateOfBirth', 'id'],
  ],
};

export const membershipSchema: RxJsonSchema<MembershipDoc> = {
  title: 'memberships',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    kind: { type: 'string', enum: ['careTeam', 'enrollment'], maxLength: 12 },
    clientId: ID,
    staffId: TEXT,
    programId: TEXT,
    label: TEXT,
    startDate: DATE,
    endDate: { type: 'string' },
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'kind',
    'clientId',
    'staffId',
    'programId',
    'label',
    'startDate',
    'endDate',
  ],
  indexes: [['clientId', 'kind', 'id']],
};

const TIME = { type: 'string', maxLength: 40 } as const;
const SENDER = { type: 'string', enum: ['staff', 'client'], maxLength: 6 } as const;

export const threadSchema: RxJsonSchema<ThreadDoc> = {
  title: 'threads',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    clientId: ID,
    staffId: ID,
    agencyId: ID,
    private: { type: 'boolean' },
    startedBy: SENDER,
    lastMessageAt: TIME,
    lastMessagePreview: TEXT,
    lastSenderKind: SENDER,
    staffUnread: { type: 'boolean' },
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'clientId',
    'staffId',
    'agencyId',
    'private',
    'startedBy',
    'lastMessageAt',
    'lastMessagePreview',
    'lastSenderKind',
    'staffUnread',
  ],
  // The Inbox reads one staff member's unread or read threads newest first, and counts the unread.
  indexes: [
    ['staffId', 'staffUnread', 'lastMessageAt', 'id'],
    ['clientId', 'lastMessageAt', 'id'],
  ],
};

/**
 * Version 1 added `deliveredAt`. A cache of version 0 is migrated on open (main's open-cache.ts);
 * the server re-stamped every message when it began recording delivery (migration 011), so each
 * one is pulled again with its real value. Version 2 added `seenAt`, empty for every cached
 * message: no message had been seen before the server began recording it (migration 060).
 */
export const messageSchema: RxJsonSchema<MessageDoc> = {
  title: 'messages',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    threadId: ID,
    clientId: ID,
    agencyId: ID,
    private: { type: 'boolean' },
    senderKind: SENDER,
    senderStaffId: TEXT,
    bodyHtml: TEXT,
    bodyText: TEXT,
    sentAt: TIME,
    deliveredAt: TIME,
    seenAt: TIME,
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'threadId',
    'clientId',
    'agencyId',
    'private',
    'senderKind',
    'senderStaffId',
    'bodyHtml',
    'bodyText',
    'sentAt',
    'deliveredAt',
    'seenAt',
  ],
  indexes: [['threadId', 'sentAt', 'id']],
};

/** Version 1 added `dueDate`: cached requests have none, as none had one before (migration 061). */
export const requestSchema: RxJsonSchema<RequestDoc> = {
  title: 'requests',
  version: 1,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    clientId: ID,
    agencyId: ID,
    senderStaffId: ID,
    type: { type: 'string', enum: ['assessment', 'document', 'location', 'roi'], maxLength: 10 },
    private: { type: 'boolean' },
    assessmentDefinitionId: TEXT,
    documentCategoryId: TEXT,
    documentName: TEXT,
    description: TEXT,
    status: { type: 'string', enum: ['sent', 'viewed', 'completed', 'cancelled', 'expired'], maxLength: 10 },
    sentAt: TIME,
    viewedAt: TEXT,
    completedAt: TEXT,
    cancelledAt: TEXT,
    expiresAt: TEXT,
    dueDate: DATE,
    recordId: TEXT,
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'clientId',
    'agencyId',
    'senderStaffId',
    'type',
    'private',
    'assessmentDefinitionId',
    'documentCategoryId',
    'documentName',
    'description',
    'status',
    'sentAt',
    'viewedAt',
    'completedAt',
    'cancelledAt',
    'expiresAt',
    'dueDate',
    'recordId',
  ],
  // The CUSTOMER PORTAL page lists one client's requests newest first.
  indexes: [['clientId', 'sentAt', 'id']],
};

export const recordSchema: RxJsonSchema<RecordDoc> = {
  title: 'records',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    clientId: ID,
    agencyId: ID,
    kind: { type: 'string', enum: ['document', 'assessment', 'location', 'roi'], maxLength: 10 },
    private: { type: 'boolean' },
    requestId: TEXT,
    requestedByStaffId: TEXT,
    submittedBy: { type: 'string', enum: ['client', 'staff'] },
    submittedAt: TIME,
    title: TEXT,
    data: { type: 'object' },
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'clientId',
    'agencyId',
    'kind',
    'private',
    'requestId',
    'requestedByStaffId',
    'submittedBy',
    'submittedAt',
    'title',
    'data',
  ],
  // Each tab of the profile lists one kind of record for one client, newest first.
  indexes: [['clientId', 'kind', 'submittedAt', 'id']],
};

/**

 * Version 1 added the kinds `sharing_withdrawn` and `sharing_restored` (a client stopped or
 * started again sharing their record with an agency), version 2 the kind `client_edit_lost` (a
 * change of the staff member's that a later one replaced); a cache of an earlier version keeps its
 * documents as they are (main's open-cache.ts).
 */
export const notificationSchema: RxJsonSchema<NotificationDoc> = {
  title: 'notifications',
  version: 2,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    staffId: ID,
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    clientId: ID,
    requestId: TEXT,
    recordId: TEXT,
    title: TEXT,
    body: TEXT,
    createdAt: TIME,
    read: { type: 'boolean' },
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'staffId',
    'kind',
    'clientId',
    'requestId',
    'recordId',
    'title',
    'body',
    'createdAt',
    'read',
  ],
  indexes: [['staffId', 'read', 'createdAt', 'id']],
};

export const catalogSchema: RxJsonSchema<CatalogDoc> = {
  title: 'catalog',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    ...replicatedFields,
    kind: { type: 'string', enum: ['assessment', 'documentCategory', 'agencySettings'], maxLength: 20 },
    agencyId: ID,
    name: TEXT,
    active: { type: 'boolean' },
    portalEnabled: { type: 'boolean' },
    description: TEXT,
    fields: { type: 'array' },
    predefinedNames: { type: 'array', items: { type: 'string' } },
    roiTermDays: { type: 'number', minimum: 0, maximum: 100_000, multipleOf: 1 },
  },
  required: [
    'id',
    'updatedAt',
    'serverSeq',
    'kind',
    'agencyId',
    'name',
    'active',
    'portalEnabled',
    'description',
    'fields',
    'predefinedNames',
    'roiTermDays',
  ],
  indexes: [['kind', 'agencyId', 'id']],
};

export const REPLICATED_SCHEMAS: { [C in ReplicatedCollection]: RxJsonSchema<ReplicatedDocs[C]> } = {
  directory: directorySchema,
  clients: clientSchema,
  memberships: membershipSchema,
  threads: threadSchema,
  messages: messageSchema,
  requests: requestSchema,
  records: recordSchema,
  notifications: notificationSchema,
  catalog: catalogSchema,
};
