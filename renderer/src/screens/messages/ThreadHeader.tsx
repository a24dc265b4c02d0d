import type { InboxEntry } from '../../../../shared/domain/messaging';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { Avatar } from '../../components/Avatar';
import { Icon } from '../../components/Icon';
import { routeHash, type ThreadOrigin } from '../../stores/navigation-store';

function personOf(name: string): { firstName: string; lastName: string } {
  const [firstName = '', ...rest] = name.trim().split(/\s+/);
  return { firstName, lastName: rest.join(' ') };
}

/** Whose conversation this is, with the PORTAL label and a way to the client's record. */
export function ThreadHeader({ entry, origin }: { entry: InboxEntry; origin: ThreadOrigin }) {
  return (
    <header className="thread-header">
      <Avatar person={personOf(entry.clientName)} photoFileId={entry.clientPhotoFileId} size="md" />
      <div className="thread-header__text">
        <h1 className="thread-header__title">
          {entry.clientName}
          <span className="label-portal">{PRODUCT_TEXTS.portalLabel}</span>
        </h1>
        <p className="thread-header__meta">
          Customer Portal conversation with {entry.staffName}
          {entry.private && (
            <span className="badge badge--private">
              <Icon name="lock" size={12} />
              Private to {entry.staffName}’s agency
            </span>
          )}
        </p>
      </div>
      {origin.from === 'inbox' && (
        <a
          className="button button--secondary button--sm"
          href={routeHash({ name: 'client', clientId: entry.clientId })}
        >
          <Icon name="clients" size={16} />
          Open client record
        </a>
      )}
    </header>
  );
}
