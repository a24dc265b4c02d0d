import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCacheStorage } from '../../../../main/services/cache/cache-storage';
import { type CacheDatabase, openCache } from '../../../../main/services/cache/open-cache';
import { PhotoOwners } from '../../../../main/services/files/photo-owners';

const USER = '0b5e0c1e-0000-4000-8000-000000000003';
const CLIENT = '0b5e0c1e-0000-4000-8000-0000000000c3';
const OTHER = '0b5e0c1e-0000-4000-8000-0000000000c4';

function client(id: string, photoFileId: string) {
  return {
    id,
    updatedAt: new Date().toISOString(),
    serverSeq: 1,
    agencyId: 'agency',
    firstName: 'A',
    lastName: 'B',
    firstNameKey: 'a',
    lastNameKey: 'b',
    dateOfBirth: '1980-01-01',
    phone: '',
    email: '',
    photoFileId,
    shared: false,
    portalConnected: false,
  };
}

/* Whose photo a file is, from the cache, kept up to date as clients change and leave. */
describe('photo owners', () => {
  let dir: string;
  let db: CacheDatabase;
  let owners: PhotoOwners;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-photo-owners-'));
    db = await openCache(createCacheStorage(dir)('photo-owners-key'), USER);
    owners = new PhotoOwners(db);
  });

  afterEach(async () => {
    owners.stop();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows new photos, changed photos and clients who leave', async () => {
    await db.clients.insert(client(CLIENT, 'photo-1'));
    expect(await owners.ownerOf('photo-1')).toBe(CLIENT);
    expect(await owners.ownerOf('photo-2')).toBeNull();

    await db.clients.insert(client(OTHER, 'photo-2'));
    expect(await owners.ownerOf('photo-2')).toBe(OTHER);

    await (await db.clients.findOne(CLIENT).exec())?.incrementalPatch({ photoFileId: 'photo-3' });
    expect(await owners.ownerOf('photo-1')).toBeNull();
    expect(await owners.ownerOf('photo-3')).toBe(CLIENT);

    await (await db.clients.findOne(CLIENT).exec())?.remove();
    expect(await owners.ownerOf('photo-3')).toBeNull();
    expect(await owners.ownerOf('photo-2')).toBe(OTHER);
  });
});
