import { fullName } from '../../../../shared/domain/names';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { Icon } from '../../components/Icon';
import { type Route, useNavigationStore } from '../../stores/navigation-store';
import { useProfileStore } from '../../stores/profile-store';
import { useThreadStore } from '../../stores/thread-store';

/**
 * Where the person is, kept in view while the page scrolls. Plain text, not links: the rail and
 * the page's own back link already navigate, and duplicate links only add tab stops.
 */
export function TopBarTrail() {
  const route = useNavigationStore((state) => state.route);
  const clientId = route.name === 'client' || route.name === 'customer-portal' ? route.clientId : null;
  const client = useProfileStore((state) =>
    clientId && state.clientId === clientId ? (state.profile?.client ?? null) : null,
  );
  const threadClient = useThreadStore((state) =>
    route.name === 'thread' && state.threadId === route.threadId
      ? (state.thread?.entry.clientName ?? null)
      : null,
  );
  const steps = trail(route, client ? fullName(client) : null, threadClient);
  return (
    <p className="topbar__trail">
      {steps.map((step, index) => (
        <span key={step} className="topbar__step">
          {index > 0 && <Icon name="chevronRight" size={16} className="topbar__sep" />}
          <span className={index === steps.length - 1 ? 'topbar__here' : undefined}>{step}</span>
        </span>
      ))}
    </p>
  );
}

const INBOX_TRAIL = { unread: 'Unread', read: PRODUCT_TEXTS.readMessages, notifications: 'Notifications' };

function trail(route: Route, clientName: string | null, threadClient: string | null): string[] {
  switch (route.name) {
    case 'client':
      return ['Clients', clientName ?? 'Client record'];
    case 'customer-portal':
      return ['Clients', clientName ?? 'Client record', PRODUCT_TEXTS.customerPortal];
    case 'inbox':
      return ['Inbox', INBOX_TRAIL[route.box]];
    case 'thread':
      return [route.origin.from === 'client' ? 'Clients' : 'Inbox', threadClient ?? 'Conversation'];
    case 'my-info':
      return [PRODUCT_TEXTS.myInfo];
    case 'mass-send':
      return ['Mass sending'];
    case 'mass-send-job':
      return ['Mass sending', 'Results'];
    case 'audit':
      return ['Audit log'];
    case 'agency-settings':
      return ['Agency settings'];
    default:
      return ['Clients'];
  }
}
