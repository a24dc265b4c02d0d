import { type EventBulk, now, type RxStorageChangeEvent, type RxStorageDefaultCheckpoint } from 'rxdb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPeopleInstance,
  filledPersonSchema,
  insertRows,
  makeTempDir,
  type PersonDoc,
  type PersonInstance,
  person,
  personDoc,
  removeTempDir,
  sqliteStorage,
} from './sqlite-test-helpers';

type Bulk = EventBulk<RxStorageChangeEvent<PersonDoc>, RxStorageDefaultCheckpoint>;

describe('SQLite storage instance', () => {
  let dir: string;
  let instance: PersonInstance;

  beforeEach(async () => {
    dir = makeTempDir();
    instance = await createPeopleInstance(sqliteStorage(dir));
  });

  afterEach(async () => {
    await instance.close();
    removeTempDir(dir);
  });

  describe('bulkWrite', () => {
    it('inserts documents and reads them back by id', async () => {
      const written = personDoc(person('a', { name: 'Ada', age: 36 }));
      const result = await instance.bulkWrite([{ document: written }], 'test');
      expect(result.error).toEqual([]);
      const [found] = await instance.findDocumentsById(['a'], false);
      expect(found).toEqual(written);
    });

    it('updates with the correct previous revision', async () => {
      const first = personDoc(person('a'));
      await instance.bulkWrite([{ document: first }], 'test');
      const second = personDoc(person('a', { age: 31 }), { previous: first });
      const result = await instance.bulkWrite([{ previous: first, document: second }], 'test');
      expect(result.error).toEqual([]);
      const [found] = await instance.findDocumentsById(['a'], false);
      expect(found?.age).toBe(31);
      expect(found?._rev).toBe(second._rev);
    });

    it('returns a 409 conflict with the stored document for a stale previous revision', async () => {
      const first = personDoc(person('a'));
      await instance.bulkWrite([{ document: first }], 'test');
      const second = personDoc(person('a', { age: 31 }), { previous: first });
      await instance.bulkWrite([{ previous: first, document: second }], 'test');

      const stale = personDoc(person('a', { age: 99 }), { previous: first });
      const result = await instance.bulkWrite([{ previous: first, document: stale }], 'test');
      expect(result.error).toHaveLength(1);
      const [conflict] = result.error;
      expect(conflict?.status).toBe(409);
      expect(conflict?.documentId).toBe('a');
      expect(conflict && 'documentInDb' in conflict ? conflict.documentInDb : undefined).toEqual(second);
      const [found] = await instance.findDocumentsById(['a'], false);
      expect(found?.age).toBe(31);
    });

    it('returns a 409 conflict when inserting an id that already exists', async () => {
      await instance.bulkWrite(insertRows([person('a')]), 'test');
      const result = await instance.bulkWrite(insertRows([person('a', { age: 50 })]), 'test');
      expect(result.error.map((error) => error.status)).toEqual([409]);
    });

    it('writes the rows without conflict and reports only the conflicting ones', async () => {
      await instance.bulkWrite(insertRows([person('a')]), 'test');
      const result = await instance.bulkWrite(insertRows([person('a'), person('b'), person('c')]), 'test');
      expect(result.error.map((error) => error.documentId)).toEqual(['a']);
      const found = await instance.findDocumentsById(['a', 'b', 'c'], false);
      expect(found.map((doc) => doc.id).sort()).toEqual(['a', 'b', 'c']);
    });

    it('accepts an empty bulk', async () => {
      expect(await instance.bulkWrite([], 'test')).toEqual({ error: [] });
    });
  });

  describe('findDocumentsById', () => {
    it('returns tombstones only with withDeleted', async () => {
      const live = personDoc(person('a'));
      await instance.bulkWrite([{ document: live }, ...insertRows([person('b')])], 'test');
      const tombstone = personDoc(person('a'), { previous: live, deleted: true });
      await instance.bulkWrite([{ previous: live, document: tombstone }], 'test');

      expect((await instance.findDocumentsById(['a', 'b'], false)).map((doc) => doc.id)).toEqual(['b']);
      const withDeleted = await instance.findDocumentsById(['a', 'b'], true);
      expect(withDeleted.map((doc) => [doc.id, doc._deleted]).sort()).toEqual([
        ['a', true],
        ['b', false],
      ]);
    });

    it('skips unknown ids and handles more ids than one lookup chunk', async () => {
      const people = Array.from({ length: 2_500 }, (_, i) => person(`p${i}`));
      await instance.bulkWrite(insertRows(people), 'test');
      const ids = [...people.map((doc) => doc.id), 'missing-1', 'missing-2'];
      const found = await instance.findDocumentsById(ids, false);
      expect(found).toHaveLength(2_500);
      expect(new Set(found.map((doc) => doc.id)).size).toBe(2_500);
    });
  });

  describe('changeStream', () => {
    it('emits one bulk per write with events and the newest row as checkpoint', async () => {
      const bulks: Bulk[] = [];
      const subscription = instance.changeStream().subscribe((bulk: Bulk) => bulks.push(bulk));

      const a = personDoc(person('a'));
      const b = personDoc(person('b'));
      await instance.bulkWrite([{ document: a }, { document: b }], 'insert-context');
      const a2 = personDoc(person('a', { age: 40 }), { previous: a });
      const bDeleted = personDoc(person('b'), { previous: b, deleted: true });
      await instance.bulkWrite(
        [
          { previous: a, document: a2 },
          { previous: b, document: bDeleted },
        ],
        'update-context',
      );
      subscription.unsubscribe();

      expect(bulks).toHaveLength(2);
      const [inserted, updated] = bulks;
      expect(inserted?.context).toBe('insert-context');
      expect(inserted?.events.map((event) => [event.operation, event.documentId])).toEqual([
        ['INSERT', 'a'],
        ['INSERT', 'b'],
      ]);
      expect(inserted?.checkpoint).toEqual({ id: 'b', lwt: b._meta.lwt });
      expect(updated?.events.map((event) => [event.operation, event.documentId])).toEqual([
        ['UPDATE', 'a'],
        ['DELETE', 'b'],
      ]);
      expect(updated?.events[0]?.documentData).toEqual(a2);
      expect(updated?.events[0]?.previousDocumentData).toEqual(a);
      expect(updated?.checkpoint).toEqual({ id: 'b', lwt: bDeleted._meta.lwt });
    });

    it('emits nothing for a bulk that only conflicts', async () => {
      await instance.bulkWrite(insertRows([person('a')]), 'test');
      const bulks: Bulk[] = [];
      const subscription = instance.changeStream().subscribe((bulk: Bulk) => bulks.push(bulk));
      await instance.bulkWrite(insertRows([person('a')]), 'test');
      subscription.unsubscribe();
      expect(bulks).toEqual([]);
    });

    it('delivers writes of one instance to listeners of another instance of the same collection', async () => {
      const second = await createPeopleInstance(sqliteStorage(dir));
      try {
        const bulks: Bulk[] = [];
        const subscription = second.changeStream().subscribe((bulk: Bulk) => bulks.push(bulk));
        await instance.bulkWrite(insertRows([person('a')]), 'test');
        subscription.unsubscribe();
        expect(bulks.map((bulk) => bulk.events.length)).toEqual([1]);
      } finally {
        await second.close();
      }
    });
  });

  describe('getChangedDocumentsSince', () => {
    async function changedSince(limit: number, checkpoint?: RxStorageDefaultCheckpoint) {
      const getChanged = instance.getChangedDocumentsSince;
      if (!getChanged) {
        throw new Error('getChangedDocumentsSince is not implemented');
      }
      return getChanged.call(instance, limit, checkpoint);
    }

    it('pages through all documents in (lwt, id) order and then returns nothing', async () => {
      // Equal lwt for a group of documents: the id must break the tie.
      const lwt = now();
      const rows = ['e', 'c', 'a', 'd', 'b'].map((id) => ({ document: personDoc(person(id), { lwt }) }));
      await instance.bulkWrite(rows, 'test');
      await instance.bulkWrite(insertRows([person('later')]), 'test');

      const seen: string[] = [];
      let checkpoint: RxStorageDefaultCheckpoint | undefined;
      for (let page = 0; page < 10; page++) {
        const result = await changedSince(2, checkpoint);
        seen.push(...result.documents.map((doc) => doc.id));
        checkpoint = result.checkpoint;
        if (result.documents.length === 0) {
          break;
        }
      }
      expect(seen).toEqual(['a', 'b', 'c', 'd', 'e', 'later']);
      expect(checkpoint?.id).toBe('later');
      const empty = await changedSince(10, checkpoint);
      expect(empty.documents).toEqual([]);
      expect(empty.checkpoint).toEqual(checkpoint);
    });

    it('returns an updated document again after the checkpoint, tombstones included', async () => {
      const a = personDoc(person('a'));
      await instance.bulkWrite([{ document: a }, ...insertRows([person('b')])], 'test');
      const { checkpoint } = await changedSince(10);
      const aDeleted = personDoc(person('a'), { previous: a, deleted: true });
      await instance.bulkWrite([{ previous: a, document: aDeleted }], 'test');
      const next = await changedSince(10, checkpoint);
      expect(next.documents.map((doc) => [doc.id, doc._deleted])).toEqual([['a', true]]);
    });

    it('continues from a change stream checkpoint', async () => {
      const bulks: Bulk[] = [];
      const subscription = instance.changeStream().subscribe((bulk: Bulk) => bulks.push(bulk));
      await instance.bulkWrite(insertRows([person('a'), person('b')]), 'test');
      subscription.unsubscribe();
      await instance.bulkWrite(insertRows([person('c')]), 'test');
      const next = await changedSince(10, bulks[0]?.checkpoint);
      expect(next.documents.map((doc) => doc.id)).toEqual(['c']);
    });
  });

  describe('cleanup', () => {
    it('hard-deletes tombstones older than the minimum age and keeps the rest', async () => {
      const old = personDoc(person('old'), { lwt: now() - 60_000 });
      const recent = personDoc(person('recent'));
      const live = personDoc(person('live'), { lwt: now() - 60_000 });
      await instance.bulkWrite([{ document: old }, { document: recent }, { document: live }], 'test');
      await instance.bulkWrite(
        [
          {
            previous: old,
            document: personDoc(person('old'), { previous: old, deleted: true, lwt: now() - 30_000 }),
          },
          { previous: recent, document: personDoc(person('recent'), { previous: recent, deleted: true }) },
        ],
        'test',
      );

      expect(await instance.cleanup(10_000)).toBe(true);
      const remaining = await instance.findDocumentsById(['old', 'recent', 'live'], true);
      expect(remaining.map((doc) => doc.id).sort()).toEqual(['live', 'recent']);

      expect(await instance.cleanup(0)).toBe(true);
      const afterAll = await instance.findDocumentsById(['old', 'recent', 'live'], true);
      expect(afterAll.map((doc) => doc.id)).toEqual(['live']);
    });

    it('reports unfinished work when more tombstones remain than one batch', async () => {
      const lwt = now() - 60_000;
      const tombstones = Array.from({ length: 5_200 }, (_, i) =>
        personDoc(person(`t${i}`), { deleted: true, lwt }),
      );
      await instance.bulkWrite(
        tombstones.map((document) => ({ document })),
        'test',
      );
      expect(await instance.cleanup(0)).toBe(false);
      expect(await instance.cleanup(0)).toBe(true);
      expect(await instance.findDocumentsById(['t0', 't5199'], true)).toEqual([]);
    });
  });

  describe('close and remove', () => {
    it('rejects use after close', async () => {
      const other = await createPeopleInstance(sqliteStorage(dir));
      await other.close();
      await other.close(); // idempotent
      await expect(other.findDocumentsById(['a'], false)).rejects.toThrow(/closed/);
      await expect(other.bulkWrite(insertRows([person('a')]), 'test')).rejects.toThrow(/closed/);
    });

    it('remove() drops the data; a new instance starts empty', async () => {
      await instance.bulkWrite(insertRows([person('a')]), 'test');
      await instance.remove();
      instance = await createPeopleInstance(sqliteStorage(dir));
      expect(await instance.findDocumentsById(['a'], true)).toEqual([]);
    });

    it('rejects attachments', async () => {
      const storage = sqliteStorage(dir);
      await expect(
        storage.createStorageInstance({
          databaseInstanceToken: 'token',
          databaseName: 'testdb',
          collectionName: 'files',
          schema: { ...filledPersonSchema, attachments: {} },
          options: {},
          multiInstance: false,
          devMode: false,
        }),
      ).rejects.toThrow(/attachments/);
    });
  });
});
