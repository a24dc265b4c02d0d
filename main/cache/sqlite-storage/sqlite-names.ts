import { createHash } from 'node:crypto';

/*
 * RxDB database and collection names become file and table names. Both targets are
 * case-insensitive on some platforms (Windows/macOS files, SQLite identifiers), so only
 * lower-case ASCII names are used verbatim; anything else is folded to a readable stem plus a
 * hash of the original name, which keeps distinct names distinct.
 */

const SAFE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;
/** Device names Windows refuses as file names, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/;

function shortHash(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex').slice(0, 12);
}

function safeStem(name: string, allowed: RegExp): string {
  if (allowed.test(name) && !WINDOWS_RESERVED.test(name)) {
    return name;
  }
  const folded = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 40);
  return `${folded}-${shortHash(name)}`;
}

/** File name (inside the storage directory) of the SQLite file holding one RxDB database. */
export function databaseFileName(databaseName: string): string {
  return `${safeStem(databaseName, SAFE_NAME)}.sqlite`;
}

const SAFE_TABLE_STEM = /^[a-z0-9_]{1,64}$/;

/**
 * Table of one collection at one schema version: RxDB's migration keeps old versions side by
 * side until their documents have moved, so the version is part of the name.
 */
export function collectionTableName(collectionName: string, schemaVersion: number): string {
  const stem = safeStem(collectionName, SAFE_TABLE_STEM).replace(/-/g, '_');
  return `rx_${stem}_v${schemaVersion}`;
}

/** Double-quoted SQL identifier; table names are generated but quoting keeps SQL keywords safe. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
