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
 * the file (SQLite's quick_check) so a damaged cache is found before anything trusts it.
 */
export function createCacheStorage(dataDir: string): CacheStorageFactory {
  return (encryptionKey, onDamage) =>
    getRxStorageSqlite({
      databaseDirectory: join(dataDir, 'cache'),
      encryptionKey,
      checkIntegrity: true,
      onDamage,
    }) as unknown as RxStorage<unknown, unknown>;
}
