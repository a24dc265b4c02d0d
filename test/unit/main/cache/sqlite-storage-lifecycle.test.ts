import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fillWithDefaultSettings } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPeopleInstance,
  insertRows,
  makeTempDir,
  type PersonInstance,
  person,
  personSchema,
  preparePeopleQuery,
  queryIds,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

function filePathOf(instance: PersonInstance): string {
  const internals: unknown = instance.internals;
  if (typeof internals === 'object' && internals !== null && 'filePath' in internals) {
    return String(internals.filePath);
  }
  throw new Error('internals.filePath missing');
}

function sqliteFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sqlite'))
    .sort();
}

describe('SQLite storage files and connections', () => {
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('keeps the collections of one database in one file and closes it after the last one', async () => {
    const storage = sqliteStorage(dir);
    const people = await createPeopleInstance(storage);
    const others = await createPeopleInstance(storage, { collectionName: 'others' });
    expect(filePathOf(people)).toBe(filePathOf(others));
    expect(sqliteFiles(dir)).toEqual(['testdb.sqlite']);

    await people.bulkWrite(insertRows([person('a')]), 'test');
    await others.bulkWrite(insertRows([person('b')]), 'test');
    await people.close();
    expect((await others.findDocumentsById(['a', 'b'], false)).map((doc) => doc.id)).toEqual(['b']);
    expect(existsSync(`${filePathOf(others)}-wal`)).toBe(true);

    await others.close();
    // SQLite checkpoints and deletes the WAL when the last connection closes.
    expect(existsSync(`${filePathOf(others)}-wal`)).toBe(false);
    expect(sqliteFiles(dir)).toEqual(['testdb.sqlite']);

    const reopened = await createPeopleInstance(storage);
    expect((await reopened.findDocumentsById(['a'], false)).map((doc) => doc.id)).toEqual(['a']);
    await reopened.close();
  });

  it('deletes the file when the last collection table is removed, not before', async () => {
    const storage = sqliteStorage(dir);
    const people = await createPeopleInstance(storage);
    const others = await createPeopleInstance(storage, { collectionName: 'others' });
    await people.bulkWrite(insertRows([person('a')]), 'test');

    await people.remove();
    expect(sqliteFiles(dir)).toEqual(['testdb.sqlite']);
    await others.close();
    expect(sqliteFiles(dir)).toEqual(['testdb.sqlite']);

    const again = await createPeopleInstance(storage, { collectionName: 'others' });
    await again.remove();
    expect(readdirSync(dir)).toEqual([]);
  });

  it('makes every open instance of a removed collection unusable', async () => {
    const storage = sqliteStorage(dir);
    const first = await createPeopleInstance(storage);
    const second = await createPeopleInstance(storage);
    await first.remove();
    await expect(second.query(preparePeopleQuery({ selector: {} }))).rejects.toThrow(/removed/);
    await second.close();
  });

  it('rebuilds index keys when the indexes change without a schema version bump', async () => {
    const byName = fillWithDefaultSettings({ ...personSchema, indexes: ['name'] });
    const byCity = fillWithDefaultSettings({ ...personSchema, indexes: [['city', 'name']] });
    const storage = sqliteStorage(dir);
    const docs = [
      person('a', { name: 'Zed', city: 'athens' }),
      person('b', { name: 'Amy', city: 'cairo' }),
      person('c', { name: 'Max', city: 'berlin' }),
    ];

    const first = await createPeopleInstance(storage, { schema: byName });
    await first.bulkWrite(insertRows(docs), 'test');
    expect(await queryIds(first, { selector: { name: { $gt: 'B' } }, sort: [{ name: 'asc' }] })).toEqual([
      'c',
      'a',
    ]);
    await first.close();

    const second = await createPeopleInstance(storage, { schema: byCity });
    expect(
      await queryIds(second, { selector: { city: { $gte: 'b' } }, sort: [{ city: 'asc' }, { name: 'asc' }] }),
    ).toEqual(['c', 'b']);
    await second.bulkWrite(insertRows([person('d', { name: 'Bob', city: 'dakar' })]), 'test');
    await second.close();

    const third = await createPeopleInstance(storage, { schema: byName });
    expect(await queryIds(third, { selector: { name: { $gt: 'B' } }, sort: [{ name: 'asc' }] })).toEqual([
      'd',
      'c',
      'a',
    ]);
    await third.close();
  });

  it('refuses, in dev mode, a second instance of a collection with a different schema', async () => {
    const storage = sqliteStorage(dir);
    const first = await createPeopleInstance(storage);
    try {
      const other = fillWithDefaultSettings({ ...personSchema, indexes: ['city'] });
      await expect(createPeopleInstance(storage, { schema: other })).rejects.toThrow(/different schema/);
    } finally {
      await first.close();
    }
  });

  it('maps database and collection names to safe, distinct files and tables', async () => {
    const storage = sqliteStorage(dir);
    const names = ['Portico', 'portico', '../escape', 'con'];
    const instances = await Promise.all(
      names.map((databaseName) =>
        createPeopleInstance(storage, { databaseName, collectionName: 'rx-replication-meta-1a2b' }),
      ),
    );
    try {
      await Promise.all(
        instances.map((instance, i) => instance.bulkWrite(insertRows([person(`doc-${i}`)]), 'test')),
      );
      const files = sqliteFiles(dir);
      expect(files).toHaveLength(4);
      expect(files).toContain('portico.sqlite');
      expect(files.every((file) => !file.startsWith('con.'))).toBe(true);
      for (const instance of instances) {
        expect(path.dirname(filePathOf(instance))).toBe(path.resolve(dir));
      }
      const found = await Promise.all(
        instances.map((instance) => instance.findDocumentsById(['doc-0'], false)),
      );
      expect(found.map((docs) => docs.length)).toEqual([1, 0, 0, 0]);
    } finally {
      await Promise.all(instances.map((instance) => instance.close()));
    }
  });
});
