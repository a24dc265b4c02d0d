import { join } from 'node:path';
import type { Database } from '../db/database';
import type { FileStore } from './file-store';
import { type FileStoreChoice, parseS3Url } from './file-store-url';
import { FolderFileStore } from './folder-store';
import { PostgresFileStore } from './postgres-store';

/** The folder a server keeps files in when its store is a folder (and kept them in before). */
export const filesFolder = (dataDir: string) => join(dataDir, 'files');

/**
 * The store FILE_STORE_URL names; without one, PostgreSQL itself when the database is shared
 * (DATABASE_URL), so a second instance serves the same files, and the data folder on PGlite.
 */
export async function openFileStore(
  choice: FileStoreChoice | undefined,
  db: Database,
  dataDir: string,
): Promise<FileStore> {
  const kind = choice?.kind ?? (db.kind === 'postgres' ? 'postgres' : 'folder');
  if (choice?.kind === 's3') {
    // Loaded only when used: the AWS SDK takes seconds to load, which every other start would pay.
    const { S3FileStore } = await import('./s3-store');
    return new S3FileStore(parseS3Url(choice.url));
  }
  return kind === 'postgres' ? new PostgresFileStore(db) : new FolderFileStore(filesFolder(dataDir));
}
