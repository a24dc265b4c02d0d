import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compactFreedPages } from '../../../../main/cache/sqlite-storage';
import {
  createPeopleInstance,
  insertRows,
  makeTempDir,
  person,
  personDoc,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

/*
 * A row rewritten without its content (a removal the server sent, a draft emptied before it is
 * deleted) must leave no copy of the old content anywhere in the file: not in the page's free
 * space, not in a free page. Checked on an unencrypted file, whose bytes are the pages themselves.
 */
const SECRET = 'SECRET-OF-A-DEPARTED-CLIENT-5c1e';

function filesContain(dir: string, marker: string): boolean {
  return readdirSync(dir).some((file) => readFileSync(path.join(dir, file)).includes(marker));
}

describe('SQLite storage: what is removed leaves no copy', () => {
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('zeroes the old content of rows rewritten as removals, and of free pages once compacted', async () => {
    const instance = await createPeopleInstance(sqliteStorage(dir));
    const secretRows = Array.from({ length: 40 }, (_, i) =>
      person(`secret-${i}`, { note: `${SECRET} ${'x'.repeat(i * 7)}`, name: `${SECRET}-${i}`.slice(0, 40) }),
    );
    const others = Array.from({ length: 200 }, (_, i) => person(`other-${i}`, { note: 'kept'.repeat(20) }));
    const written = await instance.bulkWrite(insertRows([...secretRows, ...others]), 'test');
    expect(written.error).toEqual([]);
    // Rewritten as redacted tombstones, as a removal from the server arrives.
    const current = await instance.findDocumentsById(
      secretRows.map((row) => row.id),
      false,
    );
    const redacted = await instance.bulkWrite(
      current.map((previous) => ({
        previous,
        document: personDoc(person(previous.id, { name: '', note: '' }), { previous, deleted: true }),
      })),
      'test',
    );
    expect(redacted.error).toEqual([]);
    // Closing folds the WAL into the file: what is left is what the pages hold.
    await instance.close();
    expect(filesContain(dir, SECRET)).toBe(false);

    // Hard-deleted too, as cleanup does with old tombstones: whole pages become free pages.
    const reopened = await createPeopleInstance(sqliteStorage(dir));
    const filler = Array.from({ length: 300 }, (_, i) => person(`gone-${i}`, { note: `${SECRET} ${i}` }));
    expect((await reopened.bulkWrite(insertRows(filler), 'test')).error).toEqual([]);
    const fillerDocs = await reopened.findDocumentsById(
      filler.map((row) => row.id),
      false,
    );
    await reopened.bulkWrite(
      fillerDocs.map((previous) => ({
        previous,
        document: personDoc(person(previous.id), { previous, deleted: true }),
      })),
      'test',
    );
    while (!(await reopened.cleanup(0))) {}
    expect(compactFreedPages(dir, 'testdb')).toBe(true);
    await reopened.close();
    expect(filesContain(dir, SECRET)).toBe(false);
    expect(filesContain(dir, 'keptkept')).toBe(true);
  });

  it('rewrites once, without free space, a file written before it zeroed what it removed', async () => {
    const file = path.join(dir, 'legacy.sqlite');
    const legacy = new Database(file);
    legacy.pragma('journal_mode = WAL');
    legacy.exec(`CREATE TABLE rxs_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
      CREATE TABLE rxs_tables (table_name TEXT PRIMARY KEY NOT NULL, collection_name TEXT NOT NULL,
        schema_version INTEGER NOT NULL, index_fingerprint TEXT NOT NULL);
      INSERT INTO rxs_meta VALUES ('database_name', 'legacy'), ('format', '1');
      INSERT INTO rxs_tables VALUES ('t', 't', 0, '');
      CREATE TABLE t (x TEXT);`);
    const insert = legacy.prepare('INSERT INTO t VALUES (?)');
    for (let i = 0; i < 100; i++) insert.run(`${SECRET} ${i} ${'y'.repeat(200)}`);
    legacy.exec('DELETE FROM t');
    legacy.close();
    expect(filesContain(dir, SECRET)).toBe(true);

    const instance = await createPeopleInstance(sqliteStorage(dir), { databaseName: 'legacy' });
    await instance.close();
    expect(filesContain(dir, SECRET)).toBe(false);
  });
});
