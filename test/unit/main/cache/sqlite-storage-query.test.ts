import type { MangoQuery, RxDocumentData } from 'rxdb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPeopleInstance,
  makeTempDir,
  type PersonDoc,
  type PersonInstance,
  person,
  personDoc,
  preparePeopleQuery,
  queryIds,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

/*
 * A small fixed population with hand-checked expectations. Equal ages (25, 41) make the
 * primary key tie-break visible; p10 is a tombstone and must never show up.
 */
const PEOPLE: PersonDoc[] = [
  person('p01', { name: 'Ada', age: 36, city: 'berlin', active: true, note: 'x' }),
  person('p02', { name: 'Bob', age: 25, city: 'paris', active: false, note: 'm' }),
  person('p03', { name: 'Cleo', age: 41, city: 'berlin', active: true, note: 'a' }),
  person('p04', { name: 'Dan', age: 25, city: 'rome', active: true, note: 'z' }),
  person('p05', { name: 'Eve', age: 19, city: 'paris', active: true, note: 'b' }),
  person('p06', { name: 'Finn', age: 60, city: 'rome', active: false, note: 'c' }),
  person('p07', { name: 'Gus', age: 41, city: 'oslo', active: true, note: 'k' }),
  person('p08', { name: 'Hal', age: 0, city: 'berlin', active: false, note: 'd' }),
  person('p09', { name: 'Ida', age: 150, city: 'paris', active: true, note: 'e' }),
];
const TOMBSTONE = person('p10', { name: 'Al', age: 33, city: 'berlin', active: true, note: 'a' });

describe('SQLite storage queries', () => {
  let dir: string;
  let instance: PersonInstance;

  beforeAll(async () => {
    dir = makeTempDir();
    instance = await createPeopleInstance(sqliteStorage(dir));
    const live = personDoc(TOMBSTONE);
    await instance.bulkWrite(
      [...PEOPLE.map((doc) => ({ document: personDoc(doc) })), { document: live }],
      'test',
    );
    await instance.bulkWrite(
      [{ previous: live, document: personDoc(TOMBSTONE, { previous: live, deleted: true }) }],
      'test',
    );
  });

  afterAll(async () => {
    await instance.close();
    removeTempDir(dir);
  });

  const cases: [string, MangoQuery<PersonDoc>, string[]][] = [
    [
      '$eq on an indexed field',
      { selector: { city: { $eq: 'berlin' } }, sort: [{ age: 'asc' }] },
      ['p08', 'p01', 'p03'],
    ],
    [
      '$gt, ties broken by id',
      { selector: { age: { $gt: 36 } }, sort: [{ age: 'asc' }] },
      ['p03', 'p07', 'p06', 'p09'],
    ],
    ['$gte', { selector: { age: { $gte: 41 } }, sort: [{ age: 'asc' }] }, ['p03', 'p07', 'p06', 'p09']],
    ['$lt', { selector: { age: { $lt: 25 } }, sort: [{ age: 'asc' }] }, ['p08', 'p05']],
    ['$lte', { selector: { age: { $lte: 25 } }, sort: [{ age: 'asc' }] }, ['p08', 'p05', 'p02', 'p04']],
    [
      'a $gte/$lt range',
      { selector: { age: { $gte: 19, $lt: 41 } }, sort: [{ age: 'asc' }] },
      ['p05', 'p02', 'p04', 'p01'],
    ],
    [
      '$in',
      { selector: { city: { $in: ['rome', 'oslo'] } }, sort: [{ name: 'asc' }] },
      ['p04', 'p06', 'p07'],
    ],
    ['$regex', { selector: { name: { $regex: '^[A-C]' } }, sort: [{ name: 'asc' }] }, ['p01', 'p02', 'p03']],
    [
      '$or',
      { selector: { $or: [{ age: { $lt: 20 } }, { city: 'rome' }] }, sort: [{ name: 'asc' }] },
      ['p04', 'p05', 'p06', 'p08'],
    ],
    [
      'a string prefix range (default sort)',
      { selector: { name: { $gte: 'D', $lt: 'G' } } },
      ['p04', 'p05', 'p06'],
    ],
    [
      'a boolean index',
      { selector: { active: { $eq: true } }, sort: [{ age: 'asc' }] },
      ['p05', 'p04', 'p01', 'p03', 'p07', 'p09'],
    ],
    [
      'a non-indexed selector',
      { selector: { note: { $gt: 'k' } }, sort: [{ note: 'asc' }] },
      ['p02', 'p01', 'p04'],
    ],
  ];

  it.each(cases)('%s', async (_label, query, expected) => {
    expect(await queryIds(instance, query)).toEqual(expected);
  });

  describe('sorting', () => {
    it('sorts ascending by an indexed field', async () => {
      expect(await queryIds(instance, { selector: {}, sort: [{ name: 'asc' }] })).toEqual([
        'p01',
        'p02',
        'p03',
        'p04',
        'p05',
        'p06',
        'p07',
        'p08',
        'p09',
      ]);
    });

    it('sorts descending by an indexed field (primary key ascending breaks ties)', async () => {
      expect(await queryIds(instance, { selector: {}, sort: [{ age: 'desc' }] })).toEqual([
        'p09',
        'p06',
        'p03',
        'p07',
        'p01',
        'p02',
        'p04',
        'p05',
        'p08',
      ]);
    });

    it('sorts fully descending along an index (scanned backwards)', async () => {
      const query: MangoQuery<PersonDoc> = {
        selector: {},
        sort: [{ age: 'desc' }, { name: 'desc' }, { id: 'desc' }],
      };
      expect(await queryIds(instance, query)).toEqual([
        'p09',
        'p06',
        'p07',
        'p03',
        'p01',
        'p04',
        'p02',
        'p05',
        'p08',
      ]);
      expect(await queryIds(instance, { ...query, limit: 3 })).toEqual(['p09', 'p06', 'p07']);
      expect(
        await queryIds(instance, { ...query, selector: { age: { $lt: 41 } }, limit: 2, skip: 1 }),
      ).toEqual(['p04', 'p02']);
      const byName: MangoQuery<PersonDoc> = {
        selector: { note: { $gt: 'b' } },
        sort: [{ name: 'desc' }, { id: 'desc' }],
      };
      expect(await queryIds(instance, { ...byName, limit: 3 })).toEqual(['p09', 'p08', 'p07']);
    });

    it('sorts by a non-indexed field in both directions', async () => {
      const ascending = ['p03', 'p05', 'p06', 'p08', 'p09', 'p07', 'p02', 'p01', 'p04'];
      expect(await queryIds(instance, { selector: {}, sort: [{ note: 'asc' }] })).toEqual(ascending);
      expect(await queryIds(instance, { selector: {}, sort: [{ note: 'desc' }] })).toEqual(
        [...ascending].reverse(),
      );
    });

    it('sorts by several fields', async () => {
      expect(
        await queryIds(instance, {
          selector: { age: { $gte: 25 } },
          sort: [{ city: 'asc' }, { name: 'desc' }],
        }),
      ).toEqual(['p03', 'p01', 'p07', 'p09', 'p02', 'p06', 'p04']);
    });
  });

  describe('skip and limit', () => {
    it('pages a query whose index answers selector and sort', async () => {
      const query: MangoQuery<PersonDoc> = { selector: {}, sort: [{ name: 'asc' }] };
      expect(await queryIds(instance, { ...query, skip: 2, limit: 3 })).toEqual(['p03', 'p04', 'p05']);
      expect(await queryIds(instance, { ...query, skip: 8 })).toEqual(['p09']);
      expect(await queryIds(instance, { ...query, skip: 20 })).toEqual([]);
      expect(await queryIds(instance, { ...query, limit: 0 })).toEqual([]);
    });

    it('pages a query that filters in JavaScript', async () => {
      const query: MangoQuery<PersonDoc> = { selector: { note: { $lt: 'y' } }, sort: [{ age: 'asc' }] };
      expect(await queryIds(instance, query)).toEqual([
        'p08',
        'p05',
        'p02',
        'p01',
        'p03',
        'p07',
        'p06',
        'p09',
      ]);
      expect(await queryIds(instance, { ...query, skip: 1, limit: 2 })).toEqual(['p05', 'p02']);
    });

    it('pages a query that sorts in JavaScript', async () => {
      const query: MangoQuery<PersonDoc> = { selector: { active: { $eq: true } }, sort: [{ note: 'desc' }] };
      expect(await queryIds(instance, { ...query, skip: 1, limit: 2 })).toEqual(['p01', 'p07']);
    });
  });

  it('answers a query forced onto an index the schema does not declare', async () => {
    expect(
      await queryIds(instance, { selector: { age: { $gt: 40 } }, index: ['note'], sort: [{ note: 'asc' }] }),
    ).toEqual(['p03', 'p06', 'p09', 'p07']);
  });

  it('returns tombstones only to queries that ask for them', async () => {
    const result = await instance.query(
      preparePeopleQuery({ selector: { _deleted: { $eq: true } } as MangoQuery<PersonDoc>['selector'] }),
    );
    expect(result.documents.map((doc: RxDocumentData<PersonDoc>) => doc.id)).toEqual(['p10']);
  });

  describe('count', () => {
    function live(selector: MangoQuery<PersonDoc>['selector']): MangoQuery<PersonDoc> {
      return { selector: { ...selector, _deleted: { $eq: false } } as MangoQuery<PersonDoc>['selector'] };
    }

    it('counts with SQL when the index satisfies the selector', async () => {
      expect(await instance.count(preparePeopleQuery(live({})))).toEqual({ count: 9, mode: 'fast' });
      expect(await instance.count(preparePeopleQuery(live({ city: { $eq: 'berlin' } })))).toEqual({
        count: 3,
        mode: 'fast',
      });
      expect(await instance.count(preparePeopleQuery(live({ age: { $gt: 25, $lte: 60 } })))).toEqual({
        count: 4,
        mode: 'fast',
      });
    });

    it('counts by matching documents when it must, and says so', async () => {
      expect(await instance.count(preparePeopleQuery(live({ name: { $regex: 'a' } })))).toEqual({
        count: 4,
        mode: 'slow',
      });
      expect(
        await instance.count(preparePeopleQuery(live({ $or: [{ age: { $lt: 20 } }, { city: 'rome' }] }))),
      ).toEqual({ count: 4, mode: 'slow' });
    });

    it('honours skip and limit like query() does', async () => {
      const query = { ...live({}), skip: 7, limit: 5 };
      expect((await instance.count(preparePeopleQuery(query))).count).toBe(2);
      expect((await instance.count(preparePeopleQuery({ ...live({}), limit: 4 }))).count).toBe(4);
    });
  });
});
