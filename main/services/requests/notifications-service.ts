import type { MangoQuerySortPart } from 'rxdb';
import { BridgeError } from '../../../shared/bridge/envelope';
import type { StaffNotificationView } from '../../../shared/domain/requests';
import type { SessionUser } from '../../../shared/domain/session';
import type { NotificationDoc, RecordDoc } from '../../../shared/replication/documents';
import type { CacheDatabase } from '../cache/open-cache';
import { clientNames } from './directory-names';

const NEWEST_FIRST: MangoQuerySortPart<NotificationDoc>[] = [{ createdAt: 'desc' }, { id: 'desc' }];

/** Inbox notifications (a request fulfilled, a change not kept), for the signed-in staff member only. */
export class NotificationsService {
  constructor(
    private readonly db: CacheDatabase,
    private readonly user: SessionUser,
    private readonly onLocalEdit: (notificationId: string) => Promise<void>,
  ) {}

  async list(limit: number): Promise<StaffNotificationView[]> {
    const docs = (
      await this.db.notifications
        .find({ selector: { staffId: this.user.id }, sort: NEWEST_FIRST, limit })
        .exec()
    ).map((doc) => doc.toJSON() as NotificationDoc);
    const names = await clientNames(
      this.db,
      docs.map((doc) => doc.clientId),
    );
    const records = await this.db.records.findByIds(docs.map((doc) => doc.recordId).filter(Boolean)).exec();
    return docs.map((doc) => ({
      id: doc.id,
      kind: doc.kind,
      title: doc.title,
      body: doc.body,
      createdAt: doc.createdAt,
      read: doc.read,
      clientId: doc.clientId,
      clientName: names.get(doc.clientId) ?? 'A client you no longer have access to',
      clientAvailable: names.has(doc.clientId),
      recordId: doc.recordId,
      recordKind: (records.get(doc.recordId)?.toJSON() as RecordDoc | undefined)?.kind ?? null,
    }));
  }

  unreadCount(): Promise<number> {
    return this.db.notifications.count({ selector: { staffId: this.user.id, read: false } }).exec();
  }

  async mark(ids: string[], read: boolean): Promise<void> {
    const docs = await this.db.notifications.findByIds(ids).exec();
    for (const id of ids) {
      const doc = docs.get(id);
      if (!doc) throw new BridgeError('not_found', 'That notification is no longer on this computer.');
      if (doc.staffId !== this.user.id)
        throw new BridgeError('forbidden', 'Only your own notifications can be marked.');
    }
    for (const doc of docs.values()) {
      if (doc.read === read) continue;
      await this.onLocalEdit(doc.id);
      await doc.incrementalPatch({ read });
    }
  }
}
