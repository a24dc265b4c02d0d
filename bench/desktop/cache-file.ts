import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { createHostPorts } from '../../main/browser-host/host-ports';
import { collectionTableName, databaseFileName } from '../../main/cache/sqlite-storage/sqlite-names';
import { CacheKeyStore } from '../../main/services/cache/cache-key-store';
import { cacheNameFor } from '../../main/services/cache/open-cache';
import type { ReplicatedCollection } from '../../shared/replication/documents';
import { REPLICATED_SCHEMAS } from '../../shared/replication/rx-schemas';

/** Where a browser-host desktop keeps a staff member's cache, and the key it is encrypted with. */
export function cacheLocation(dataDir: string, userId: string): { path: string; key: string } {
  // The product's own key store and host secret, so the bench reads exactly what the desktop wrote.
  const keys = new CacheKeyStore(join(dataDir, 'keys'), createHostPorts(dataDir).secureStorage);
  return {
    path: join(dataDir, 'cache', databaseFileName(cacheNameFor(userId))),
    key: keys.keyFor(userId),
  };
}

/** Opens an encrypted cache file as the storage does (SQLCipher format, key as a buffer). */
export function openCacheFile(
  path: string,
  key: string,
  options: { create?: boolean } = {},
): Database.Database {
  const db = new Database(path, { fileMustExist: !options.create });
  db.pragma(`cipher='sqlcipher'`);
  db.key(Buffer.from(key, 'utf8'));
  return db;
}

/** The table holding a replicated collection's documents, at its current schema version. */
export function collectionTable(collection: ReplicatedCollection): string {
  return collectionTableName(collection, REPLICATED_SCHEMAS[collection].version);
}

/** Every collection table in a cache file: RxDB's own and the app's, each row one JSON document. */
export function documentTables(db: Database.Database): string[] {
  return db
    .prepare<[], { table_name: string }>('SELECT table_name FROM rxs_tables ORDER BY table_name')
    .all()
    .map((row) => row.table_name);
}
