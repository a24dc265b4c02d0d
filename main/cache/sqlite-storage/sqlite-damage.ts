import { existsSync, mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { abandonConnection } from './sqlite-connection';
import { databaseFileName } from './sqlite-names';
import { RxStorageSqliteError } from './sqlite-storage-errors';

/** The files SQLite keeps for one database: the database itself, its WAL and the WAL's index. */
const FILE_SUFFIXES = ['', '-wal', '-shm'] as const;

/** SQLite's own codes for a file it cannot trust: damaged pages, or not a database (any more). */
const DAMAGE_CODES = /^SQLITE_(CORRUPT|NOTADB)/;
const DAMAGE_STORAGE_CODES = new Set(['DAMAGED', 'WRONG_ENCRYPTION_KEY', 'ENCRYPTED_OR_NOT_A_DATABASE']);

/**
 * Whether an error (or anything it wraps: RxDB wraps storage errors in its own) says the database
 * file is damaged or cannot be decrypted, as opposed to a bug, a full disk or a locked file.
 */
export function isDatabaseDamage(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > 5) return false;
  const code = (error as { code?: unknown }).code;
  if (error instanceof RxStorageSqliteError && DAMAGE_STORAGE_CODES.has(error.code)) return true;
  if (typeof code === 'string' && DAMAGE_CODES.test(code)) return true;
  const wrapped = [
    (error as { cause?: unknown }).cause,
    (error as { parameters?: { error?: unknown } }).parameters?.error,
  ];
  return wrapped.some((inner) => isDatabaseDamage(inner, depth + 1));
}

/**
 * Moves a database's files into `<directory>/damaged/` under a timestamped name, as they are
 * (still encrypted, if they were), so a new database can take their place and an admin can still
 * look at them. Any connection still open on them is closed first. Answers the moved database
 * file's path, or null when there was nothing to move.
 */
export function moveDatabaseAside(options: {
  databaseDirectory: string;
  databaseName: string;
  now?: Date;
}): string | null {
  const filePath = path.resolve(options.databaseDirectory, databaseFileName(options.databaseName));
  abandonConnection(filePath);
  const present = FILE_SUFFIXES.filter((suffix) => existsSync(`${filePath}${suffix}`));
  if (present.length === 0) return null;
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const aside = path.join(path.dirname(filePath), 'damaged', `${stamp}-${path.basename(filePath)}`);
  mkdirSync(path.dirname(aside), { recursive: true });
  for (const suffix of present) renameSync(`${filePath}${suffix}`, `${aside}${suffix}`);
  return aside;
}
