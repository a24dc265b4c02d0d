import {
  ensureRxStorageInstanceParamsAreCorrect,
  RXDB_VERSION,
  type RxStorageInstanceCreationParams,
} from 'rxdb';
import { createSqliteStorageInstance, type RxStorageInstanceSqlite } from './rx-storage-instance-sqlite';
import { RxStorageSqliteError } from './sqlite-storage-errors';
import type {
  RxStorageSqlite,
  RxStorageSqliteInstanceCreationOptions,
  RxStorageSqliteSettings,
} from './sqlite-storage-types';

/** `storage.name`; RxDB keys its duplicate-database check on it. */
export const RX_STORAGE_NAME_SQLITE = 'portico-sqlite';

/**
 * Persistent RxDB storage on SQLite (better-sqlite3-multiple-ciphers) for Node and Electron's
 * main process: one file per RxDB database in `settings.databaseDirectory`, one table per
 * collection and schema version, queries answered by SQLite index range scans.
 *
 * Attachments, key compression and RxDB's field encryption are not supported (use
 * `encryptionKey` to encrypt the whole file). Changes made by another process on the same file
 * are stored but not emitted to this process's change streams.
 */
export function getRxStorageSqlite(settings: RxStorageSqliteSettings): RxStorageSqlite {
  const frozenSettings: Readonly<RxStorageSqliteSettings> = Object.freeze({ ...settings });
  return {
    name: RX_STORAGE_NAME_SQLITE,
    rxdbVersion: RXDB_VERSION,
    settings: frozenSettings,
    async createStorageInstance<RxDocType>(
      params: RxStorageInstanceCreationParams<RxDocType, RxStorageSqliteInstanceCreationOptions>,
    ): Promise<RxStorageInstanceSqlite<RxDocType>> {
      ensureRxStorageInstanceParamsAreCorrect(params);
      if (params.schema.attachments) {
        throw new RxStorageSqliteError(
          'UNSUPPORTED',
          `Collection ${params.collectionName} declares attachments, which the SQLite storage does not support`,
        );
      }
      return createSqliteStorageInstance(params, frozenSettings);
    },
  };
}
