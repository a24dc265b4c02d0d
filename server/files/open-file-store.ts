import { join } from 'node:path';
import type { Database } from '../db/database';
import type { FileStore } from './file-store';
import { type FileStoreChoice, parseS3Url } from './file-store-url';
import { FolderFileStore } from './folder-store';
import { PostgresFileStore } from './postgres-store';
import { S3FileStore } from './s3-store';

/** The folder a server keeps files in when its store is a folder (and kept them in before). */
export const filesFolder = (dataDir: string) => join(dataDir, 'files');

/**
 * The store FILE_STORE_URL names; without one, PostgreSQL itself when the database is shared
 * (DATABASE_URL), so a second instance serves the same files, and the data folder on PGlite.
 */
export function openFileStore(choice: FileStoreChoice | undefined, db: Database, dataDir: string): FileStore {
  const kind = choice?.kind ?? (db.kind === 'postgres' ? 'postgres' : 'folder');
  if (choice?.kind === 's3') return new S3FileStore(parseS3Url(choice.url));
  return kind === 'postgres' ? new PostgresFileStore(db) : new FolderFileStore(filesFolder(dataDir));
}
