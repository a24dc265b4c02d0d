import { useId } from 'react';
import type { InboxEntry } from '../../../../shared/domain/messaging';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { formatRelativeTime } from '../../lib/format';

interface ThreadRowProps {
  entry: InboxEntry;
  now: Date;
  /** The signed-in staff member, so their own last message reads "You". */
  viewerId: string;
  /** On a client's Messages tab, whose conversation it is matters; in one's own Inbox it does not. */
  showStaff: boolean;
  /** Present in the Inbox, where rows can be ticked for Mark as read / unread. */
  selection?: { selected: boolean; onChange(selected: boolean): void };
  onOpen(): void;
}

/** The client's name as the entry carries it, split for the Avatar's initials. */
function personOf(entry: InboxEntry): { firstName: string; lastName: string } {
  const [firstName = '', ...rest] = entry.clientName.trim().split(/\s+/);
  return { firstName, lastName: rest.join(' ') };
}

function lastWriter(entry: InboxEntry, viewerId: string): string {
  if (entry.lastSenderKind === 'staff' && entry.staffId === viewerId) return 'You';
  return entry.senderName;
}

/**
 * One conversation in a list: who, who wrote last, the first words, when, and the PORTAL label of
 * the reference product. "Read" opens it; clicking anywhere else on the row does too.
 */
export function ThreadRow({ entry, now, viewerId, showStaff, selection, onOpen }: ThreadRowProps) {
  const id = useId();
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a mouse shortcut only; the row's Read button is the keyboard way in.
    // biome-ignore lint/a11y/noStaticElementInteractions: same: the click only saves aiming at the Read button.
    <div
      className={`thread-row${entry.unread ? ' thread-row--unread' : ''}${selection?.selected ? ' thread-row--selected' : ''}`}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('button, input, a, label')) return;
        onOpen();
      }}
    >
      {selection && (
        <span className="thread-row__select">
          <input
            id={`${id}-select`}
            type="checkbox"
            className="checkbox"
            data-row-control="select"
            checked={selection.selected}
            onChange={(event) => selection.onChange(event.target.checked)}
          />
          <label htmlFor={`${id}-select`} className="visually-hidden">
            Select conversation with {entry.clientName}
          </label>
        </span>
      )}
      <Avatar person={personOf(entry)} photoFileId={entry.clientPhotoFileId} size="sm" />
      <div className="thread-row__main">
        <p className="thread-row__top">
          {entry.unread && <span className="thread-row__dot" aria-hidden="true" />}
          <span className="thread-row__name">{entry.clientName}</span>
          <span className="label-portal">{PRODUCT_TEXTS.portalLabel}</span>
          {entry.unread && <span className="visually-hidden">, unread</span>}
          {entry.private && (
            <span className="badge badge--private">
              <Icon name="lock" size={12} />
              Private
            </span>
          )}
          {entry.undelivered && (
            <span
              className="pill pill--waiting thread-row__undelivered"
              title={`${entry.clientName} is not connected to the Customer Portal`}
            >
              <Icon name="clock" size={12} />
              Not delivered yet
              <span className="visually-hidden">
                : {entry.clientName} is not connected to the Customer Portal
              </span>
            </span>
          )}
        </p>
        {showStaff && (
          <p className="thread-row__staff">
            With {entry.staffName}
            {entry.staffId === viewerId && ' (you)'}
          </p>
        )}
        <p className="thread-row__preview">
          <span className="thread-row__writer">{lastWriter(entry, viewerId)}:</span> {entry.preview}
        </p>
      </div>
      <time
        className="thread-row__time"
        dateTime={entry.lastMessageAt}
        title={new Date(entry.lastMessageAt).toLocaleString()}
      >
        {formatRelativeTime(entry.lastMessageAt, now)}
      </time>
      <button
        type="button"
        className="icon-button thread-row__read"
        aria-label="Read"
        title={`Read the conversation with ${entry.clientName}`}
        data-row-control="read"
        onClick={onOpen}
      >
        <Icon name="mailOpen" size={20} />
      </button>
    </div>
  );
}
