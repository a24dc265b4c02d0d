import type { Subscription } from 'rxjs';
import type { NavigationTarget } from '../../../shared/domain/messaging';
import type { NotificationDoc, RecordDoc, RequestDoc } from '../../../shared/replication/documents';
import type { CacheDatabase } from '../cache/open-cache';
import type { NotifierPort } from '../ports';

/**
 * An OS notification when a client fulfils one of the staff member's requests; clicking it opens
 * the record on the client's profile. Only notifications newer than `since` raise one.
 */
export class FulfilmentNotifier {
  private subscription: Subscription | undefined;

  constructor(
    private readonly db: CacheDatabase,
    private readonly staffId: string,
    private readonly notifier: NotifierPort,
    private readonly enabled: () => Promise<boolean>,
    private readonly navigate: (target: NavigationTarget) => void,
  ) {}

  start(since: string): void {
    this.subscription = this.db.notifications.insert$.subscribe((event) => {
      const notification = event.documentData as NotificationDoc;
      if (notification.staffId !== this.staffId || notification.read || notification.createdAt <= since)
        return;
      // Rewritten because the staff member no longer sees the client: no record to open, no pop-up.
      if (!notification.recordId) return;
      void this.show(notification);
    });
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }

  private async show(notification: NotificationDoc): Promise<void> {
    if (!(await this.enabled())) return;
    // A change that did not stay is about the client's profile, not about a record.
    const aboutRecord = notification.kind === 'request_fulfilled';
    this.notifier.show(
      {
        title: notification.title,
        body: notification.body,
        target: aboutRecord
          ? { kind: 'record', id: notification.recordId }
          : { kind: 'client', id: notification.clientId },
      },
      () =>
        aboutRecord
          ? void this.open(notification)
          : this.navigate({ to: 'client', clientId: notification.clientId }),
    );
  }

  /** The record may have synced after the notification; its kind picks the tab. */
  private async open(notification: NotificationDoc): Promise<void> {
    const record = (await this.db.records.findOne(notification.recordId).exec())?.toJSON() as
      | RecordDoc
      | undefined;
    const request = (await this.db.requests.findOne(notification.requestId).exec())?.toJSON() as
      | RequestDoc
      | undefined;
    const kind = record?.kind ?? request?.type ?? 'document';
    this.navigate({ to: 'record', clientId: notification.clientId, recordId: notification.recordId, kind });
  }
}
