import type { RxStorage } from 'rxdb';

/** Settings of {@link getRxStorageSqlite}. */
export interface RxStorageSqliteSettings {
  /** Folder holding one `<database>.sqlite` file (plus its `-wal`/`-shm`) per RxDB database. Created if missing. */
  databaseDirectory: string;
  /**
   * Encrypts the files (SQLCipher format via SQLite3MultipleCiphers). Opening an existing file
   * with a different key, or an encrypted file without one, fails with an RxStorageSqliteError.
   * Passed through PBKDF2 on every open (~0.1 s), so pass a secret, not a per-query value.
   */
  encryptionKey?: string;
  /**
   * Runs SQLite's quick_check when a file is opened and refuses a damaged file with an
   * RxStorageSqliteError 'DAMAGED'. It reads the whole file once per open.
   */
  checkIntegrity?: boolean;
  /**
   * Runs the same check in a worker thread when a file is opened, without delaying the open, and
   * reports damage it finds to `onDamage`.
   */
  checkIntegrityInBackground?: boolean;
  /**
   * Told when an operation on an open file fails because the file is damaged (see
   * isDatabaseDamage), e.g. a page that fails its HMAC during a sync. The operation still fails.
   */
  onDamage?: (error: unknown) => void;
}

/** Per-collection options; the storage has none today. */
export type RxStorageSqliteInstanceCreationOptions = Record<string, never>;

/** What `storageInstance.internals` exposes, mainly for diagnostics. */
export interface RxStorageSqliteInternals {
  /** Absolute path of the database file. */
  readonly filePath: string;
  /** SQLite table holding the collection at this schema version. */
  readonly tableName: string;
}

/** The storage returned by {@link getRxStorageSqlite}. */
export type RxStorageSqlite = RxStorage<RxStorageSqliteInternals, RxStorageSqliteInstanceCreationOptions> & {
  readonly settings: Readonly<RxStorageSqliteSettings>;
};
