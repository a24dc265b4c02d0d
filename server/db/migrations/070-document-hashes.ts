import { REPLICATED_TABLES } from './012-change-capture-by-transaction';
import type { Migration } from './index';

/**
 * Per-document hashes for replication checksums (issue 13, docs/architecture.md "Checksums").
 *
 * `doc_hash` is the first 32 bits of md5(id || ':' || seq), read as an unsigned number: the hash of
 * one version of one document, since the stamp trigger gives every write a new seq. The desktop
 * computes the same value from a document's id and serverSeq (main/services/sync/document-hash.ts).
 * It is a stored generated column, so PostgreSQL computes it after the stamp trigger has set seq,
 * on every insert and update, with no code of ours on the write path; adding it fills existing
 * rows without firing triggers (their positions stay as they were). A checksum is then a sum of
 * this column over the rows a viewer may see, modulo 2^32.
 */
export const documentHashes: Migration = {
  id: 70,
  name: 'per-document hashes for replication checksums',
  statements: REPLICATED_TABLES.map(
    (table) =>
      `ALTER TABLE ${table} ADD COLUMN doc_hash bigint NOT NULL
         GENERATED ALWAYS AS ((('x' || substr(md5(id::text || ':' || seq::text), 1, 8))::bit(32))::bigint) STORED`,
  ),
};
