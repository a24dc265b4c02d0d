export { toSortableText } from './index-keys';
export type { RxStorageInstanceSqlite } from './rx-storage-instance-sqlite';
export { getRxStorageSqlite, RX_STORAGE_NAME_SQLITE } from './rx-storage-sqlite';
export { compactFreedPages } from './sqlite-connection';
export { isDatabaseDamage, moveDatabaseAside } from './sqlite-damage';
export { databaseFileName } from './sqlite-names';
export { RxStorageSqliteError, type RxStorageSqliteErrorCode } from './sqlite-storage-errors';
export type {
  RxStorageSqlite,
  RxStorageSqliteInstanceCreationOptions,
  RxStorageSqliteInternals,
  RxStorageSqliteSettings,
} from './sqlite-storage-types';
