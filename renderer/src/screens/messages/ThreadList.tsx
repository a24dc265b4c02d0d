import type { KeyboardEvent } from 'react';
import type { InboxEntry } from '../../../../shared/domain/messaging';
import { useNow } from '../../lib/use-now';
import { useSessionStore } from '../../stores/session-store';
import { ThreadRow } from './ThreadRow';

interface ThreadListProps {
  label: string;
  entries: InboxEntry[];
  showStaff: boolean;
  selected?: string[];
  onSelect?(threadId: string, selected: boolean): void;
  onOpen(entry: InboxEntry): void;
}

/**
 * Conversations, newest first. Up and Down move between rows, keeping to the same control
 * (checkbox or Read), so a long Inbox can be worked through without Tab through every row.
 */
export function ThreadList({ label, entries, showStaff, selected, onSelect, onOpen }: ThreadListProps) {
  const now = useNow();
  const viewerId = useSessionStore((state) => state.session?.user.id ?? '');

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
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
  };

  return (
    <ul className="thread-list" aria-label={label} onKeyDown={onKeyDown}>
      {entries.map((entry) => (
        <li key={entry.threadId}>
          <ThreadRow
            entry={entry}
            now={now}
            viewerId={viewerId}
            showStaff={showStaff}
            selection={
              onSelect
                ? {
                    selected: selected?.includes(entry.threadId) ?? false,
                    onChange: (value) => onSelect(entry.threadId, value),
                  }
                : undefined
            }
            onOpen={() => onOpen(entry)}
          />
        </li>
      ))}
    </ul>
  );
}
