import { cacheLocation, documentTables, openCacheFile } from './cache-file';

/**
 * The floor of a cache reopen: everything the cache holds, read and parsed the plainest way (one
 * SELECT per table, JSON.parse of every row), from the same encrypted file with the same key.
 * Returns how many rows it read.
 */
export function readEveryRow(dataDir: string, userId: string): number {
  const { path, key } = cacheLocation(dataDir, userId);
  const db = openCacheFile(path, key);
  let rows = 0;
  try {
    for (const table of documentTables(db)) {
      for (const data of db.prepare(`SELECT data FROM "${table}"`).pluck().iterate()) {
        if (typeof data === 'string' && JSON.parse(data) !== null) rows++;
      }
    }
  } finally {
    db.close();
  }
  return rows;
}
