import { join } from 'node:path';
import type { RxStorage } from 'rxdb';
import { getRxStorageSqlite } from '../../cache/sqlite-storage';

export type CacheStorageFactory = (encryptionKey: string) => RxStorage<unknown, unknown>;

/**
 * The cache's storage: SQLite files in the user-data folder, one per signed-in staff member,
 * encrypted as a whole (SQLCipher) with a key only this staff member's cache uses.
 */
export function createCacheStorage(dataDir: string): CacheStorageFactory {
  return (encryptionKey) =>
    getRxStorageSqlite({ databaseDirectory: join(dataDir, 'cache'), encryptionKey }) as unknown as RxStorage<
      unknown,
      unknown
    >;
}
