import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Database } from '../../server/db/database';
import { COLLECTION_HANDLERS } from '../../server/replication/collections';
import { openCacheFile } from '../desktop/cache-file';

export interface SyncFloor {
  rows: number;
  selectMs: number;
  insertMs: number;
}

/** Every table a replicated collection reads from. */
function sourceTables(): string[] {
  return [...new Set(Object.values(COLLECTION_HANDLERS).flatMap((handler) => handler.sourceTables))];
}

/**
 * The floor of the initial sync: the rows a full sync moves, done the plainest way. The server
 * reads each source table with one SELECT and serializes every row to JSON; the desktop side writes
 * them into a new SQLite file encrypted like the cache (same cipher, journal and page cache settings)
 * with one prepared INSERT in one transaction.
 */
export async function measureSyncFloor(db: Database): Promise<SyncFloor> {
  const selectStarted = performance.now();
  const tables: { table: string; rows: { id: string; json: string }[] }[] = [];
  for (const table of sourceTables()) {
    const result = await db.query<Record<string, unknown>>(`SELECT * FROM ${table}`);
    tables.push({
      table,
      rows: result.rows.map((row) => ({ id: String(row.id ?? ''), json: JSON.stringify(row) })),
    });
  }
  const selectMs = performance.now() - selectStarted;

  const folder = mkdtempSync(join(tmpdir(), 'portico-bench-floor-'));
  const key = randomBytes(32).toString('hex');
  const path = join(folder, 'floor.sqlite');
  try {
    const file = openCacheFile(path, key, { create: true });
    // The cache storage's own settings (sqlite-connection.ts), so only the way of writing differs.
    file.pragma('journal_mode = WAL');
    file.pragma('synchronous = NORMAL');
    file.pragma('cache_size = -16384');
    const insertStarted = performance.now();
    file.exec(
      'CREATE TABLE docs (tbl TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (tbl, id))',
    );
    const insert = file.prepare('INSERT INTO docs (tbl, id, data) VALUES (?, ?, ?)');
    file.transaction(() => {
      for (const { table, rows } of tables) for (const row of rows) insert.run(table, row.id, row.json);
    })();
    const insertMs = performance.now() - insertStarted;
    file.close();
    return { rows: tables.reduce((sum, t) => sum + t.rows.length, 0), selectMs, insertMs };
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
