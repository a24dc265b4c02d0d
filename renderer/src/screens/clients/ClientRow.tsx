import { forwardRef, type KeyboardEvent, useId } from 'react';
import { ageFromDateOfBirth } from '../../../../shared/domain/dates';
import type { ClientSummary } from '../../../../shared/domain/views';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { formatCalendarDate, listName } from '../../lib/format';
import { routeHash } from '../../stores/navigation-store';

interface ClientRowProps {
  client: ClientSummary;
  now: Date;
  onOpen(): void;
  onKeyDown(event: KeyboardEvent<HTMLAnchorElement>): void;
  onFocus(): void;
  tabIndex: number;
}

/**
 * One result. A real link (Enter and click open it natively); its accessible name is the
 * visible facts in reading order, without repeating the photo's alt text.
 */
export const ClientRow = forwardRef<HTMLAnchorElement, ClientRowProps>(function ClientRow(
  { client, now, onOpen, onKeyDown, onFocus, tabIndex },
  ref,
) {
  const id = useId();
  const age = ageFromDateOfBirth(client.dateOfBirth, now);
  const labelledBy = [`${id}-name`, `${id}-dob`, `${id}-agency`, client.shared ? '' : `${id}-badge`]
    .filter(Boolean)
    .join(' ');
  return (
    <a
      ref={ref}
      className="client-row"
      href={routeHash({ name: 'client', clientId: client.id })}
      aria-labelledby={labelledBy}
      tabIndex={tabIndex}
      onClick={onOpen}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <span className="client-row__person">
        <Avatar person={client} photoFileId={client.photoFileId} size="sm" />
        <span id={`${id}-name`} className="client-row__name">
          {listName(client)}
        </span>
      </span>
      <span id={`${id}-dob`} className="client-row__dob">
        <span className="visually-hidden">Born </span>
        {formatCalendarDate(client.dateOfBirth)}
        {age !== undefined && <span className="client-row__age"> · age {age}</span>}
      </span>
      <span id={`${id}-agency`} className="client-row__agency">
        {client.agencyName}
      </span>
      <span className="client-row__sharing">
        {!client.shared && (
          <span id={`${id}-badge`} className="badge badge--private">
            <Icon name="lock" size={13} />
            Not shared
          </span>
        )}
      </span>
      <Icon name="chevronRight" size={18} className="client-row__chevron" />
    </a>
  );
});
