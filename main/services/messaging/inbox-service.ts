import type { MangoQuerySortPart } from 'rxdb';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { InboxEntry, MessageView, ThreadView } from '../../../shared/domain/messaging';
import { fullName } from '../../../shared/domain/names';
import type { SessionUser } from '../../../shared/domain/session';
import type { ClientDoc, DirectoryDoc, ThreadDoc } from '../../../shared/replication/documents';
import type { CacheDatabase } from '../cache/open-cache';
import type { OutboxService } from './outbox-service';

const NEWEST_FIRST: MangoQuerySortPart<ThreadDoc>[] = [{ lastMessageAt: 'desc' }, { id: 'desc' }];

/** The Inbox and thread views, read from the local cache so they work offline. */
export class InboxService {
  constructor(
    private readonly db: CacheDatabase,
    private readonly user: SessionUser,
    private readonly outbox: OutboxService,
    private readonly onLocalEdit: (threadId: string) => Promise<void>,
  ) {}

  async list(box: 'unread' | 'read', limit: number): Promise<InboxEntry[]> {
    const threads = await this.db.threads
      .find({ selector: { staffId: this.user.id, staffUnread: box === 'unread' }, sort: NEWEST_FIRST, limit })
      .exec();
    return this.entries(threads.map((doc) => doc.toJSON() as ThreadDoc));
  }

  unreadCount(): Promise<number> {
    return this.db.threads.count({ selector: { staffId: this.user.id, staffUnread: true } }).exec();
  }

  /** Marks the viewer's own threads read or unread; the change syncs like any edit. */
  async mark(threadIds: string[], read: boolean): Promise<void> {
    const docs = await this.db.threads.findByIds(threadIds).exec();
    for (const id of threadIds) {
      const doc = docs.get(id);
      if (!doc) throw new BridgeError('not_found', 'That conversation is no longer on this computer.');
      if (doc.staffId !== this.user.id)
        throw new BridgeError('forbidden', 'Only your own conversations can be marked.');
    }
    for (const doc of docs.values()) {
      if (doc.staffUnread === !read) continue;
      await this.onLocalEdit(doc.id);
      await doc.incrementalPatch({ staffUnread: !read });
    }
  }

  async forClient(clientId: string): Promise<InboxEntry[]> {
    const threads = await this.db.threads.find({ selector: { clientId }, sort: NEWEST_FIRST }).exec();
    return this.entries(threads.map((doc) => doc.toJSON() as ThreadDoc));
  }

  async thread(threadId: string): Promise<ThreadView | null> {
    const doc = await this.db.threads.findOne(threadId).exec();
    if (!doc) return null;
    const thread = doc.toJSON() as ThreadDoc;
    const [entry] = await this.entries([thread]);
    if (!entry) return null;
    const messages = await this.db.messages
      .find({ selector: { threadId }, sort: [{ threadId: 'asc' }, { sentAt: 'asc' }, { id: 'asc' }] })
      .exec();
    const delivered = new Set(messages.map((message) => message.id));
    const names = await this.names(messages.map((message) => message.senderStaffId));
    const views: MessageView[] = messages.map((message) => ({
      id: message.id,
      senderKind: message.senderKind,
      senderName:
        message.senderKind === 'client'
          ? entry.clientName
          : (names.get(message.senderStaffId)?.name ?? 'Staff'),
      sentAt: message.sentAt,
      deliveredAt: message.deliveredAt || null,
      seenAt: message.seenAt || null,
      bodyHtml: message.bodyHtml,
    }));
    const mine = thread.staffId === this.user.id;
    const outbox = mine ? await this.outbox.messagesForThread(thread.id, thread.clientId) : [];
    return {
      entry,
      messages: views,
      outbox: outbox.filter((item) => !delivered.has(item.id)),
      canReply: mine,
    };
  }

  private async entries(threads: ThreadDoc[]): Promise<InboxEntry[]> {
    const clients = await this.db.clients.findByIds([...new Set(threads.map((t) => t.clientId))]).exec();
    const staff = await this.names(threads.map((t) => t.staffId));
    const undelivered = await this.undeliveredThreads(
      threads.filter((thread) => !clients.get(thread.clientId)?.portalConnected),
    );
    return threads.map((thread) => {
      const client = clients.get(thread.clientId)?.toJSON() as ClientDoc | undefined;
      const clientName = client ? fullName(client) : 'Client';
      const staffName = staff.get(thread.staffId)?.name ?? 'Staff';
      return {
        threadId: thread.id,
        clientId: thread.clientId,
        clientName,
        clientPhotoFileId: client?.photoFileId ?? '',
        staffId: thread.staffId,
        staffName,
        senderName: thread.lastSenderKind === 'client' ? clientName : staffName,
        lastSenderKind: thread.lastSenderKind,
        lastMessageAt: thread.lastMessageAt,
        preview: thread.lastMessagePreview,
        unread: thread.staffId === this.user.id && thread.staffUnread,
        private: thread.private,
        clientPortalConnected: client?.portalConnected ?? false,
        undelivered: undelivered.has(thread.id),
        label: 'PORTAL',
      };
    });
  }

  /**
   * Which of these threads hold a message still waiting for its client to connect. Only threads
   * of clients not connected now are asked: a client's joining delivers everything they had.
   */
  private async undeliveredThreads(threads: ThreadDoc[]): Promise<Set<string>> {
    const waiting = new Set<string>();
    for (const thread of threads) {
      const found = await this.db.messages
        .findOne({ selector: { threadId: thread.id, deliveredAt: '' } })
        .exec();
      if (found) waiting.add(thread.id);
    }
    return waiting;
  }

  private async names(ids: string[]): Promise<Map<string, DirectoryDoc>> {
    const docs = await this.db.directory.findByIds([...new Set(ids.filter(Boolean))]).exec();
    const names = new Map<string, DirectoryDoc>();
    for (const [id, doc] of docs) names.set(id, doc.toJSON() as DirectoryDoc);
    return names;
  }
}
