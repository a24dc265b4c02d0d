import type Database from 'better-sqlite3-multiple-ciphers';
import { getPrimaryFieldOfPrimaryKey, type RxDocumentData, type RxJsonSchema } from 'rxdb';
import { getIndexDefinitions, type IndexDefinition, indexFingerprint } from './index-keys';
import { collectionTableName, quoteIdentifier } from './sqlite-names';
import { RxStorageSqliteError } from './sqlite-storage-errors';

/*
 * One table per (collection, schema version):
 *   id TEXT PRIMARY KEY, data TEXT (JSON of the whole RxDocumentData), deleted INTEGER,
 *   lwt REAL, k0..kN TEXT (sortable index keys, see index-keys.ts)
 * plus an index on (lwt, id) for getChangedDocumentsSince(). The rxs_tables row remembers which
 * key layout the k columns were computed with.
 */

/** A collection's table and the indexes it carries. */
export interface CollectionTable<RxDocType> {
  readonly name: string;
  /** `name`, quoted for SQL. */
  readonly sql: string;
  readonly primaryPath: string;
  readonly indexes: readonly IndexDefinition<RxDocType>[];
  readonly indexByName: ReadonlyMap<string, IndexDefinition<RxDocType>>;
}

interface TableRow {
  collection_name: string;
  index_fingerprint: string;
}

function isTableRow(value: unknown): value is TableRow {
  return (
    typeof value === 'object' &&
    value !== null &&
    'collection_name' in value &&
    typeof value.collection_name === 'string' &&
    'index_fingerprint' in value &&
    typeof value.index_fingerprint === 'string'
  );
}

/** Creates the collection's table if needed, or rebuilds its key columns if the index layout changed. */
export function openCollectionTable<RxDocType>(
  db: Database.Database,
  collectionName: string,
  schema: RxJsonSchema<RxDocumentData<RxDocType>>,
): CollectionTable<RxDocType> {
  const name = collectionTableName(collectionName, schema.version);
  const indexes = getIndexDefinitions(schema);
  const table: CollectionTable<RxDocType> = {
    name,
    sql: quoteIdentifier(name),
    primaryPath: getPrimaryFieldOfPrimaryKey(schema.primaryKey),
    indexes,
    indexByName: new Map(indexes.map((index) => [index.name, index])),
  };
  const fingerprint = indexFingerprint(schema, indexes);
  db.transaction(() => {
    const row: unknown = db
      .prepare('SELECT collection_name, index_fingerprint FROM rxs_tables WHERE table_name = ?')
      .get(name);
    if (isTableRow(row)) {
      if (row.collection_name !== collectionName) {
        throw new RxStorageSqliteError(
          'NAME_COLLISION',
          `Table ${name} belongs to collection "${row.collection_name}", not "${collectionName}"`,
        );
      }
      if (row.index_fingerprint === fingerprint) {
        // A first sync that stopped while its indexes were set aside (see dropIndexesForBulkLoad)
        // left them missing: they are built again here. Nothing happens when they exist.
        createIndexes(db, table);
        return;
      }
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS ${table.sql} (
        id TEXT PRIMARY KEY NOT NULL,
        data TEXT NOT NULL,
        deleted INTEGER NOT NULL,
        lwt REAL NOT NULL
      );
      CREATE INDEX IF NOT EXISTS ${quoteIdentifier(`${name}__lwt`)} ON ${table.sql} (lwt, id);
    `);
    rebuildKeyColumns(db, table);
    db.prepare(
      `INSERT INTO rxs_tables (table_name, collection_name, schema_version, index_fingerprint)
       VALUES (?, ?, ?, ?)
       ON CONFLICT (table_name) DO UPDATE SET index_fingerprint = excluded.index_fingerprint`,
    ).run(name, collectionName, schema.version, fingerprint);
  }).immediate();
  return table;
}

const KEY_COLUMN = /^k\d+$/;
/** Rows re-keyed per read when rebuilding; bounds memory for large tables. */
const REBUILD_PAGE_SIZE = 1_000;

/**
 * Makes the k columns and their SQLite indexes match `table.indexes`, recomputing every key
 * from the stored JSON. Runs for new tables (no rows: just DDL) and when a schema's indexes
 * changed without a version bump, e.g. RxDB's internal collections across RxDB upgrades.
 */
function rebuildKeyColumns<RxDocType>(db: Database.Database, table: CollectionTable<RxDocType>): void {
  const existingIndexes = db
    .prepare<[string], unknown>(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?`)
    .pluck()
    .all(table.name);
  for (const indexName of existingIndexes) {
    if (typeof indexName === 'string' && indexName.startsWith(`${table.name}__k`)) {
      db.exec(`DROP INDEX ${quoteIdentifier(indexName)}`);
    }
  }
  const columns = new Set(
    db
      .prepare<[string], unknown>('SELECT name FROM pragma_table_info(?)')
      .pluck()
      .all(table.name)
      .filter((column): column is string => typeof column === 'string' && KEY_COLUMN.test(column)),
  );
  const wanted = new Set(table.indexes.map((index) => index.column));
  for (const column of columns) {
    if (!wanted.has(column)) {
      db.exec(`ALTER TABLE ${table.sql} DROP COLUMN ${column}`);
    }
  }
  for (const column of wanted) {
    if (!columns.has(column)) {
      db.exec(`ALTER TABLE ${table.sql} ADD COLUMN ${column} TEXT`);
    }
  }

  const readPage = db.prepare<[string, number], unknown>(
    `SELECT id, data FROM ${table.sql} WHERE id > ? ORDER BY id LIMIT ?`,
  );
  const assignments = table.indexes.map((index) => `${index.column} = ?`).join(', ');
  const update = db.prepare(`UPDATE ${table.sql} SET ${assignments} WHERE id = ?`);
  let after = '';
  for (;;) {
    // Read a page, then write it: better-sqlite3 forbids writes while a read cursor is open.
    const page = readPage.all(after, REBUILD_PAGE_SIZE);
    for (const row of page) {
      const { id, data } = idAndData(row);
      const doc = parseDocument<RxDocType>(data);
      update.run(...table.indexes.map((index) => index.keyOf(doc)), id);
      after = id;
    }
    if (page.length < REBUILD_PAGE_SIZE) {
      break;
    }
  }

  for (const index of table.indexes) {
    db.exec(
      `CREATE INDEX ${quoteIdentifier(`${table.name}__${index.column}`)} ON ${table.sql} (${index.column})`,
    );
  }
}

/** The indexes of the collection's table: the (lwt, id) change index and one per key column. */
function indexStatements<RxDocType>(table: CollectionTable<RxDocType>): { name: string; create: string }[] {
  return [
    {
      name: `${table.name}__lwt`,
      create: `ON ${table.sql} (lwt, id)`,
    },
    ...table.indexes.map((index) => ({
      name: `${table.name}__${index.column}`,
      create: `ON ${table.sql} (${index.column})`,
    })),
  ];
}

/** Builds any of the table's indexes that is missing. */
export function createIndexes<RxDocType>(db: Database.Database, table: CollectionTable<RxDocType>): void {
  for (const index of indexStatements(table))
    db.exec(`CREATE INDEX IF NOT EXISTS ${quoteIdentifier(index.name)} ${index.create}`);
}

/**
 * Drops the table's secondary indexes while an empty table is bulk-filled: a fill in transactions
 * of 10,000 random ids rewrites nearly every index page at every commit, where building each index
 * once at the end writes it once. Queries still work meanwhile (SQLite scans). Build them again
 * with createIndexes; opening the table does so too, should the fill stop half way.
 */
export function dropIndexesForBulkLoad<RxDocType>(
  db: Database.Database,
  table: CollectionTable<RxDocType>,
): void {
  for (const index of indexStatements(table)) db.exec(`DROP INDEX IF EXISTS ${quoteIdentifier(index.name)}`);
}

function idAndData(row: unknown): { id: string; data: string } {
  if (
    typeof row === 'object' &&
    row !== null &&
    'id' in row &&
    typeof row.id === 'string' &&
    'data' in row &&
    typeof row.data === 'string'
  ) {
    return { id: row.id, data: row.data };
  }
  throw new Error('Unexpected row shape in collection table');
}

/** Parses a stored `data` column. The JSON was written by this storage from RxDocumentData. */
export function parseDocument<RxDocType>(data: unknown): RxDocumentData<RxDocType> {
  if (typeof data !== 'string') {
    throw new Error(`Expected a JSON document in the data column, got ${typeof data}`);
  }
  return JSON.parse(data);
}

/** Drops the table of a removed collection and forgets it. */
export function dropCollectionTable(db: Database.Database, table: { name: string; sql: string }): void {
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS ${table.sql}`);
    db.prepare('DELETE FROM rxs_tables WHERE table_name = ?').run(table.name);
  }).immediate();
}
