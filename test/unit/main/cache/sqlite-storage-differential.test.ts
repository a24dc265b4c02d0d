import fc from 'fast-check';
import type { BulkWriteRow, MangoQuery, MangoQuerySortPart, RxDocumentData } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createPeopleInstance,
  makeTempDir,
  type PersonDoc,
  personDoc,
  preparePeopleQuery,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

/*
 * Differential test: random documents, updates, deletions and queries run against this storage
 * and against RxDB's own memory storage, which defines the expected results (order included).
 * The alphabet mixes characters whose UTF-8 and UTF-16 orders disagree (U+E000..U+FFFF versus
 * astral characters), so any byte-order leak into index keys shows up as a different order or
 * a missing row.
 */

const ALPHABET = ['a', 'b', 'B', 'é', 'ß', '\uFF21', '\uE000', '😀', '𝔸', 'z'];
const CITIES = ['berlin', 'paris', 'rome', 'oslo', ''];

const textArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 4 }).map((chars) => chars.join(''));
const ageArb = fc.integer({ min: 0, max: 150 });
const cityArb = fc.constantFrom(...CITIES);

const fieldsArb = fc.record({
  name: textArb,
  age: ageArb,
  city: cityArb,
  active: fc.boolean(),
  note: textArb,
});

type Selector = MangoQuery<PersonDoc>['selector'];
type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const selectorArb: fc.Arbitrary<Selector> = fc.oneof(
  fc.constant({}),
  textArb.map((name) => ({ name: { $gte: name } })),
  textArb.map((name) => ({ name: { $lt: name } })),
  textArb.map((name) => ({ name: { $eq: name } })),
  fc.tuple(ageArb, ageArb).map(([a, b]) => ({ age: { $gte: Math.min(a, b), $lt: Math.max(a, b) } })),
  ageArb.map((age) => ({ age: { $gt: age } })),
  cityArb.map((city) => ({ city: { $eq: city } })),
  fc.tuple(cityArb, ageArb).map(([city, age]) => ({ city: { $eq: city }, age: { $lte: age } })),
  fc.subarray(CITIES, { minLength: 1 }).map((cities) => ({ city: { $in: cities } })),
  fc.tuple(fc.boolean(), ageArb).map(([active, age]) => ({ active: { $eq: active }, age: { $gt: age } })),
  fc.constantFrom('^a', 'b', '😀', 'é$', '\uFF21').map((pattern) => ({ name: { $regex: pattern } })),
  fc.tuple(ageArb, cityArb).map(([age, city]) => ({ $or: [{ age: { $lt: age } }, { city: { $eq: city } }] })),
  textArb.map((note) => ({ note: { $gt: note } })),
);

type Sort = MangoQuerySortPart<PersonDoc>[] | undefined;
const SORTS: Sort[] = [
  undefined,
  [{ name: 'asc' }],
  [{ name: 'desc' }],
  [{ name: 'desc' }, { id: 'desc' }],
  [{ age: 'asc' }],
  [{ age: 'desc' }],
  [{ age: 'asc' }, { name: 'asc' }],
  [{ age: 'desc' }, { name: 'desc' }, { id: 'desc' }],
  [{ city: 'asc' }, { age: 'asc' }],
  [{ city: 'desc' }, { age: 'desc' }, { id: 'desc' }],
  [{ note: 'asc' }],
  [{ note: 'desc' }, { id: 'desc' }],
  [{ active: 'asc' }, { age: 'asc' }],
];

const queryArb = fc.record({
  selector: selectorArb,
  sort: fc.constantFrom(...SORTS),
  skip: fc.option(fc.nat(6), { nil: undefined }),
  limit: fc.option(fc.integer({ min: 1, max: 8 }), { nil: undefined }),
});

const scenarioArb = fc.record({
  docs: fc.array(fieldsArb, { minLength: 1, maxLength: 40 }),
  /** Per document: 0 = keep, 1 = update, 2 = delete. */
  fates: fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 40 }),
  updates: fc.array(fieldsArb, { maxLength: 40 }),
  queries: fc.array(queryArb, { minLength: 1, maxLength: 15 }),
});

function toMangoQuery(query: ValueOf<typeof queryArb>): MangoQuery<PersonDoc> {
  const selector = { ...query.selector, _deleted: { $eq: false } } as Selector;
  const mango: MangoQuery<PersonDoc> = { selector };
  if (query.sort) {
    mango.sort = query.sort;
  }
  if (query.skip !== undefined) {
    mango.skip = query.skip;
  }
  if (query.limit !== undefined) {
    mango.limit = query.limit;
  }
  return mango;
}

/** The scenario as write rows: inserts, then updates and deletions of some of them. */
function scenarioWrites(scenario: ValueOf<typeof scenarioArb>) {
  // Fixed lwt values keep both storages' documents identical.
  let lwt = 1_700_000_000_000;
  const stored: RxDocumentData<PersonDoc>[] = scenario.docs.map((fields, i) =>
    personDoc({ id: `d${String(i).padStart(2, '0')}`, ...fields }, { lwt: lwt++ }),
  );
  const inserts: BulkWriteRow<PersonDoc>[] = stored.map((document) => ({ document }));
  const changes: BulkWriteRow<PersonDoc>[] = [];
  stored.forEach((previous, i) => {
    const fate = scenario.fates[i] ?? 0;
    const fields = fate === 1 ? scenario.updates[i] : scenario.docs[i];
    if (fate !== 0 && fields) {
      const document = personDoc(
        { id: previous.id, ...fields },
        { previous, deleted: fate === 2, lwt: lwt++ },
      );
      changes.push({ previous, document });
    }
  });
  return { inserts, changes };
}

describe('SQLite storage matches RxDB memory storage', () => {
  let dir: string;
  let run = 0;

  beforeAll(() => {
    dir = makeTempDir();
  });

  afterAll(() => {
    removeTempDir(dir);
  });

  it('returns the same documents, in the same order, for random data and queries', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (scenario) => {
        run++;
        const databaseName = `diff${run}`;
        const sqlite = await createPeopleInstance(sqliteStorage(dir), { databaseName });
        const memory = await createPeopleInstance(getRxStorageMemory(), {
          databaseName: `${databaseName}-${Date.now()}`,
        });
        try {
          const { inserts, changes } = scenarioWrites(scenario);
          for (const instance of [sqlite, memory]) {
            expect((await instance.bulkWrite(inserts, 'insert')).error).toEqual([]);
            expect((await instance.bulkWrite(changes, 'change')).error).toEqual([]);
          }

          for (const generated of scenario.queries) {
            const mango = toMangoQuery(generated);
            const expected = await memory.query(preparePeopleQuery(mango));
            const actual = await sqlite.query(preparePeopleQuery(mango));
            expect(actual.documents, JSON.stringify(mango)).toEqual(expected.documents);

            const unpaged = { ...mango, skip: undefined, limit: undefined };
            const expectedCount = await memory.count(preparePeopleQuery(unpaged));
            const actualCount = await sqlite.count(preparePeopleQuery(unpaged));
            expect(actualCount.count, JSON.stringify(unpaged)).toBe(expectedCount.count);
          }
        } finally {
          await memory.close();
          await sqlite.remove();
        }
      }),
      { numRuns: 60 },
    );
  });
});
