import type { DraftView } from '../../../shared/domain/messaging';
import type { RichTextDocument } from '../../../shared/rich-text/model';
import type { DraftDoc } from '../cache/local-schemas';
import type { CacheDatabase } from '../cache/open-cache';

/**
 * Messages being written, saved to the cache as the person types (the editor saves at most a
 * second behind), so a crash or a dead battery loses nothing. A draft stays until it is sent or
 * discarded.
 */
export class DraftsService {
  constructor(private readonly db: CacheDatabase) {}

  async get(key: string): Promise<DraftView | null> {
    const doc = await this.db.drafts.findOne(key).exec();
    if (!doc) return null;
    const draft = doc.toJSON() as DraftDoc;
    return {
      key: draft.id,
      clientId: draft.clientId,
      threadId: draft.threadId,
      content: draft.content,
      updatedAt: draft.updatedAt,
    };
  }

  async save(
    key: string,
    clientId: string,
    threadId: string | null,
    content: RichTextDocument,
  ): Promise<void> {
    await this.db.drafts.upsert({
      id: key,
      clientId,
      threadId: threadId ?? '',
      content,
      updatedAt: new Date().toISOString(),
    });
  }

  async discard(key: string): Promise<void> {
    const doc = await this.db.drafts.findOne(key).exec();
    await doc?.remove();
  }
}
