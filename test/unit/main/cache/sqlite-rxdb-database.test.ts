import { readdirSync } from 'node:fs';
import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase } from 'rxdb';
import { disableWarnings, RxDBDevModePlugin } from 'rxdb/plugins/dev-mode';
import { wrappedValidateAjvStorage } from 'rxdb/plugins/validate-ajv';
import { filter, firstValueFrom, timeout } from 'rxjs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { getRxStorageSqlite } from '../../../../main/cache/sqlite-storage';
import type { ClientDoc, DirectoryDoc, MembershipDoc } from '../../../../shared/replication/documents';
import { clientSchema, directorySchema, membershipSchema } from '../../../../shared/replication/rx-schemas';
import { makeTempDir, removeTempDir } from './sqlite-test-helpers';

type CacheCollections = {
  directory: RxCollection<DirectoryDoc>;
  clients: RxCollection<ClientDoc>;
  memberships: RxCollection<MembershipDoc>;
};
type CacheDatabase = RxDatabase<CacheCollections>;

function client(id: string, firstName: string, lastName: string, dateOfBirth: string): ClientDoc {
  return {
    id,
    updatedAt: '2024-05-01T10:00:00.000Z',
    serverSeq: 1,
    agencyId: 'agency-1',
    firstName,
    lastName,
    firstNameKey: firstName.toLowerCase(),
    lastNameKey: lastName.toLowerCase(),
    dateOfBirth,
    phone: '',
    email: '',
    photoFileId: '',
    shared: false,
    portalConnected: false,
  };
}

const CLIENTS: ClientDoc[] = [
  client('c1', 'Ann', 'Smith', '1980-02-03'),
  client('c2', 'Bea', 'Smithers', '1991-07-30'),
  client('c3', 'Cal', 'Jones', '1975-12-24'),
  client('c4', 'Dee', 'Smith', '2001-01-01'),
];

async function openCache(dir: string, name = 'portico-cache'): Promise<CacheDatabase> {
  const db = await createRxDatabase<CacheCollections>({
    name,
    storage: wrappedValidateAjvStorage({ storage: getRxStorageSqlite({ databaseDirectory: dir }) }),
    multiInstance: false,
  });
  await db.addCollections({
    directory: { schema: directorySchema },
    clients: { schema: clientSchema },
    memberships: { schema: membershipSchema },
  });
  return db;
}

function smithIds(db: CacheDatabase): Promise<string[]> {
  return db.clients
    .find({
      selector: { lastNameKey: { $gte: 'smith', $lt: 'smiti' } },
      sort: [{ lastNameKey: 'asc' }, { firstNameKey: 'asc' }, { id: 'asc' }],
    })
    .exec()
    .then((docs) => docs.map((doc) => doc.id));
}

describe('RxDB database on the SQLite storage', () => {
  let dir: string;
  const open: CacheDatabase[] = [];

  beforeAll(() => {
    disableWarnings();
    addRxPlugin(RxDBDevModePlugin);
  });

  beforeEach(() => {
    dir = makeTempDir();
  });

  afterEach(async () => {
    // The free RxDB edition allows 13 open collections per process: always close.
    await Promise.all(open.splice(0).map((db) => (db.closed ? undefined : db.close())));
    removeTempDir(dir);
  });

  async function track(db: Promise<CacheDatabase>): Promise<CacheDatabase> {
    const opened = await db;
    open.push(opened);
    return opened;
  }

  it('inserts, finds, patches and removes documents, and keeps them across a reopen', async () => {
    const db = await track(openCache(dir));
    await db.clients.bulkInsert(CLIENTS);
    expect(await smithIds(db)).toEqual(['c1', 'c4', 'c2']);

    const bea = await db.clients.findOne('c2').exec();
    await bea?.incrementalPatch({ phone: '555-0102' });
    const cal = await db.clients.findOne('c3').exec();
    await cal?.remove();

    expect(await db.clients.findOne('c3').exec()).toBeNull();
    expect((await db.clients.findOne('c2').exec())?.phone).toBe('555-0102');
    expect(await db.clients.count({ selector: { dateOfBirth: { $gte: '1980-01-01' } } }).exec()).toBe(3);
    await db.close();

    const reopened = await track(openCache(dir));
    expect(await smithIds(reopened)).toEqual(['c1', 'c4', 'c2']);
    expect((await reopened.clients.findOne('c2').exec())?.toJSON()).toEqual({
      ...CLIENTS[1],
      phone: '555-0102',
    });
    expect(await reopened.clients.findOne('c3').exec()).toBeNull();
    expect(await reopened.clients.count().exec()).toBe(3);
    const born = await reopened.clients.find({ selector: { dateOfBirth: { $lt: '1990-01-01' } } }).exec();
    expect(born.map((doc) => doc.id)).toEqual(['c1']);
  });

  it('re-emits a reactive query after inserts, patches and removals', async () => {
    const db = await track(openCache(dir));
    await db.clients.bulkInsert(CLIENTS.slice(0, 2));
    const query = db.clients.find({
      selector: { lastNameKey: { $gte: 'smith', $lt: 'smiti' } },
      sort: [{ lastNameKey: 'asc' }, { firstNameKey: 'asc' }, { id: 'asc' }],
    });
    const emitted = (expected: string[]) =>
      firstValueFrom(
        query.$.pipe(
          filter((docs) => JSON.stringify(docs.map((doc) => doc.id)) === JSON.stringify(expected)),
          timeout(5_000),
        ),
      );

    await emitted(['c1', 'c2']);
    const afterInsert = emitted(['c1', 'c4', 'c2']);
    await db.clients.insert(CLIENTS[3] ?? client('c4', 'Dee', 'Smith', '2001-01-01'));
    await afterInsert;

    const afterPatch = emitted(['c4', 'c2']);
    await (await db.clients.findOne('c1').exec())?.incrementalPatch({
      lastName: 'Baker',
      lastNameKey: 'baker',
    });
    await afterPatch;

    const afterRemove = emitted(['c4']);
    await (await db.clients.findOne('c2').exec())?.remove();
    await afterRemove;
  });

  it('runs several RxDB databases side by side, each in its own file', async () => {
    const first = await track(openCache(dir, 'agency-one'));
    const second = await track(openCache(dir, 'agency-two'));
    await first.clients.insert(client('only-in-one', 'Ann', 'One', '1990-01-01'));
    await second.clients.insert(client('only-in-two', 'Bo', 'Two', '1990-01-01'));

    expect((await first.clients.find().exec()).map((doc) => doc.id)).toEqual(['only-in-one']);
    expect((await second.clients.find().exec()).map((doc) => doc.id)).toEqual(['only-in-two']);
    expect(
      readdirSync(dir)
        .filter((file) => file.endsWith('.sqlite'))
        .sort(),
    ).toEqual(['agency-one.sqlite', 'agency-two.sqlite']);

    await first.close();
    expect(await second.clients.count().exec()).toBe(1);
  });

  it('deletes the database file when the database is removed', async () => {
    const db = await track(openCache(dir, 'to-remove'));
    await db.clients.insert(client('c1', 'Ann', 'Smith', '1980-02-03'));
    await db.remove();
    expect(readdirSync(dir)).toEqual([]);

    const fresh = await track(openCache(dir, 'to-remove'));
    expect(await fresh.clients.count().exec()).toBe(0);
  });
});
