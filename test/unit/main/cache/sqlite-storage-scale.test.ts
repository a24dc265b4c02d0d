import type { RxDocumentData, RxStorageDefaultCheckpoint } from 'rxdb';
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
 * A larger population, to catch anything quadratic or unbounded (this suite would take minutes
 * if a write or query were O(n²) at 20k documents). Deliberately no timing assertions: only
 * results are checked, against plain JavaScript over the same data.
 */

const COUNT = 20_000;
const CITIES = ['berlin', 'paris', 'rome', 'oslo', 'lima'];

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function population(): PersonDoc[] {
  const next = random(42);
  return Array.from({ length: COUNT }, (_, i) =>
    person(`p${String(i).padStart(6, '0')}`, {
      name: `n${Math.floor(next() * 1e6)
        .toString(36)
        .padStart(4, '0')}`,
      age: Math.floor(next() * 151),
      city: CITIES[Math.floor(next() * CITIES.length)] ?? 'berlin',
      active: next() < 0.5,
      note: `note ${i}`,
    }),
  );
}

function byFields<T>(...keys: ((doc: T) => string | number)[]) {
  return (a: T, b: T): number => {
    for (const key of keys) {
      const [x, y] = [key(a), key(b)];
      if (x !== y) {
        return x < y ? -1 : 1;
      }
    }
    return 0;
  };
}

describe('SQLite storage at 20,000 documents', () => {
  let dir: string;
  let instance: PersonInstance;
  const people = population();

  beforeAll(async () => {
    dir = makeTempDir();
    instance = await createPeopleInstance(sqliteStorage(dir));
    const result = await instance.bulkWrite(
      people.map((doc) => ({ document: personDoc(doc) })),
      'bulk-insert',
    );
    expect(result.error).toEqual([]);
  });

  afterAll(async () => {
    await instance.close();
    removeTempDir(dir);
  });

  it('counts everything with the index', async () => {
    const count = await instance.count(
      preparePeopleQuery({ selector: { _deleted: { $eq: false } } as never }),
    );
    expect(count).toEqual({ count: COUNT, mode: 'fast' });
  });

  it('range-queries an index and returns the exact sorted slice', async () => {
    const expected = people
      .filter((doc) => doc.age >= 50 && doc.age < 60)
      .sort(
        byFields(
          (doc) => doc.age,
          (doc) => doc.name,
          (doc) => doc.id,
        ),
      )
      .map((doc) => doc.id);
    expect(expected.length).toBeGreaterThan(1_000);
    const ids = await queryIds(instance, {
      selector: { age: { $gte: 50, $lt: 60 } },
      sort: [{ age: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    });
    expect(ids).toEqual(expected);
  });

  it('pages a compound-index query with skip and limit, both directions', async () => {
    const inRome = people
      .filter((doc) => doc.city === 'rome' && doc.age > 100)
      .sort(
        byFields(
          (doc) => doc.age,
          (doc) => doc.id,
        ),
      );
    const ascending = await queryIds(instance, {
      selector: { city: { $eq: 'rome' }, age: { $gt: 100 } },
      sort: [{ age: 'asc' }, { id: 'asc' }],
      skip: 10,
      limit: 25,
    });
    expect(ascending).toEqual(inRome.slice(10, 35).map((doc) => doc.id));
    const descending = await queryIds(instance, {
      selector: { city: { $eq: 'rome' }, age: { $gt: 100 } },
      sort: [{ age: 'desc' }, { id: 'desc' }],
      limit: 25,
    });
    expect(descending).toEqual(
      [...inRome]
        .reverse()
        .slice(0, 25)
        .map((doc) => doc.id),
    );
  });

  it('filters and sorts in JavaScript over a large range', async () => {
    const expected = people
      .filter((doc) => doc.active && doc.note.endsWith('7'))
      .sort(
        byFields(
          (doc) => doc.note,
          (doc) => doc.id,
        ),
      )
      .slice(0, 50)
      .map((doc) => doc.id);
    const ids = await queryIds(instance, {
      selector: { active: { $eq: true }, note: { $regex: '7$' } },
      sort: [{ note: 'asc' }],
      limit: 50,
    });
    expect(ids).toEqual(expected);
  });

  it('updates many documents in one bulk and pages all changes in order', async () => {
    const ids = people.slice(0, 5_000).map((doc) => doc.id);
    const stored = await instance.findDocumentsById(ids, false);
    expect(stored).toHaveLength(5_000);
    const updates = stored.map((previous: RxDocumentData<PersonDoc>) => ({
      previous,
      document: personDoc({ ...stripMeta(previous), age: 150 - previous.age }, { previous }),
    }));
    expect((await instance.bulkWrite(updates, 'bulk-update')).error).toEqual([]);

    const getChanged = instance.getChangedDocumentsSince;
    if (!getChanged) {
      throw new Error('getChangedDocumentsSince is not implemented');
    }
    const seen = new Set<string>();
    const order: string[] = [];
    let checkpoint: RxStorageDefaultCheckpoint | undefined;
    for (;;) {
      const page = await getChanged.call(instance, 1_000, checkpoint);
      for (const doc of page.documents) {
        seen.add(doc.id);
        order.push(doc.id);
      }
      checkpoint = page.checkpoint;
      if (page.documents.length < 1_000) {
        break;
      }
    }
    expect(order).toHaveLength(COUNT);
    expect(seen.size).toBe(COUNT);
    expect(new Set(order.slice(-5_000))).toEqual(new Set(ids));
  });

  it('opens the populated file again and answers queries (cold start)', async () => {
    await instance.close();
    instance = await createPeopleInstance(sqliteStorage(dir));
    expect(await queryIds(instance, { selector: { name: { $eq: people[123]?.name ?? '' } } })).toContain(
      people[123]?.id,
    );
  });
});

function stripMeta(doc: RxDocumentData<PersonDoc>): PersonDoc {
  const { id, name, age, city, active, note } = doc;
  return { id, name, age, city, active, note };
}
