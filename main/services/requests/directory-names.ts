import { fullName } from '../../../shared/domain/names';
import type { ClientDoc, DirectoryDoc } from '../../../shared/replication/documents';
import type { CacheDatabase } from '../cache/open-cache';

/** Names for ids, read from the cache in one query per collection. */
export async function staffNames(db: CacheDatabase, ids: readonly string[]): Promise<Map<string, string>> {
  const docs = await db.directory.findByIds([...new Set(ids.filter(Boolean))]).exec();
  const names = new Map<string, string>();
  for (const [id, doc] of docs) names.set(id, (doc.toJSON() as DirectoryDoc).name);
  return names;
}

export async function clientNames(db: CacheDatabase, ids: readonly string[]): Promise<Map<string, string>> {
  const docs = await db.clients.findByIds([...new Set(ids.filter(Boolean))]).exec();
  const names = new Map<string, string>();
  for (const [id, doc] of docs) names.set(id, fullName(doc.toJSON() as ClientDoc));
  return names;
}
