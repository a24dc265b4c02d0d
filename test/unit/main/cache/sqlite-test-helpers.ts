import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type BulkWriteRow,
  createRevision,
  fillWithDefaultSettings,
  type MangoQuery,
  normalizeMangoQuery,
  now,
  type PreparedQuery,
  prepareQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
  randomToken,
} from 'rxdb';
import { getRxStorageSqlite } from '../../../../main/cache/sqlite-storage';

/** A document shape covering every indexable type: strings, numbers and booleans. */
export interface PersonDoc {
  id: string;
  name: string;
  age: number;
  city: string;
  active: boolean;
  /** Not indexed: sorts and selectors on it run in JavaScript. */
  note: string;
}

export const personSchema: RxJsonSchema<PersonDoc> = {
  title: 'people',
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    name: { type: 'string', maxLength: 40 },
    age: { type: 'number', minimum: 0, maximum: 150, multipleOf: 1 },
    city: { type: 'string', maxLength: 20 },
    active: { type: 'boolean' },
    note: { type: 'string' },
  },
  required: ['id', 'name', 'age', 'city', 'active', 'note'],
  indexes: ['name', ['age', 'name'], ['city', 'age'], ['active', 'age']],
};

/** The schema as RxDB hands it to storages (meta fields, `_deleted`-prefixed indexes). */
export const filledPersonSchema: RxJsonSchema<RxDocumentData<PersonDoc>> =
  fillWithDefaultSettings(personSchema);

/** Fresh temporary directory; remove it with removeTempDir(). */
export function makeTempDir(prefix = 'portico-sqlite-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

const TOKEN = randomToken(10);

/** A new revision of `fields`, following `previous` when given. */
export function personDoc(
  fields: PersonDoc,
  options: { previous?: RxDocumentData<PersonDoc>; deleted?: boolean; lwt?: number } = {},
): RxDocumentData<PersonDoc> {
  return {
    ...fields,
    _deleted: options.deleted ?? false,
    _attachments: {},
    _meta: { lwt: options.lwt ?? now() },
    _rev: createRevision(TOKEN, options.previous),
  };
}

export function person(id: string, overrides: Partial<PersonDoc> = {}): PersonDoc {
  return { id, name: `name-${id}`, age: 30, city: 'berlin', active: true, note: '', ...overrides };
}

export function insertRows(docs: readonly PersonDoc[]): BulkWriteRow<PersonDoc>[] {
  return docs.map((doc) => ({ document: personDoc(doc) }));
}

export type PersonInstance = RxStorageInstance<PersonDoc, unknown, unknown>;

export async function createPeopleInstance(
  storage: RxStorage<unknown, unknown>,
  options: {
    databaseName?: string;
    collectionName?: string;
    schema?: RxJsonSchema<RxDocumentData<PersonDoc>>;
  } = {},
): Promise<PersonInstance> {
  return storage.createStorageInstance<PersonDoc>({
    databaseInstanceToken: randomToken(10),
    databaseName: options.databaseName ?? 'testdb',
    collectionName: options.collectionName ?? 'people',
    schema: options.schema ?? filledPersonSchema,
    options: {},
    multiInstance: false,
    devMode: true,
  });
}

export function sqliteStorage(
  databaseDirectory: string,
  encryptionKey?: string,
): RxStorage<unknown, unknown> {
  return getRxStorageSqlite({ databaseDirectory, encryptionKey });
}

/** Prepares a mango query the way RxQuery does (normalized, planned). */
export function preparePeopleQuery(query: MangoQuery<PersonDoc>): PreparedQuery<PersonDoc> {
  return prepareQuery(filledPersonSchema, normalizeMangoQuery(filledPersonSchema, query));
}

/** Ids of live documents matching `selector`, with RxQuery's implicit `_deleted: false`. */
export async function queryIds(instance: PersonInstance, query: MangoQuery<PersonDoc>): Promise<string[]> {
  const selector = { ...query.selector, _deleted: { $eq: false } };
  const result = await instance.query(preparePeopleQuery({ ...query, selector }));
  return result.documents.map((doc) => doc.id);
}
