import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/database';
import type { FileStore } from './file-store';

const KEY = /^[a-f0-9-]{36}$/;

/** Where moved files go: kept, not deleted, until an administrator removes them. */
export const ADOPTED_FOLDER = 'moved-to-shared-store';

/**
 * A server that kept files in its folder and now uses a shared store (PostgreSQL, or a bucket)
 * would no longer find them. On start, every file in the folder that the database still refers to
 * and the store lacks is copied into the store under the same key, checked against the hash the
 * database recorded, and then moved aside into ADOPTED_FOLDER, so the next start has nothing to do.
 * A file that fails stays where it was and is tried again next start.
 */
export async function adoptFolderFiles(
  db: Database,
  folder: string,
  store: FileStore,
  log: FastifyBaseLogger,
): Promise<number> {
  if (store.kind === 'folder' || !existsSync(folder)) return 0;
  const names = (await readdir(folder)).filter((name) => KEY.test(name));
  if (names.length === 0) return 0;
  const known = await db.query<{ storage_key: string; sha256: string }>(
    'SELECT storage_key, sha256 FROM files WHERE storage_key = ANY($1::text[])',
    [names],
  );
  await mkdir(join(folder, ADOPTED_FOLDER), { recursive: true });
  let adopted = 0;
  for (const { storage_key: key, sha256 } of known.rows) {
    try {
      if (!(await store.stat(key))) {
        const stored = await store.put(createReadStream(join(folder, key)), { storageKey: key });
        if (stored.sha256 !== sha256) {
          await store.delete(key);
          throw new Error(`file ${key} does not match the hash recorded when it was uploaded`);
        }
      }
      await rename(join(folder, key), join(folder, ADOPTED_FOLDER, key));
      adopted += 1;
    } catch (error) {
      log.error(
        { err: error, storageKey: key },
        'a file in the data folder could not be moved to the shared store',
      );
    }
  }
  return adopted;
}
