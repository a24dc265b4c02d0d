/** Why the SQLite RxStorage refused an operation. */
export type RxStorageSqliteErrorCode =
  /** The file is encrypted but no key was given, or is not a SQLite database at all. */
  | 'ENCRYPTED_OR_NOT_A_DATABASE'
  /** A key was given but it does not decrypt the file (wrong key, or the file is not encrypted). */
  | 'WRONG_ENCRYPTION_KEY'
  /** The file is damaged: SQLite's integrity check failed, or the file was cut under its WAL. */
  | 'DAMAGED'
  /** The same file is already open in this process with a different key. */
  | 'KEY_MISMATCH'
  /** The file (or a table in it) belongs to another RxDB database or collection. */
  | 'NAME_COLLISION'
  /** The schema needs a feature this storage does not implement (attachments). */
  | 'UNSUPPORTED'
  /** The storage instance was closed or its collection removed. */
  | 'CLOSED';

/** Error thrown by the SQLite RxStorage; `code` tells callers (e.g. a cache reset flow) what went wrong. */
export class RxStorageSqliteError extends Error {
  readonly code: RxStorageSqliteErrorCode;

  constructor(code: RxStorageSqliteErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RxStorageSqliteError';
    this.code = code;
  }
}
