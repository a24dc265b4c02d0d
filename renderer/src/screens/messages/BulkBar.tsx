import { useEffect, useRef } from 'react';
import { Icon } from '../../components/Icon';

interface BulkBarProps {
  /** Rows in the list, and how many of them are ticked. */
  total: number;
  selectedCount: number;
  /** Whether any ticked row is unread (Mark as read does something) or read (Mark as unread does). */
  anyUnread: boolean;
  anyRead: boolean;
  marking: boolean;
  error: string | null;
  onSelectAll(selected: boolean): void;
  onMark(read: boolean): void;
}

/** Select all, and Mark as read / Mark as unread for the ticked rows (conversations or notifications). */
export function BulkBar({
  total,
  selectedCount,
  anyUnread,
  anyRead,
  marking,
  error,
  onSelectAll,
  onMark,
}: BulkBarProps) {
  const allRef = useRef<HTMLInputElement>(null);
  const all = selectedCount === total && total > 0;
  const some = selectedCount > 0 && !all;

  // "Some ticked" is a third state a checkbox can only show through the DOM property.
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = some;
  }, [some]);

  return (
    <div className="bulk-bar">
      <label className="bulk-bar__all">
        <input
          ref={allRef}
          type="checkbox"
          className="checkbox"
          checked={all}
          onChange={(event) => onSelectAll(event.target.checked)}
        />
        <span>Select all</span>
      </label>
      <span className="bulk-bar__count" aria-live="polite">
        {selectedCount > 0 ? `${selectedCount} selected` : ''}
      </span>
      <div className="bulk-bar__actions">
        {error && (
          <p className="bulk-bar__error" role="alert">
            <Icon name="warning" size={16} />
            {error}
          </p>
        )}
        <button
          type="button"
          className="button button--secondary button--sm"
          disabled={marking || !anyUnread}
          onClick={() => onMark(true)}
        >
          <Icon name="mailOpen" size={16} />
          Mark as read
        </button>
        <button
          type="button"
          className="button button--secondary button--sm"
          disabled={marking || !anyRead}
          onClick={() => onMark(false)}
        >
          <Icon name="inbox" size={16} />
          Mark as unread
        </button>
      </div>
    </div>
  );
}
