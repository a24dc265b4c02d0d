import {
  type BulkWriteRow,
  categorizeBulkWriteRows,
  deepEqual,
  type EventBulk,
  INDEX_MAX,
  INDEX_MIN,
  now,
  type PreparedQuery,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageCountResult,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
  type RxStorageQueryResult,
  type StringKeys,
} from 'rxdb';
import { type Observable, Subject } from 'rxjs';
import {
  type CollectionTable,
  createIndexes,
  dropCollectionTable,
  dropIndexesForBulkLoad,
  openCollectionTable,
} from './collection-table';
import { cleanupIndexFields, rangeKeys } from './index-keys';
import {
  acquireConnection,
  CACHE_SIZE_KIB,
  releaseConnection,
  type SqliteConnection,
} from './sqlite-connection';
import { isDatabaseDamage } from './sqlite-damage';
import { collectionTableName } from './sqlite-names';
import { SqliteQueryRunner } from './sqlite-query';
import { RxStorageSqliteError } from './sqlite-storage-errors';
import type {
  RxStorageSqliteInstanceCreationOptions,
  RxStorageSqliteInternals,
  RxStorageSqliteSettings,
} from './sqlite-storage-types';
import { TableStatements } from './table-statements';

type ChangeBulk<RxDocType> = EventBulk<
  RxStorageChangeEvent<RxDocumentData<RxDocType>>,
  RxStorageDefaultCheckpoint
>;

/**
 * What all open instances of one collection table share, like RxDB's memory storage shares its
 * collection state: one change stream (a write through any instance reaches every listener),
 * one set of prepared statements, and the removed flag.
 */
interface SharedTableState<RxDocType> {
  readonly schema: RxJsonSchema<RxDocumentData<RxDocType>>;
  readonly table: CollectionTable<RxDocType>;
  readonly statements: TableStatements<RxDocType>;
  readonly queries: SqliteQueryRunner<RxDocType>;
  readonly changes: Subject<ChangeBulk<RxDocType>>;
  refCount: number;
  removed: boolean;
}

/** Tombstones hard-deleted per cleanup() call, so one call never blocks the process for long. */
const CLEANUP_BATCH_SIZE = 5_000;

function primaryKeyOf(doc: object, primaryPath: string): string {
  const value: unknown = Reflect.get(doc, primaryPath);
  if (typeof value !== 'string') {
    throw new Error(`Document has no string primary key "${primaryPath}"`);
  }
  return value;
}

/** One RxDB collection (at one schema version) stored in a SQLite table. */
export class RxStorageInstanceSqlite<RxDocType>
  implements
    RxStorageInstance<
      RxDocType,
      RxStorageSqliteInternals,
      RxStorageSqliteInstanceCreationOptions,
      RxStorageDefaultCheckpoint
    >
{
  readonly databaseName: string;
  readonly collectionName: string;
  readonly schema: Readonly<RxJsonSchema<RxDocumentData<RxDocType>>>;
  readonly options: Readonly<RxStorageSqliteInstanceCreationOptions>;
  readonly internals: Readonly<RxStorageSqliteInternals>;
  private readonly primaryPath: string;
  private readonly idOf: (doc: object) => string;
  private closed = false;

  constructor(
    params: RxStorageInstanceCreationParams<RxDocType, RxStorageSqliteInstanceCreationOptions>,
    private readonly connection: SqliteConnection,
    private readonly state: SharedTableState<RxDocType>,
    private readonly onDamage: ((error: unknown) => void) | undefined = undefined,
  ) {
    this.databaseName = params.databaseName;
    this.collectionName = params.collectionName;
    this.schema = params.schema;
    this.options = params.options;
    this.internals = { filePath: connection.filePath, tableName: state.table.name };
    const primaryPath = state.table.primaryPath;
    this.primaryPath = primaryPath;
    this.idOf = (doc) => primaryKeyOf(doc, primaryPath);
  }

  async bulkWrite(
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): Promise<RxStorageBulkWriteResponse<RxDocType>> {
    const [response] = RxStorageInstanceSqlite.bulkWriteTogether([
      { instance: this as unknown as RxStorageInstanceSqlite<unknown>, rows: documentWrites, context },
    ]);
    return (response ?? { error: [] }) as RxStorageBulkWriteResponse<RxDocType>;
  }

  /**
   * Bulk writes to several instances of one file in ONE transaction, each with bulkWrite's
   * semantics (conflict checks, change events). A first sync writes its pages and RxDB's
   * replication bookkeeping this way: one commit instead of one per page and per instance, which
   * is where an encrypted WAL spends its time (every commit encrypts and appends each page it
   * touched, index pages included).
   */
  static bulkWriteTogether(
    writes: readonly {
      instance: RxStorageInstanceSqlite<unknown>;
      rows: BulkWriteRow<unknown>[];
      context: string;
    }[],
  ): RxStorageBulkWriteResponse<unknown>[] {
    const first = writes[0];
    if (!first) return [];
    const { connection } = first.instance;
    const states = writes.map(({ instance }) => {
      if (instance.connection !== connection)
        throw new Error('bulkWriteTogether: every instance must be of the same database file');
      return instance.usableState();
    });
    // Read, conflict check and write in one synchronous IMMEDIATE transaction: nothing else (no
    // other JS, no other process) can change these rows between the _rev check and the write,
    // and the whole bulk is committed or, on an SQLite error, none of it.
    const results = first.instance.watched(() =>
      connection.db
        .transaction(() =>
          writes.map(({ instance, rows, context }, index) =>
            rows.length === 0
              ? undefined
              : instance.categorizeAndWrite(states[index] as SharedTableState<unknown>, rows, context),
          ),
        )
        .immediate(),
    );
    return writes.map(({ instance }, index) => {
      const categorized = results[index];
      if (!categorized) return { error: [] };
      // Emitted only after COMMIT, so a listener that reads back sees the new state.
      instance.emitChanges(states[index] as SharedTableState<unknown>, categorized);
      return { error: categorized.errors };
    });
  }

  /**
   * Sets the page cache of the instance's file (shared by every instance of it) to `kib`, or back to
   * the storage's own size when undefined. A first sync raises it while it writes: a table's
   * indexes with random keys outgrow the default 16 MiB soon, and every insert then reads and
   * decrypts index pages again (200,000 rows with five such indexes, 10,000 a transaction: 134 s at
   * 16 MiB, 41 s at 128 MiB).
   */
  static setPageCache(instance: RxStorageInstanceSqlite<unknown>, kib?: number): void {
    instance.connection.db.pragma(`cache_size = -${kib ?? CACHE_SIZE_KIB}`);
  }

  /**
   * For a first sync into an EMPTY table: sets its secondary indexes aside until
   * buildIndexesAfterBulkLoad (collection-table.ts, dropIndexesForBulkLoad). Returns false, and
   * changes nothing, when the table holds any row.
   */
  static setIndexesAsideForBulkLoad(instance: RxStorageInstanceSqlite<unknown>): boolean {
    const state = instance.usableState();
    const { db } = instance.connection;
    const any = db.prepare(`SELECT 1 FROM ${state.table.sql} LIMIT 1`).get();
    if (any !== undefined) return false;
    instance.watched(() => dropIndexesForBulkLoad(db, state.table));
    return true;
  }

  /** Builds the indexes set aside by setIndexesAsideForBulkLoad, each in one pass over the table. */
  static buildIndexesAfterBulkLoad(instance: RxStorageInstanceSqlite<unknown>): void {
    const state = instance.usableState();
    instance.watched(() => createIndexes(instance.connection.db, state.table));
  }

  /** Reads the rows' current versions, checks for conflicts and writes. Call inside a transaction. */
  private categorizeAndWrite(
    state: SharedTableState<RxDocType>,
    documentWrites: BulkWriteRow<RxDocType>[],
    context: string,
  ): ReturnType<typeof categorizeBulkWriteRows<RxDocType>> {
    const ids = documentWrites.map((row) => this.idOf(row.document));
    const docsInDb = new Map<string, RxDocumentData<RxDocType>>();
    for (const doc of state.statements.findByIds(ids, true)) {
      docsInDb.set(this.idOf(doc), doc);
    }
    const result = categorizeBulkWriteRows<RxDocType>(
      this,
      this.primaryPath as StringKeys<RxDocType>,
      docsInDb,
      documentWrites,
      context,
    );
    state.statements.write(
      result.bulkInsertDocs.map((row) => row.document),
      this.idOf,
    );
    state.statements.write(
      result.bulkUpdateDocs.map((row) => row.document),
      this.idOf,
    );
    return result;
  }

  private emitChanges(
    state: SharedTableState<RxDocType>,
    categorized: ReturnType<typeof categorizeBulkWriteRows<RxDocType>>,
  ): void {
    const newest = categorized.newestRow;
    if (categorized.eventBulk.events.length > 0 && newest) {
      const bulk: ChangeBulk<RxDocType> = {
        ...categorized.eventBulk,
        checkpoint: { id: this.idOf(newest.document), lwt: newest.document._meta.lwt },
      };
      state.changes.next(bulk);
    }
  }

  async findDocumentsById(ids: string[], withDeleted: boolean): Promise<RxDocumentData<RxDocType>[]> {
    const { statements } = this.usableState();
    return this.watched(() => statements.findByIds(ids, withDeleted));
  }

  async query(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageQueryResult<RxDocType>> {
    const { queries } = this.usableState();
    return { documents: this.watched(() => queries.query(preparedQuery)) };
  }

  async count(preparedQuery: PreparedQuery<RxDocType>): Promise<RxStorageCountResult> {
    const { queries } = this.usableState();
    return this.watched(() => queries.count(preparedQuery));
  }

  async getAttachmentData(documentId: string, attachmentId: string): Promise<Blob> {
    throw new RxStorageSqliteError(
      'UNSUPPORTED',
      `The SQLite storage does not store attachments (${this.collectionName}/${documentId}/${attachmentId})`,
    );
  }

  async getChangedDocumentsSince(
    limit: number,
    checkpoint?: RxStorageDefaultCheckpoint,
  ): Promise<{ documents: RxDocumentData<RxDocType>[]; checkpoint: RxStorageDefaultCheckpoint }> {
    const { statements } = this.usableState();
    const documents = this.watched(() => statements.changedSince(limit, checkpoint));
    const last = documents[documents.length - 1];
    return {
      documents,
      checkpoint: last ? { id: this.idOf(last), lwt: last._meta.lwt } : (checkpoint ?? { id: '', lwt: 0 }),
    };
  }

  changeStream(): Observable<ChangeBulk<RxDocType>> {
    return this.usableState().changes.asObservable();
  }

  /** Hard-deletes tombstones older than `minimumDeletedTime` ms; false while more remain. */
  async cleanup(minimumDeletedTime: number): Promise<boolean> {
    const state = this.usableState();
    const maxLwt = now() - minimumDeletedTime;
    const range = rangeKeys(
      this.schema,
      cleanupIndexFields(this.primaryPath),
      [true, INDEX_MIN, INDEX_MIN],
      [true, maxLwt, INDEX_MAX],
    );
    return (
      this.watched(() => state.statements.deleteTombstones(range, maxLwt, CLEANUP_BATCH_SIZE)) <
      CLEANUP_BATCH_SIZE
    );
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    const { state, connection } = this;
    state.refCount--;
    if (state.refCount === 0) {
      state.changes.complete();
      if (connection.tableStates.get(state.table.name) === state) {
        connection.tableStates.delete(state.table.name);
      }
    }
    releaseConnection(connection);
  }

  /**
   * Drops the collection's table and closes this instance. The database file is deleted once
   * its last table is dropped and its connection closed (see releaseConnection()).
   */
  async remove(): Promise<void> {
    const state = this.usableState();
    state.removed = true;
    this.connection.tableStates.delete(state.table.name);
    dropCollectionTable(this.connection.db, state.table);
    await this.close();
  }

  /** Runs SQL on the file, telling the storage's owner when it fails because the file is damaged. */
  private watched<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (this.onDamage && isDatabaseDamage(error)) this.onDamage(error);
      throw error;
    }
  }

  private usableState(): SharedTableState<RxDocType> {
    if (this.closed) {
      throw new RxStorageSqliteError(
        'CLOSED',
        `Storage instance ${this.databaseName}/${this.collectionName} is closed`,
      );
    }
    if (this.state.removed) {
      throw new RxStorageSqliteError(
        'CLOSED',
        `Collection ${this.databaseName}/${this.collectionName} was removed`,
      );
    }
    return this.state;
  }
}

/** Opens the collection's table (sharing the file's connection) and returns a storage instance on it. */
export function createSqliteStorageInstance<RxDocType>(
  params: RxStorageInstanceCreationParams<RxDocType, RxStorageSqliteInstanceCreationOptions>,
  settings: RxStorageSqliteSettings,
): RxStorageInstanceSqlite<RxDocType> {
  const connection = acquireConnection({
    databaseDirectory: settings.databaseDirectory,
    databaseName: params.databaseName,
    encryptionKey: settings.encryptionKey,
    checkIntegrity: settings.checkIntegrity,
    onBackgroundDamage: settings.checkIntegrityInBackground ? settings.onDamage : undefined,
  });
  try {
    const tableName = collectionTableName(params.collectionName, params.schema.version);
    // Each entry was created for the table of that name, i.e. for this collection's documents.
    let state = connection.tableStates.get(tableName) as SharedTableState<RxDocType> | undefined;
    if (state) {
      if (params.devMode && !deepEqual(state.schema, params.schema)) {
        throw new Error(
          `Collection ${params.collectionName} is already open with a different schema of the same version`,
        );
      }
      state.refCount++;
    } else {
      const { db } = connection;
      const table = openCollectionTable(db, params.collectionName, params.schema);
      const cleanupIndex = table.indexByName.get(cleanupIndexFields(table.primaryPath).join(','));
      if (!cleanupIndex) {
        throw new Error('The cleanup index is missing'); // getIndexDefinitions() always adds it
      }
      state = {
        schema: params.schema,
        table,
        statements: new TableStatements(db, table, cleanupIndex.column),
        queries: new SqliteQueryRunner(db, table, params.schema),
        changes: new Subject(),
        refCount: 1,
        removed: false,
      };
      connection.tableStates.set(tableName, state);
    }
    return new RxStorageInstanceSqlite(params, connection, state, settings.onDamage);
  } catch (error) {
    releaseConnection(connection);
    throw error;
  }
}
