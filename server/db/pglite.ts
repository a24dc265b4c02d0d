import { mkdirSync } from 'node:fs';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult } from './database';
import { TYPE_PARSERS } from './database';

function wrap(target: PGlite | Transaction): Queryable {
  return {
    async query<Row>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<Row>> {
      const result = await target.query<Row>(sql, params as unknown[]);
      return { rows: result.rows, rowCount: result.affectedRows ?? result.rows.length };
    },
  };
}

/** Embedded PostgreSQL in a data folder; `dataDir` undefined keeps it in memory (tests). */
export async function openPglite(dataDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const db = new PGlite(dataDir, { parsers: TYPE_PARSERS });
  await db.waitReady;
  const root = wrap(db);
  return {
    kind: 'pglite',
    query: root.query,
    prepared: root,
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async listen(channel, onNotify) {
      // One process owns an embedded database, so its notifications are never lost to a dropped connection.
      const unlisten = await db.listen(channel, onNotify);
      return () => unlisten();
    },
    close: () => db.close(),
  };
}
