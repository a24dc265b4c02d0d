import type { Subscription } from 'rxjs';
import type { NavigationTarget } from '../../../shared/domain/messaging';
import { fullName } from '../../../shared/domain/names';
import type { ThreadDoc } from '../../../shared/replication/documents';
import type { CacheDatabase } from '../cache/open-cache';
import type { NotifierPort } from '../ports';

/**
 * Raises an OS notification when a client writes to the signed-in staff member. It watches the
 * staff member's threads rather than messages, because a thread carries who it is with, the
 * preview and the unread flag together. Only messages newer than `since` (when this desktop was
 * last in step with the server) notify, so a first sync or a return from holiday is not a flood.
 */
export class ClientMessageNotifier {
  private subscription: Subscription | undefined;

  constructor(
    private readonly db: CacheDatabase,
    private readonly staffId: string,
    private readonly notifier: NotifierPort,
    private readonly enabled: () => Promise<boolean>,
    private readonly navigate: (target: NavigationTarget) => void,
  ) {}

  start(since: string): void {
    this.subscription = this.db.threads.$.subscribe((event) => {
      if (event.operation === 'DELETE') return;
      const thread = event.documentData as ThreadDoc;
      const before = event.previousDocumentData as ThreadDoc | undefined;
      const isNewClientMessage =
        thread.staffId === this.staffId &&
        thread.lastSenderKind === 'client' &&
        thread.staffUnread &&
        thread.lastMessageAt > since &&
        (!before || before.lastMessageAt !== thread.lastMessageAt);
      if (isNewClientMessage) void this.show(thread);
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  private async show(thread: ThreadDoc): Promise<void> {
    if (!(await this.enabled())) return;
    const client = await this.db.clients.findOne(thread.clientId).exec();
    const name = client ? fullName(client) : 'A client';
    this.notifier.show(
      {
        title: `New message from ${name}`,
        body: thread.lastMessagePreview,
        target: { kind: 'thread', id: thread.id },
      },
      () => this.navigate({ to: 'thread', threadId: thread.id }),
    );
  }
}
