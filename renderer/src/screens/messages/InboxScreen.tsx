import { type KeyboardEvent, useEffect, useRef } from 'react';
import { PRODUCT_TEXTS } from '../../../../shared/text/product-texts';
import { Icon, type IconName } from '../../components/Icon';
import { useInboxStore } from '../../stores/inbox-store';
import { type InboxView, useNavigationStore } from '../../stores/navigation-store';
import { ConversationsPanel } from './ConversationsPanel';
import { NotificationsPanel } from './NotificationsPanel';

const VIEWS: { box: InboxView; label: string; icon: IconName }[] = [
  { box: 'unread', label: 'Unread', icon: 'inbox' },
  { box: 'read', label: PRODUCT_TEXTS.readMessages, icon: 'mailOpen' },
  { box: 'notifications', label: 'Notifications', icon: 'bell' },
];

/**
 * The Inbox: Customer Portal conversations, in Unread and Read Messages as in the reference
 * product, and Notifications when a client fulfils a request the viewer sent.
 */
export function InboxScreen({ box }: { box: InboxView }) {
  const counts = useInboxStore((state) => state.counts);
  const navigate = useNavigationStore((state) => state.navigate);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const show = (index: number) => {
    const next = VIEWS[(index + VIEWS.length) % VIEWS.length];
    if (!next) return;
    navigate({ name: 'inbox', box: next.box });
    tabRefs.current[VIEWS.indexOf(next)]?.focus();
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = VIEWS.findIndex((entry) => entry.box === box);
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: VIEWS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    show(target);
  };

  // Each tab's count is its unread rows: conversations in Unread, notifications in Notifications.
  const badgeOf = (view: InboxView): number => {
    if (view === 'unread') return counts?.conversations ?? 0;
    if (view === 'notifications') return counts?.notifications ?? 0;
    return 0;
  };

  return (
    <div className="page page--inbox">
      <div className="page__header">
        <div>
          <h1 ref={headingRef} className="page__title" tabIndex={-1}>
            Inbox
          </h1>
          <p className="page__subtitle">
            Messages with your clients through the Customer Portal, and notifications when a client answers
            one of your requests or a change of yours to a client was not kept.
          </p>
        </div>
      </div>
      <div className="card inbox">
        <div role="tablist" aria-label="Inbox" className="tabs" onKeyDown={onTabKey}>
          {VIEWS.map((entry, index) => {
            const badge = badgeOf(entry.box);
            return (
              <button
                key={entry.box}
                ref={(element) => {
                  tabRefs.current[index] = element;
                }}
                type="button"
                role="tab"
                id={`inbox-tab-${entry.box}`}
                aria-selected={entry.box === box}
                aria-controls="inbox-panel"
                tabIndex={entry.box === box ? 0 : -1}
                className="tabs__tab"
                onClick={() => navigate({ name: 'inbox', box: entry.box })}
              >
                <Icon name={entry.icon} size={17} />
                {entry.label}
                {badge > 0 && <span className="count-badge">{badge}</span>}
              </button>
            );
          })}
        </div>
        <div role="tabpanel" id="inbox-panel" aria-labelledby={`inbox-tab-${box}`} className="inbox__panel">
          {box === 'notifications' ? <NotificationsPanel /> : <ConversationsPanel box={box} />}
        </div>
      </div>
    </div>
  );
}
