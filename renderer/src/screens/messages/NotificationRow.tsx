import { useId } from 'react';
import type { StaffNotificationView } from '../../../../shared/domain/requests';
import { Icon, type IconName } from '../../components/Icon';
import { formatRelativeTime } from '../../lib/format';

const KIND_ICONS: Record<NonNullable<StaffNotificationView['recordKind']>, IconName> = {
  document: 'document',
  assessment: 'assessment',
  location: 'location',
  roi: 'shield',
};

interface NotificationRowProps {
  entry: StaffNotificationView;
  now: Date;
  selected: boolean;
  onSelect(selected: boolean): void;
  onOpen(): void;
}

/**
 * One notification: what happened, for which client, when. "Open" shows the record on the
 * client's profile; clicking anywhere else on the row does too.
 */
export function NotificationRow({ entry, now, selected, onSelect, onOpen }: NotificationRowProps) {
  const id = useId();
  const unread = !entry.read;
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a mouse shortcut only; the row's Open button is the keyboard way in.
    // biome-ignore lint/a11y/noStaticElementInteractions: same: the click only saves aiming at the Open button.
    <div
      className={`thread-row notification-row${unread ? ' thread-row--unread' : ''}${selected ? ' thread-row--selected' : ''}`}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button, input, a, label')) return;
        if (entry.clientAvailable) onOpen();
      }}
    >
      <span className="thread-row__select">
        <input
          id={`${id}-select`}
          type="checkbox"
          className="checkbox"
          data-row-control="select"
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
        <label htmlFor={`${id}-select`} className="visually-hidden">
          Select notification: {entry.title}
        </label>
      </span>
      <span className={`notification-row__icon${unread ? ' notification-row__icon--unread' : ''}`}>
        <Icon
          name={
            entry.kind === 'client_edit_lost'
              ? 'warning'
              : entry.recordKind
                ? KIND_ICONS[entry.recordKind]
                : 'bell'
          }
          size={19}
        />
      </span>
      <div className="thread-row__main">
        <p className="thread-row__top">
          {unread && <span className="thread-row__dot" aria-hidden="true" />}
          <span className="thread-row__name">{entry.title}</span>
          {unread && <span className="visually-hidden">, unread</span>}
        </p>
        <p className="thread-row__staff">{entry.clientName}</p>
        {entry.body && (
          <p
            className={`thread-row__preview${entry.kind === 'client_edit_lost' ? ' thread-row__preview--whole' : ''}`}
          >
            {entry.body}
          </p>
        )}
      </div>
      <time
        className="thread-row__time"
        dateTime={entry.createdAt}
        title={new Date(entry.createdAt).toLocaleString()}
      >
        {formatRelativeTime(entry.createdAt, now)}
      </time>
      {/* A client who left this staff member's sight has no profile here to open. */}
      {entry.clientAvailable ? (
        <button
          type="button"
          className="icon-button thread-row__read"
          aria-label="Open"
          title={
            entry.kind === 'client_edit_lost'
              ? `Open ${entry.clientName}’s profile`
              : `Open the record on ${entry.clientName}’s profile`
          }
          data-row-control="open"
          onClick={onOpen}
        >
          <Icon name="chevronRight" size={20} />
        </button>
      ) : (
        <span className="thread-row__read" aria-hidden="true" />
      )}
    </div>
  );
}
