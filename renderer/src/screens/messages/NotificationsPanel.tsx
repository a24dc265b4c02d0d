import { type KeyboardEvent, useEffect } from 'react';
import type { StaffNotificationView } from '../../../../shared/domain/requests';
import { EmptyState } from '../../components/EmptyState';
import { useNow } from '../../lib/use-now';
import { TAB_OF_KIND, useNavigationStore } from '../../stores/navigation-store';
import { useNotificationsStore } from '../../stores/notifications-store';
import { BulkBar } from './BulkBar';
import { NotificationRow } from './NotificationRow';

/** Up and Down move between rows on the same control, as in the conversation lists. */
function onRowKeys(event: KeyboardEvent<HTMLUListElement>): void {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key)) return;
  const target = event.target as HTMLElement;
  const control = target.dataset.rowControl;
  if (!control) return;
  const all = Array.from(
    event.currentTarget.querySelectorAll<HTMLElement>(`[data-row-control="${control}"]`),
  );
  const index = all.indexOf(target);
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? all.length - 1
        : index + (event.key === 'ArrowDown' ? 1 : -1);
  const element = all[next];
  if (!element) return;
  event.preventDefault();
  element.focus();
  element.scrollIntoView({ block: 'nearest' });
}

/** The Inbox's Notifications: a client fulfilled one of the viewer's Customer Portal requests. */
export function NotificationsPanel() {
  const load = useNotificationsStore((state) => state.load);
  const entries = useNotificationsStore((state) => state.entries);
  const status = useNotificationsStore((state) => state.status);
  const error = useNotificationsStore((state) => state.error);
  const selected = useNotificationsStore((state) => state.selected);
  const setSelected = useNotificationsStore((state) => state.setSelected);
  const selectAll = useNotificationsStore((state) => state.selectAll);
  const mark = useNotificationsStore((state) => state.mark);
  const marking = useNotificationsStore((state) => state.marking);
  const markError = useNotificationsStore((state) => state.markError);
  const navigate = useNavigationStore((state) => state.navigate);
  const now = useNow();

  useEffect(() => {
    void load();
  }, [load]);

  const open = (entry: StaffNotificationView) => {
    if (!entry.read) void mark([entry.id], true);
    // A change that did not stay opens the client's profile, where the value that stayed shows.
    if (entry.kind === 'client_edit_lost') return navigate({ name: 'client', clientId: entry.clientId });
    navigate(
      entry.recordKind
        ? {
            name: 'client',
            clientId: entry.clientId,
            tab: TAB_OF_KIND[entry.recordKind],
            recordId: entry.recordId,
          }
        : { name: 'client', clientId: entry.clientId, tab: 'portal' },
    );
  };

  if (status === 'error') {
    return (
      <EmptyState icon="warning" title="Notifications could not be loaded" tone="danger">
        <p>{error}</p>
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          Try again
        </button>
      </EmptyState>
    );
  }
  if (status !== 'ready') {
    return (
      <ul className="skeleton-list" aria-busy="true" aria-label="Loading notifications">
        {[0, 1, 2].map((n) => (
          <li key={n} className="skeleton-row skeleton-row--thread">
            <span className="skeleton skeleton--circle" />
            <span className="skeleton skeleton--line" />
            <span className="skeleton skeleton--short" />
          </li>
        ))}
      </ul>
    );
  }
  if (entries.length === 0) {
    return (
      <EmptyState icon="bell" title="No notifications">
        <p>When a client answers a request you sent through the Customer Portal, you are told here.</p>
      </EmptyState>
    );
  }
  const chosen = entries.filter((entry) => selected.includes(entry.id));
  return (
    <>
      <BulkBar
        total={entries.length}
        selectedCount={chosen.length}
        anyUnread={chosen.some((entry) => !entry.read)}
        anyRead={chosen.some((entry) => entry.read)}
        marking={marking}
        error={markError}
        onSelectAll={selectAll}
        onMark={(read) =>
          void mark(
            chosen.map((entry) => entry.id),
            read,
          )
        }
      />
      <ul className="thread-list" aria-label="Notifications" onKeyDown={onRowKeys}>
        {entries.map((entry) => (
          <li key={entry.id}>
            <NotificationRow
              entry={entry}
              now={now}
              selected={selected.includes(entry.id)}
              onSelect={(value) => setSelected(entry.id, value)}
              onOpen={() => open(entry)}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
