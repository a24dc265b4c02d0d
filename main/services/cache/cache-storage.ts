import { join } from 'node:path';
import type { RxStorage } from 'rxdb';
import { getRxStorageSqlite } from '../../cache/sqlite-storage';

/** `onDamage` hears of an operation that failed because the open file is damaged. */
export type CacheStorageFactory = (
  encryptionKey: string,
  onDamage?: (error: unknown) => void,
) => RxStorage<unknown, unknown>;

/**
 * The cache's storage: SQLite files in the user-data folder, one per signed-in staff member,
 * encrypted as a whole (SQLCipher) with a key only this staff member's cache uses. Each open checks
 * the key and the schema at once and every page (SQLite's quick_check) in the background, and
 * damage found either way goes to `onDamage` or fails the open.
 */
export function createCacheStorage(dataDir: string): CacheStorageFactory {
  return (encryptionKey, onDamage) =>
    getRxStorageSqlite({
      databaseDirectory: join(dataDir, 'cache'),
      encryptionKey,
      // In a worker: on a large cache, quick_check takes as long as reading every row.
      checkIntegrityInBackground: true,
      onDamage,
    }) as unknown as RxStorage<unknown, unknown>;
}
