import type Database from 'better-sqlite3-multiple-ciphers';
import type { RxDocumentData, RxStorageDefaultCheckpoint } from 'rxdb';
import { type CollectionTable, parseDocument } from './collection-table';

/*
 * Prepared statements for everything but queries (see sqlite-query.ts), prepared once per table
 * and shared by its storage instances: preparing is far costlier than running for small writes.
 */

/** Ids per lookup statement; json_each() has no bound-parameter limit, this just bounds each list. */
const IDS_PER_LOOKUP = 1_000;

/** Document reads and writes of one collection table. */
export class TableStatements<RxDocType> {
  private readonly selectByIds: Database.Statement<[string], unknown>;
  private readonly selectLiveByIds: Database.Statement<[string], unknown>;
  private readonly upsert: Database.Statement<unknown[], unknown>;
  private readonly selectChangedSince: Database.Statement<[number, string, number], unknown>;
  private readonly deleteTombstoneBatch: Database.Statement<[string, string, number, number], unknown>;

  constructor(
    db: Database.Database,
    private readonly table: CollectionTable<RxDocType>,
    cleanupColumn: string,
  ) {
    const t = table.sql;
    // `IN (SELECT value FROM json_each(?))` probes the primary key once per id with a single
    // bound parameter, so one prepared statement serves any number of ids.
    const byIds = `SELECT data FROM ${t} WHERE id IN (SELECT value FROM json_each(?))`;
    this.selectByIds = db.prepare<[string], unknown>(byIds).pluck();
    this.selectLiveByIds = db.prepare<[string], unknown>(`${byIds} AND deleted = 0`).pluck();

    const keyColumns = table.indexes.map((index) => index.column);
    const columns = ['id', 'data', 'deleted', 'lwt', ...keyColumns];
    const updates = columns
      .slice(1)
      .map((column) => `${column} = excluded.${column}`)
      .join(', ');
    // An upsert for inserts and updates alike: categorizeBulkWriteRows() has already decided
    // which rows may be written, and a duplicate id within one bulk then simply keeps the last.
    this.upsert = db.prepare(
      `INSERT INTO ${t} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates}`,
    );
    // Row-value comparison lets SQLite seek the (lwt, id) index straight to the checkpoint.
    this.selectChangedSince = db
      .prepare<[number, string, number], unknown>(
        `SELECT data FROM ${t} WHERE (lwt, id) > (?, ?) ORDER BY lwt, id LIMIT ?`,
      )
      .pluck();
    // The key range finds tombstones through the cleanup index; `deleted`/`lwt` then apply the
    // exact cut-off (index keys round lwt to 1/100 ms).
    this.deleteTombstoneBatch = db.prepare<[string, string, number, number], unknown>(
      `DELETE FROM ${t} WHERE id IN (
         SELECT id FROM ${t}
         WHERE ${cleanupColumn} >= ? AND ${cleanupColumn} <= ? AND deleted = 1 AND lwt <= ?
         LIMIT ?)`,
    );
  }

  /** Documents with the given ids, in no particular order; missing ids are skipped. */
  findByIds(ids: readonly string[], withDeleted: boolean): RxDocumentData<RxDocType>[] {
    const statement = withDeleted ? this.selectByIds : this.selectLiveByIds;
    const found: RxDocumentData<RxDocType>[] = [];
    for (let start = 0; start < ids.length; start += IDS_PER_LOOKUP) {
      const chunk = ids.slice(start, start + IDS_PER_LOOKUP);
      for (const data of statement.all(JSON.stringify(chunk))) {
        found.push(parseDocument<RxDocType>(data));
      }
    }
    return found;
  }

  /** Writes documents (insert or replace by id). Call inside a transaction. */
  write(documents: readonly RxDocumentData<RxDocType>[], idOf: (doc: RxDocumentData<RxDocType>) => string) {
    const { indexes } = this.table;
    for (const doc of documents) {
      const params: unknown[] = [idOf(doc), JSON.stringify(doc), doc._deleted ? 1 : 0, doc._meta.lwt];
      for (const index of indexes) {
        params.push(index.keyOf(doc));
      }
      this.upsert.run(...params);
    }
  }

  /** Up to `limit` documents written after the checkpoint, oldest first. */
  changedSince(
    limit: number,
    checkpoint: RxStorageDefaultCheckpoint | undefined,
  ): RxDocumentData<RxDocType>[] {
    // lwt is never below 1 (RxDB's schema minimum), so (0, '') precedes every row.
    const lwt = checkpoint ? checkpoint.lwt : 0;
    const id = checkpoint ? checkpoint.id : '';
    return this.selectChangedSince.all(lwt, id, limit).map((data) => parseDocument<RxDocType>(data));
  }

  /** Hard-deletes up to `batchSize` tombstones last written at or before `maxLwt`; returns how many. */
  deleteTombstones(range: { lower: string; upper: string }, maxLwt: number, batchSize: number): number {
    return this.deleteTombstoneBatch.run(range.lower, range.upper, maxLwt, batchSize).changes;
  }
}
