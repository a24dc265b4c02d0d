import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RxStorageSqliteError } from '../../../../main/cache/sqlite-storage';
import {
  createPeopleInstance,
  insertRows,
  makeTempDir,
  type PersonInstance,
  person,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

const MARKER = 'PLAINTEXT-MARKER-7f3a91';
const KEY = 'correct horse battery staple';

/** Whether any file in `dir` (database, WAL, shared memory) contains the marker bytes. */
function filesContainMarker(dir: string): boolean {
  return readdirSync(dir).some((file) => readFileSync(path.join(dir, file)).includes(MARKER));
}

async function writeMarker(instance: PersonInstance): Promise<void> {
  const result = await instance.bulkWrite(
    insertRows([person('secret', { note: MARKER, name: MARKER })]),
    'test',
  );
  expect(result.error).toEqual([]);
}

async function openError(promise: Promise<unknown>): Promise<RxStorageSqliteError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof RxStorageSqliteError)) {
    throw new Error(`Expected an RxStorageSqliteError, got ${String(error)}`);
  }
  return error;
}

describe('SQLite storage encryption', () => {
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('stores plaintext without a key (the check below can see it)', async () => {
    const instance = await createPeopleInstance(sqliteStorage(dir));
    await writeMarker(instance);
    await instance.close();
    expect(filesContainMarker(dir)).toBe(true);
  });

  it('keeps the database and its WAL unreadable on disk with a key', async () => {
    const instance = await createPeopleInstance(sqliteStorage(dir, KEY));
    await writeMarker(instance);
    expect(filesContainMarker(dir)).toBe(false); // while open: the data sits in the WAL
    await instance.close();
    expect(filesContainMarker(dir)).toBe(false);
  });

  it('refuses a wrong key or a missing key clearly, and reads the data back with the right key', async () => {
    const instance = await createPeopleInstance(sqliteStorage(dir, KEY));
    await writeMarker(instance);
    await instance.close();

    const wrongKey = await openError(createPeopleInstance(sqliteStorage(dir, 'wrong key')));
    expect(wrongKey.code).toBe('WRONG_ENCRYPTION_KEY');
    expect(wrongKey.message).toMatch(/encryption key is wrong/);

    const noKey = await openError(createPeopleInstance(sqliteStorage(dir)));
    expect(noKey.code).toBe('ENCRYPTED_OR_NOT_A_DATABASE');
    expect(noKey.message).toMatch(/encryptionKey is required/);

    const reopened = await createPeopleInstance(sqliteStorage(dir, KEY));
    try {
      const [doc] = await reopened.findDocumentsById(['secret'], false);
      expect(doc?.note).toBe(MARKER);
    } finally {
      await reopened.close();
    }
  });

  it('refuses a key for an unencrypted file', async () => {
    const instance = await createPeopleInstance(sqliteStorage(dir));
    await writeMarker(instance);
    await instance.close();
    const error = await openError(createPeopleInstance(sqliteStorage(dir, KEY)));
    expect(error.code).toBe('WRONG_ENCRYPTION_KEY');
  });

  it('refuses to share an open file with a different key', async () => {
    const instance = await createPeopleInstance(sqliteStorage(dir, KEY));
    try {
      const error = await openError(
        createPeopleInstance(sqliteStorage(dir, 'other key'), { collectionName: 'others' }),
      );
      expect(error.code).toBe('KEY_MISMATCH');
    } finally {
      await instance.close();
    }
  });

  it('rejects an empty key instead of silently not encrypting', async () => {
    const error = await openError(createPeopleInstance(sqliteStorage(dir, '')));
    expect(error.code).toBe('UNSUPPORTED');
  });
});
