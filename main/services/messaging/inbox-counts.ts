import type { InboxCounts } from '../../../shared/domain/messaging';
import type { NotificationsService } from '../requests/notifications-service';
import type { InboxService } from './inbox-service';

/**
 * The Inbox's counts, the one place they are made: unread conversations (the Unread tab's rows)
 * and unread notifications (the Notifications tab's unread rows), each counted once, and the badge
 * as their sum. The renderer shows these numbers and adds nothing, so no count can be taken twice.
 */
export async function inboxCounts(
  inbox: Pick<InboxService, 'unreadCount'>,
  notifications: Pick<NotificationsService, 'unreadCount'>,
): Promise<InboxCounts> {
  const [conversations, unreadNotifications] = await Promise.all([
    inbox.unreadCount(),
    notifications.unreadCount(),
  ]);
  return {
    conversations,
    notifications: unreadNotifications,
    total: conversations + unreadNotifications,
  };
}
