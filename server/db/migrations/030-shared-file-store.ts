import type { Migration } from './index';

/**
 * Files kept in the database (issue 12), so several server instances on one database serve the
 * same files (files/postgres-store.ts). Used when DATABASE_URL is set and FILE_STORE_URL names no
 * other store. A file is an object row and its chunks of 256 KiB; an object is not `complete`
 * until its last chunk is written, and reads never see an incomplete one. Chunks are stored
 * uncompressed out of line (STORAGE EXTERNAL): most uploads are pictures and PDFs, already compressed.
 */
export const sharedFileStore: Migration = {
  id: 30,
  name: 'files stored in chunks in the database, shared by every instance',
  statements: [
    `CREATE TABLE file_objects (
       storage_key text PRIMARY KEY,
       byte_size bigint NOT NULL DEFAULT 0,
       chunk_count integer NOT NULL DEFAULT 0,
       complete boolean NOT NULL DEFAULT false,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE file_chunks (
       storage_key text NOT NULL REFERENCES file_objects (storage_key) ON DELETE CASCADE,
       chunk_index integer NOT NULL CHECK (chunk_index >= 0),
       data bytea NOT NULL,
       written_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (storage_key, chunk_index)
     )`,
    'ALTER TABLE file_chunks ALTER COLUMN data SET STORAGE EXTERNAL',
    'CREATE INDEX file_objects_incomplete ON file_objects (created_at) WHERE NOT complete',
  ],
};
