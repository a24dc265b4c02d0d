import { normalizeMangoQuery, prepareQuery, type RxCollection } from 'rxdb';
import type { ReplicatedCollection, ReplicatedDocs } from '../../../shared/replication/documents';
import { addToChecksum, documentHash } from './document-hash';

/** Documents read per storage query while summing, so a large collection is never held at once. */
const PAGE_SIZE = 5_000;

export interface LocalChecksum {
  count: number;
  checksum: number;
}

/**
 * The checksum of what this cache holds of one collection, computed as the server computes its own
 * (server/replication/checksum.ts): live documents only, each hashed from its id and serverSeq.
 * Documents the server has never stamped (serverSeq 0: written here, not yet accepted) are left
 * out, as the server has no row for them yet. Read straight from the storage in id order, page by
 * page, so no RxDocument is built and the query cache is left alone.
 */
export async function localChecksum<C extends ReplicatedCollection>(
  collection: RxCollection<ReplicatedDocs[C]>,
): Promise<LocalChecksum> {
  const schema = collection.schema.jsonSchema;
  let count = 0;
  let checksum = 0;
  let after = '';
  for (;;) {
    const query = normalizeMangoQuery<ReplicatedDocs[C]>(schema, {
      selector: { id: { $gt: after }, _deleted: { $eq: false } } as never,
      sort: [{ id: 'asc' } as never],
      limit: PAGE_SIZE,
    });
    const { documents } = await collection.storageInstance.query(prepareQuery(schema, query));
    for (const doc of documents) {
      const { id, serverSeq } = doc as unknown as { id: string; serverSeq: number };
      after = id;
      if (!serverSeq) continue;
      count += 1;
      checksum = addToChecksum(checksum, documentHash(id, serverSeq));
    }
    if (documents.length < PAGE_SIZE) return { count, checksum };
  }
}
