import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSortableText } from '../../../../main/cache/sqlite-storage';
import {
  createPeopleInstance,
  insertRows,
  makeTempDir,
  person,
  queryIds,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

/** Any UTF-16 code unit, lone surrogates included. */
const codeUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
  maxLength: 6,
});

function jsCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

describe('toSortableText', () => {
  let db: Database.Database;

  beforeAll(() => {
    db = new Database(':memory:');
    db.exec('CREATE TABLE t (pos INTEGER, key TEXT)');
  });

  afterAll(() => {
    db.close();
  });

  function sqliteOrder(values: readonly string[]): number[] {
    db.exec('DELETE FROM t');
    const insert = db.prepare('INSERT INTO t (pos, key) VALUES (?, ?)');
    values.forEach((value, pos) => {
      insert.run(pos, toSortableText(value));
    });
    return db
      .prepare<[], unknown>('SELECT pos FROM t ORDER BY key, pos')
      .pluck()
      .all()
      .map((pos) => Number(pos));
  }

  function jsOrder(values: readonly string[]): number[] {
    return values
      .map((value, pos) => ({ value, pos }))
      .sort((a, b) => jsCompare(a.value, b.value) || a.pos - b.pos)
      .map((entry) => entry.pos);
  }

  it('leaves text below U+D800 unchanged', () => {
    expect(toSortableText('Müller, Zoë 42 ~')).toBe('Müller, Zoë 42 ~');
  });

  it('sorts an astral character before U+E000..U+FFFF, as JavaScript does', () => {
    // Plain UTF-8 byte order would put the emoji last, after INDEX_MAX (U+FFFF).
    expect(sqliteOrder(['\uFFFF', '😀', '\uE000', 'a'])).toEqual([3, 1, 2, 0]);
  });

  it('makes SQLite TEXT order equal JavaScript string order for any code units', () => {
    fc.assert(
      fc.property(fc.array(codeUnitString, { maxLength: 20 }), (values) => {
        expect(sqliteOrder(values)).toEqual(jsOrder(values));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps distinct strings distinct (lone surrogates included)', () => {
    fc.assert(
      fc.property(codeUnitString, codeUnitString, (a, b) => {
        fc.pre(a !== b);
        expect(toSortableText(a)).not.toBe(toSortableText(b));
      }),
    );
  });
});

describe('index ranges over non-BMP text', () => {
  let dir: string;

  beforeAll(() => {
    dir = makeTempDir();
  });

  afterAll(() => {
    removeTempDir(dir);
  });

  it('finds names starting with an emoji in an open-ended range', async () => {
    const instance = await createPeopleInstance(sqliteStorage(dir));
    try {
      await instance.bulkWrite(
        insertRows([
          person('smile', { name: '😀 smile' }),
          person('fullwidth', { name: '\uFF21bc' }),
          person('plain', { name: 'abc' }),
        ]),
        'test',
      );
      expect(
        await queryIds(instance, { selector: { name: { $gte: 'a' } }, sort: [{ name: 'asc' }] }),
      ).toEqual(['plain', 'smile', 'fullwidth']);
      expect(await queryIds(instance, { selector: { name: { $gt: '\uE000' } } })).toEqual(['fullwidth']);
    } finally {
      await instance.close();
    }
  });
});
