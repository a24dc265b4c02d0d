import type { ReplicatedCollection } from '../../shared/replication/documents';
import type { StreamEvent } from '../../shared/replication/protocol';
import type { Doc } from './api';
import type { SseEvent, SseReader } from './sse-reader';

export type ChangesEvent = Extract<StreamEvent, { type: 'changes' }>;

export function asChanges(event: SseEvent): ChangesEvent | undefined {
  if (event.event !== 'changes') return undefined;
  const parsed = JSON.parse(event.data) as StreamEvent;
  return parsed.type === 'changes' ? parsed : undefined;
}

/** Every document the stream has sent so far for one collection, in order. */
export function streamedDocs<C extends ReplicatedCollection>(reader: SseReader, collection: C): Doc<C>[] {
  return reader.events
    .map(asChanges)
    .filter((event): event is ChangesEvent => event?.collection === collection)
    .flatMap((event) => event.documents as unknown as Doc<C>[]);
}

/** Waits for a `changes` event carrying a document with this id that also passes `check`. */
export async function waitForDoc<C extends ReplicatedCollection>(
  reader: SseReader,
  collection: C,
  id: string,
  check: (doc: Doc<C>) => boolean = () => true,
  timeoutMs?: number,
): Promise<Doc<C>> {
  const matching = (event: SseEvent) => {
    const changes = asChanges(event);
    if (changes?.collection !== collection) return undefined;
    return (changes.documents as unknown as Doc<C>[]).find((doc) => doc.id === id && check(doc));
  };
  const event = await reader.waitFor((candidate) => matching(candidate) !== undefined, timeoutMs);
  const doc = matching(event);
  if (!doc) throw new Error('matched event lost its document');
  return doc;
}
