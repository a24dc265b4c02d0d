import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { checkIntegrityInBackground } from './sqlite-background-check';
import { databaseFileName } from './sqlite-names';
import { RxStorageSqliteError } from './sqlite-storage-errors';

/*
 * One SQLite connection per database file, shared by every storage instance (collection) of
 * that RxDB database in this process. better-sqlite3 is synchronous, so one connection
 * serializes all work on the file anyway; sharing it keeps one page cache and one WAL reader,
 * and lets a bulkWrite's read-check-write run as one uninterrupted transaction.
 */

/** How long a statement waits for a lock held by another process (e.g. a second app instance). */
const BUSY_TIMEOUT_MS = 5_000;
/** Page cache per connection, in KiB (negative = KiB for SQLite): bounded memory at 260k docs. */
export const CACHE_SIZE_KIB = 16_384;
const FORMAT_VERSION = '1';
/** rxs_meta key set once a file has been vacuumed with secure_delete on. */
const SECURE_DELETE_META = 'secure_delete';

/** An open database file and the storage instances using it. */
export interface SqliteConnection {
  readonly filePath: string;
  readonly databaseName: string;
  readonly db: Database.Database;
  /** Hash of the encryption key ('' when unencrypted), to reject a second opener with another key. */
  readonly keyDigest: string;
  refCount: number;
  /**
   * State shared by the instances of one table (change subject, prepared statements), keyed by
   * table name. Typed loosely here because each table holds its own document type.
   */
  readonly tableStates: Map<string, unknown>;
}

const OPEN_CONNECTIONS = new Map<string, SqliteConnection>();

function digestKey(encryptionKey: string | undefined): string {
  return encryptionKey === undefined ? '' : createHash('sha256').update(encryptionKey, 'utf8').digest('hex');
}

/** Opens (or shares) the connection to one RxDB database's file; pair with releaseConnection(). */
export function acquireConnection(options: {
  databaseDirectory: string;
  databaseName: string;
  encryptionKey?: string;
  checkIntegrity?: boolean;
  /** Given: the file is checked in a worker thread after it opened, and damage reported here. */
  onBackgroundDamage?: (error: unknown) => void;
}): SqliteConnection {
  const { databaseDirectory, databaseName, encryptionKey } = options;
  if (encryptionKey !== undefined && encryptionKey.length === 0) {
    throw new RxStorageSqliteError(
      'UNSUPPORTED',
      'encryptionKey must not be empty; omit it for no encryption',
    );
  }
  const filePath = path.resolve(databaseDirectory, databaseFileName(databaseName));
  const keyDigest = digestKey(encryptionKey);
  const existing = OPEN_CONNECTIONS.get(filePath);
  if (existing) {
    if (existing.keyDigest !== keyDigest) {
      throw new RxStorageSqliteError(
        'KEY_MISMATCH',
        `The cache database ${filePath} is already open in this process with a different encryption key`,
      );
    }
    if (existing.databaseName !== databaseName) {
      throw nameCollision(filePath, databaseName, existing.databaseName);
    }
    existing.refCount++;
    return existing;
  }
  mkdirSync(databaseDirectory, { recursive: true });
  const db = openDatabaseFile(filePath, databaseName, encryptionKey, options.checkIntegrity ?? false);
  const connection: SqliteConnection = {
    filePath,
    databaseName,
    db,
    keyDigest,
    refCount: 1,
    tableStates: new Map(),
  };
  OPEN_CONNECTIONS.set(filePath, connection);
  if (options.onBackgroundDamage) {
    void checkIntegrityInBackground({ filePath, encryptionKey, onDamage: options.onBackgroundDamage });
  }
  return connection;
}

function openDatabaseFile(
  filePath: string,
  databaseName: string,
  encryptionKey: string | undefined,
  checkIntegrity: boolean,
) {
  checkNotEmptiedUnderWal(filePath);
  const db = new Database(filePath, { timeout: BUSY_TIMEOUT_MS });
  try {
    if (encryptionKey !== undefined) {
      // SQLCipher's format (AES-256, HMAC per page, PBKDF2 key derivation): a tampered or
      // wrongly keyed page fails its HMAC instead of decrypting to garbage. The key is passed as
      // a buffer, never spliced into SQL. It must be set before anything reads the file.
      db.pragma(`cipher='sqlcipher'`);
      db.key(Buffer.from(encryptionKey, 'utf8'));
    }
    verifyReadable(db, filePath, encryptionKey !== undefined);
    if (checkIntegrity) verifyIntact(db, filePath);
    // WAL + synchronous=NORMAL: a commit is appended to the WAL before bulkWrite() returns, so a
    // killed or crashed process never loses or corrupts a committed transaction (the WAL is
    // replayed on the next open). Only an OS crash or power cut may drop the last few commits,
    // never corrupt the file; for a cache that re-syncs from the server that is the right trade.
    const journalMode = db.pragma('journal_mode = WAL', { simple: true });
    if (journalMode !== 'wal') {
      throw new Error(`Could not switch ${filePath} to WAL journal mode (got ${String(journalMode)})`);
    }
    db.pragma('synchronous = NORMAL');
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma(`cache_size = -${CACHE_SIZE_KIB}`);
    // Deleted and overwritten content is zeroed in the pages that are written anyway, so a row
    // rewritten as a removal leaves no old copy beside it (issue 14). FAST, not ON: ON also writes
    // every freed page again, which doubled the time of a first sync; pages freed whole are
    // dealt with by compactFreedPages() after a purge instead.
    db.pragma('secure_delete = FAST');
    ensureMetaTables(db, filePath, databaseName);
    vacuumOnceForSecureDelete(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** Reads the schema page: the first access that needs a correct key, so a wrong one fails here. */
function verifyReadable(db: Database.Database, filePath: string, encrypted: boolean): void {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code !== 'SQLITE_NOTADB') {
      throw error;
    }
    throw encrypted
      ? new RxStorageSqliteError(
          'WRONG_ENCRYPTION_KEY',
          `Cannot open the cache database ${filePath}: the encryption key is wrong, or the file is not encrypted`,
          { cause: error },
        )
      : new RxStorageSqliteError(
          'ENCRYPTED_OR_NOT_A_DATABASE',
          `Cannot open the cache database ${filePath}: it is encrypted (an encryptionKey is required) or is not a SQLite database`,
          { cause: error },
        );
  }
}

/**
 * SQLite's quick_check: reads every page (so with SQLCipher every page's HMAC is checked) and the
 * structure of every table and index, without the slower cross-check of index contents.
 */
function verifyIntact(db: Database.Database, filePath: string): void {
  let problems: unknown[];
  try {
    problems = db.pragma('quick_check(3)', { simple: false }) as unknown[];
  } catch (error) {
    throw new RxStorageSqliteError('DAMAGED', `The cache database ${filePath} is damaged: ${String(error)}`, {
      cause: error,
    });
  }
  const findings = problems.map((row) => Object.values(row as object)[0]);
  if (findings.length !== 1 || findings[0] !== 'ok') {
    throw new RxStorageSqliteError(
      'DAMAGED',
      `The cache database ${filePath} failed its integrity check: ${findings.join('; ')}`,
    );
  }
}

/**
 * A database file emptied under its WAL (a truncation, a restore that skipped the WAL) opens as a
 * new, empty database and SQLite silently discards the WAL: everything in it would be lost without
 * a word. Checked before SQLite touches the file.
 */
function checkNotEmptiedUnderWal(filePath: string): void {
  const size = (suffix: string) =>
    existsSync(`${filePath}${suffix}`) ? statSync(`${filePath}${suffix}`).size : 0;
  if (size('') === 0 && size('-wal') > 0) {
    throw new RxStorageSqliteError(
      'DAMAGED',
      `The cache database ${filePath} is empty but its write-ahead log is not: the file was cut`,
    );
  }
}

function ensureMetaTables(db: Database.Database, filePath: string, databaseName: string): void {
  db.transaction(() => {
    db.exec(`
      CREATE TABLE IF NOT EXISTS rxs_meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS rxs_tables (
        table_name TEXT PRIMARY KEY NOT NULL,
        collection_name TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        index_fingerprint TEXT NOT NULL
      );
    `);
    const readMeta = db.prepare<[string], unknown>('SELECT value FROM rxs_meta WHERE key = ?').pluck();
    const storedName = readMeta.get('database_name');
    if (storedName === undefined) {
      const insertMeta = db.prepare('INSERT INTO rxs_meta (key, value) VALUES (?, ?)');
      insertMeta.run('database_name', databaseName);
      insertMeta.run('format', FORMAT_VERSION);
    } else if (storedName !== databaseName) {
      throw nameCollision(filePath, databaseName, String(storedName));
    }
  }).immediate();
}

/**
 * A file written before secure_delete was on may hold old row versions in free space and free
 * pages: VACUUM rewrites it once without them, and the meta table remembers that it did.
 */
function vacuumOnceForSecureDelete(db: Database.Database): void {
  const done = db.prepare<[string], unknown>('SELECT value FROM rxs_meta WHERE key = ?').pluck();
  if (done.get(SECURE_DELETE_META) !== undefined) return;
  const tables = db.prepare('SELECT count(*) FROM rxs_tables').pluck().get();
  if (tables !== 0) db.exec('VACUUM');
  db.prepare('INSERT INTO rxs_meta (key, value) VALUES (?, ?)').run(SECURE_DELETE_META, '1');
}

/**
 * After records were purged: rewrites the file without free pages (which secure_delete FAST
 * leaves with whatever they held) when it has any, then writes everything in the WAL into the
 * file and empties the WAL, so no old version of a page is left in either. VACUUM costs about as
 * much as copying the file; purges are rare (a client leaving a staff member's sight). A no-op for
 * a file not open in this process. Answers whether the file was rewritten.
 */
export function compactFreedPages(databaseDirectory: string, databaseName: string): boolean {
  const connection = OPEN_CONNECTIONS.get(path.resolve(databaseDirectory, databaseFileName(databaseName)));
  if (!connection) return false;
  const { db } = connection;
  const freePages = Number(db.pragma('freelist_count', { simple: true }));
  let vacuumed = false;
  if (freePages > 0) {
    try {
      db.exec('VACUUM');
      vacuumed = true;
    } catch (error) {
      // A statement still reading (VACUUM needs the file to itself): the next purge tries again.
      console.warn(`Could not compact ${connection.filePath}: ${String(error)}`);
    }
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  return vacuumed;
}

function nameCollision(filePath: string, wanted: string, found: string): RxStorageSqliteError {
  return new RxStorageSqliteError(
    'NAME_COLLISION',
    `The cache file ${filePath} belongs to database "${found}", not "${wanted}"`,
  );
}

/**
 * Drops one reference; the last one closes the connection. A file left without any collection
 * table (every collection remove()d, as RxDB's removeRxDatabase() does) is deleted with its
 * WAL: removing a database then leaves nothing behind, while closing one always keeps its data.
 */
export function releaseConnection(connection: SqliteConnection): void {
  connection.refCount--;
  if (connection.refCount > 0) {
    return;
  }
  if (OPEN_CONNECTIONS.get(connection.filePath) !== connection) {
    // Abandoned (its file was moved aside) and already closed; a new file may have its path now.
    return;
  }
  OPEN_CONNECTIONS.delete(connection.filePath);
  const { db } = connection;
  let remainingTables: unknown;
  try {
    remainingTables = db.prepare('SELECT count(*) FROM rxs_tables').pluck().get();
    db.pragma('optimize');
  } finally {
    db.close();
  }
  if (remainingTables === 0) {
    for (const suffix of ['', '-wal', '-shm']) {
      rmSync(`${connection.filePath}${suffix}`, { force: true });
    }
  }
}

/**
 * Closes a file's connection whatever its users: for a damaged file that is being moved aside,
 * whose storage instances may not all have closed (closing fails on a damaged file).
 */
export function abandonConnection(filePath: string): void {
  const connection = OPEN_CONNECTIONS.get(filePath);
  if (!connection) return;
  OPEN_CONNECTIONS.delete(filePath);
  try {
    connection.db.close();
  } catch {
    // Already closed, or failing: either way nothing uses it any more.
  }
}
