import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  databaseFileName,
  getRxStorageSqlite,
  isDatabaseDamage,
  moveDatabaseAside,
  RxStorageSqliteError,
} from '../../../../main/cache/sqlite-storage';
import { checkIntegrityInBackground } from '../../../../main/cache/sqlite-storage/sqlite-background-check';
import {
  createPeopleInstance,
  insertRows,
  makeTempDir,
  person,
  queryIds,
  removeTempDir,
} from './sqlite-test-helpers';

/*
 * How the storage finds a damaged file: on open (integrity and key checks, a file cut under its
 * WAL) and while open (a read that fails on a damaged page is reported to onDamage).
 */
const KEY = 'damage-test-key';
const PAGE = 4096;

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(fd);
  }
}

describe('a damaged SQLite cache file', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = makeTempDir('portico-sqlite-damage-');
    file = path.join(dir, databaseFileName('testdb'));
    const instance = await createPeopleInstance(
      getRxStorageSqlite({ databaseDirectory: dir, encryptionKey: KEY }),
    );
    const docs = Array.from({ length: 3_000 }, (_, i) =>
      person(`p${String(i).padStart(5, '0')}`, { note: 'x'.repeat(200) }),
    );
    await instance.bulkWrite(insertRows(docs), 'test');
    await instance.close();
  });

  afterEach(() => removeTempDir(dir));

  const open = (
    options: {
      checkIntegrity?: boolean;
      checkIntegrityInBackground?: boolean;
      onDamage?: (error: unknown) => void;
    } = {},
  ) => createPeopleInstance(getRxStorageSqlite({ databaseDirectory: dir, encryptionKey: KEY, ...options }));

  it('is refused on open when a page fails its integrity check', async () => {
    overwrite(file, Math.floor(statSync(file).size / PAGE / 2) * PAGE, randomBytes(PAGE));
    const error = await open({ checkIntegrity: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RxStorageSqliteError);
    expect((error as RxStorageSqliteError).code).toBe('DAMAGED');
    expect(isDatabaseDamage(error)).toBe(true);
  });

  it('is refused on open when the salt is gone (the key check fails)', async () => {
    overwrite(file, 0, Buffer.alloc(16));
    const error = await open({ checkIntegrity: true }).catch((caught: unknown) => caught);
    expect((error as RxStorageSqliteError).code).toBe('WRONG_ENCRYPTION_KEY');
    expect(isDatabaseDamage(error)).toBe(true);
  });

  it('is refused when it was emptied under a WAL, instead of opening empty', async () => {
    writeFileSync(`${file}-wal`, randomBytes(PAGE));
    truncateSync(file, 0);
    const error = await open().catch((caught: unknown) => caught);
    expect((error as RxStorageSqliteError).code).toBe('DAMAGED');
  });

  it('reports a read that fails on a damaged page while open, and the read still fails', async () => {
    const reported: unknown[] = [];
    const instance = await open({ onDamage: (error) => reported.push(error) });
    // Damaged after opening, in a page the connection has not read yet.
    overwrite(file, Math.floor(statSync(file).size / PAGE / 2) * PAGE, randomBytes(PAGE));
    await expect(queryIds(instance, { selector: {} })).rejects.toThrow(/malformed|corrupt/i);
    expect(reported).toHaveLength(1);
    expect(isDatabaseDamage(reported[0])).toBe(true);
    moveDatabaseAside({ databaseDirectory: dir, databaseName: 'testdb' });
    await instance.close().catch(() => undefined);
  });

  it('is found by the background check, which does not hold up the open', async () => {
    overwrite(file, Math.floor(statSync(file).size / PAGE / 2) * PAGE, randomBytes(PAGE));
    const reported: unknown[] = [];
    const instance = await open({
      checkIntegrityInBackground: true,
      onDamage: (error) => reported.push(error),
    });
    await expect.poll(() => reported.length, { timeout: 15_000 }).toBe(1);
    expect((reported[0] as RxStorageSqliteError).code).toBe('DAMAGED');
    moveDatabaseAside({ databaseDirectory: dir, databaseName: 'testdb' });
    await instance.close().catch(() => undefined);
  });

  it('passes the background check when intact, reporting nothing', async () => {
    const reported: unknown[] = [];
    await checkIntegrityInBackground({
      filePath: file,
      encryptionKey: KEY,
      onDamage: (error) => reported.push(error),
    });
    expect(reported).toEqual([]);
  });

  it('is moved aside whole, under a timestamped name, and a new file can take its place', async () => {
    writeFileSync(`${file}-wal`, randomBytes(PAGE));
    const kept = moveDatabaseAside({
      databaseDirectory: dir,
      databaseName: 'testdb',
      now: new Date('2026-12-02T07:00:00Z'),
    });
    expect(kept).toBe(path.join(dir, 'damaged', `2026-12-02T07-00-00-000Z-${databaseFileName('testdb')}`));
    expect(readdirSync(path.join(dir, 'damaged')).sort()).toEqual(
      [path.basename(kept ?? ''), `${path.basename(kept ?? '')}-wal`].sort(),
    );
    expect(existsSync(file)).toBe(false);
    const fresh = await open({ checkIntegrity: true });
    expect(await queryIds(fresh, { selector: {} })).toEqual([]);
    await fresh.close();
  });

  it('does not count a locked file or a full disk as damage', () => {
    expect(isDatabaseDamage(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }))).toBe(
      false,
    );
    expect(isDatabaseDamage(new Error('ENOSPC'))).toBe(false);
    expect(isDatabaseDamage({ parameters: { error: { code: 'SQLITE_CORRUPT' } } })).toBe(true);
  });
});
