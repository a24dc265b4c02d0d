import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RxStorageInstanceSqlite } from '../../../../main/cache/sqlite-storage/rx-storage-instance-sqlite';
import {
  createPeopleInstance,
  insertRows,
  makeTempDir,
  person,
  queryIds,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

/*
 * The first sync's storage tools: several instances written in one transaction, and an empty
 * table's indexes set aside during a bulk fill and built at the end (or on the next open, when
 * the fill stopped half way).
 */

function indexNames(dir: string): string[] {
  const db = new Database(`${dir}/testdb.sqlite`, { readonly: true });
  try {
    return (
      db
        .prepare(
          "SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .pluck()
        .all() as string[]
    ).filter((name) => name.includes('people'));
  } finally {
    db.close();
  }
}

describe('SQLite storage bulk loading', () => {
  let dir: string;

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(() => {
    removeTempDir(dir);
  });

  it('writes to two instances of one file in one transaction, with each one’s change events', async () => {
    const storage = sqliteStorage(dir);
    const people = (await createPeopleInstance(storage)) as unknown as RxStorageInstanceSqlite<unknown>;
    const others = (await createPeopleInstance(storage, {
      collectionName: 'others',
    })) as unknown as RxStorageInstanceSqlite<unknown>;
    const events: string[] = [];
    people
      .changeStream()
      .subscribe((bulk) => events.push(...bulk.events.map((e) => `people:${e.documentId}`)));
    others
      .changeStream()
      .subscribe((bulk) => events.push(...bulk.events.map((e) => `others:${e.documentId}`)));
    const answers = RxStorageInstanceSqlite.bulkWriteTogether([
      { instance: people, rows: insertRows([person('a'), person('b')]) as never, context: 'test' },
      { instance: others, rows: insertRows([person('c')]) as never, context: 'test' },
    ]);
    expect(answers.map((answer) => answer.error)).toEqual([[], []]);
    expect(events.sort()).toEqual(['others:c', 'people:a', 'people:b']);

    // A conflict in either write is reported for that write; the other is still written.
    const again = RxStorageInstanceSqlite.bulkWriteTogether([
      { instance: people, rows: insertRows([person('a')]) as never, context: 'test' },
      { instance: others, rows: insertRows([person('d')]) as never, context: 'test' },
    ]);
    expect(again[0]?.error.map((error) => error.status)).toEqual([409]);
    expect(again[1]?.error).toEqual([]);
    await people.close();
    await others.close();
  });

  it('sets an empty table’s indexes aside, answers queries meanwhile, and builds them at the end', async () => {
    const storage = sqliteStorage(dir);
    const people = await createPeopleInstance(storage);
    const before = indexNames(dir);
    expect(before.length).toBeGreaterThan(1);

    expect(RxStorageInstanceSqlite.setIndexesAsideForBulkLoad(people as never)).toBe(true);
    expect(indexNames(dir)).toEqual([]);
    await people.bulkWrite(insertRows([person('a', { age: 30 }), person('b', { age: 40 })]), 'test');
    expect(await queryIds(people, { selector: { age: { $gt: 35 } } })).toEqual(['b']);

    RxStorageInstanceSqlite.buildIndexesAfterBulkLoad(people as never);
    expect(indexNames(dir)).toEqual(before);
    // A table with rows keeps its indexes: a fill only sets aside an empty table's.
    expect(RxStorageInstanceSqlite.setIndexesAsideForBulkLoad(people as never)).toBe(false);
    expect(indexNames(dir)).toEqual(before);
    await people.close();
  });

  it('builds indexes a stopped fill left aside when the table is opened again', async () => {
    const storage = sqliteStorage(dir);
    const people = await createPeopleInstance(storage);
    const before = indexNames(dir);
    RxStorageInstanceSqlite.setIndexesAsideForBulkLoad(people as never);
    await people.bulkWrite(insertRows([person('a')]), 'test');
    await people.close();
    expect(indexNames(dir)).toEqual([]);

    const reopened = await createPeopleInstance(sqliteStorage(dir));
    expect(indexNames(dir)).toEqual(before);
    expect((await reopened.findDocumentsById(['a'], false)).map((doc) => doc.id)).toEqual(['a']);
    await reopened.close();
  });
});
