import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCacheStorage } from '../../../../main/services/cache/cache-storage';
import { type CacheDatabase, openCache } from '../../../../main/services/cache/open-cache';
import { inboxCounts } from '../../../../main/services/messaging/inbox-counts';
import { InboxService } from '../../../../main/services/messaging/inbox-service';
import type { OutboxService } from '../../../../main/services/messaging/outbox-service';
import { NotificationsService } from '../../../../main/services/requests/notifications-service';
import type { SessionUser } from '../../../../shared/domain/session';
import type { ClientDoc, NotificationDoc, ThreadDoc } from '../../../../shared/replication/documents';

/*
 * Issue 11, item 2: the Inbox badge showed 15 with 1 unread conversation and 7 unread
 * notifications, and the Unread tab said 8 over one row. The rule: the badge is unread
 * conversations plus unread notifications, each counted once, and every tab's count is its rows.
 */

const ME: SessionUser = {
  id: 'staff-me',
  agencyId: 'agency-1',
  agencyName: 'Harbor Light Outreach',
  username: 'casey',
  displayName: 'Casey Morgan',
  role: 'staff',
};
const OTHER_STAFF = 'staff-other';
const AT = '2026-03-02T10:00:00.000Z';

function client(id: string): ClientDoc {
  return {
    id,
    updatedAt: AT,
    serverSeq: 1,
    agencyId: ME.agencyId,
    firstName: 'Marcus',
    lastName: id,
    firstNameKey: 'marcus',
    lastNameKey: id,
    dateOfBirth: '1980-01-01',
    phone: '',
    email: '',
    photoFileId: '',
    shared: false,
    portalConnected: true,
  };
}

function thread(id: string, staffId: string, staffUnread: boolean): ThreadDoc {
  return {
    id,
    updatedAt: AT,
    serverSeq: 1,
    clientId: 'client-1',
    staffId,
    agencyId: ME.agencyId,
    private: false,
    startedBy: 'client',
    lastMessageAt: AT,
    lastMessagePreview: 'Hello',
    lastSenderKind: 'client',
    staffUnread,
  };
}

function notification(id: string, staffId: string, read: boolean): NotificationDoc {
  return {
    id,
    updatedAt: AT,
    serverSeq: 1,
    staffId,
    kind: 'request_fulfilled',
    clientId: 'client-1',
    requestId: '',
    recordId: '',
    title: 'Request fulfilled',
    body: '',
    createdAt: AT,
    read,
  };
}

describe('the Inbox counts', () => {
  let dir: string;
  let db: CacheDatabase;
  let inbox: InboxService;
  let notifications: NotificationsService;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'portico-inbox-counts-'));
    db = await openCache(createCacheStorage(dir)('test-key'), ME.id);
    await db.clients.insert(client('client-1'));
    const noEdits = async () => undefined;
    inbox = new InboxService(db, ME, {} as OutboxService, noEdits);
    notifications = new NotificationsService(db, ME, noEdits);
  });

  afterEach(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** What each tab lists: the Unread tab's rows, and the Notifications tab's unread rows. */
  async function rows() {
    const unreadConversations = await inbox.list('unread', 500);
    const unreadNotifications = (await notifications.list(500)).filter((entry) => !entry.read);
    return { conversations: unreadConversations.length, notifications: unreadNotifications.length };
  }

  it('counts 1 unread conversation and 7 unread notifications as 8, each tab as its rows', async () => {
    await db.threads.bulkInsert([thread('t-unread', ME.id, true), thread('t-read', ME.id, false)]);
    await db.notifications.bulkInsert([
      ...Array.from({ length: 7 }, (_, n) => notification(`n-unread-${n}`, ME.id, false)),
      notification('n-read', ME.id, true),
    ]);

    const counts = await inboxCounts(inbox, notifications);

    expect(counts).toEqual({ conversations: 1, notifications: 7, total: 8 });
    expect(await rows()).toEqual({
      conversations: counts.conversations,
      notifications: counts.notifications,
    });
  });

  it('counts only the viewer’s own unread items', async () => {
    await db.threads.bulkInsert([thread('t-mine', ME.id, true), thread('t-theirs', OTHER_STAFF, true)]);
    await db.notifications.bulkInsert([
      notification('n-mine', ME.id, false),
      notification('n-theirs', OTHER_STAFF, false),
    ]);

    const counts = await inboxCounts(inbox, notifications);

    expect(counts).toEqual({ conversations: 1, notifications: 1, total: 2 });
    expect(await rows()).toEqual({ conversations: 1, notifications: 1 });
  });

  it('follows Mark as read and unread in both kinds', async () => {
    await db.threads.bulkInsert([thread('t-1', ME.id, true), thread('t-2', ME.id, true)]);
    await db.notifications.bulkInsert([notification('n-1', ME.id, false), notification('n-2', ME.id, false)]);

    await inbox.mark(['t-1'], true);
    await notifications.mark(['n-1', 'n-2'], true);
    expect(await inboxCounts(inbox, notifications)).toEqual({ conversations: 1, notifications: 0, total: 1 });

    await notifications.mark(['n-2'], false);
    expect(await inboxCounts(inbox, notifications)).toEqual({ conversations: 1, notifications: 1, total: 2 });
    expect(await rows()).toEqual({ conversations: 1, notifications: 1 });
  });

  it('is nothing at all in an empty Inbox', async () => {
    expect(await inboxCounts(inbox, notifications)).toEqual({ conversations: 0, notifications: 0, total: 0 });
  });
});
