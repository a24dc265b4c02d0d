import { Icon, type IconName } from '../../components/Icon';
import { LogoMark } from '../../components/LogoMark';
import { useInboxStore } from '../../stores/inbox-store';
import { type Route, useNavigationStore } from '../../stores/navigation-store';

type Section = 'clients' | 'inbox' | 'mass-send' | 'audit' | 'agency-settings';

interface NavItem {
  label: string;
  icon: IconName;
  href: string;
  section: Section;
}

/* Only features that exist get a place here: a link to a page not built yet is a dead end. */
const ITEMS: NavItem[] = [
  { label: 'Clients', icon: 'clients', href: '#/clients', section: 'clients' },
  { label: 'Inbox', icon: 'inbox', href: '#/inbox', section: 'inbox' },
  { label: 'Mass sending', icon: 'megaphone', href: '#/mass-sending', section: 'mass-send' },
];

/** Only agency and system admins read the audit log. */
const AUDIT_ITEM: NavItem = { label: 'Audit log', icon: 'shield', href: '#/audit', section: 'audit' };

/** Agency settings (nudge quiet hours, staff names on the portal's privacy page): admins only. */
const AGENCY_SETTINGS_ITEM: NavItem = {
  label: 'Agency settings',
  icon: 'portal',
  href: '#/agency-settings',
  section: 'agency-settings',
};

/** A profile is part of Clients; a conversation belongs to wherever it was opened from. */
function sectionOf(route: Route): Section | null {
  switch (route.name) {
    case 'clients':
    case 'client':
    case 'customer-portal':
      return 'clients';
    case 'inbox':
      return 'inbox';
    case 'thread':
      return route.origin.from === 'client' ? 'clients' : 'inbox';
    case 'mass-send':
    case 'mass-send-job':
      return 'mass-send';
    case 'audit':
      return 'audit';
    case 'agency-settings':
      return 'agency-settings';
    default:
      return null;
  }
}

export function NavRail({ showAudit }: { showAudit: boolean }) {
  const route = useNavigationStore((state) => state.route);
  // Unread conversations and unread notifications, each counted once, as main counts them.
  const unread = useInboxStore((state) => state.counts?.total ?? 0);
  const section = sectionOf(route);
  return (
    <nav className="rail" aria-label="Main">
      <a className="rail__brand" href="#/clients" aria-label="Portico, go to Clients">
        <LogoMark size={36} />
      </a>
      <ul className="rail__list">
        {(showAudit ? [...ITEMS, AUDIT_ITEM, AGENCY_SETTINGS_ITEM] : ITEMS).map((item) => {
          const badge = item.section === 'inbox' && unread > 0 ? unread : 0;
          return (
            <li key={item.section}>
              <a
                className="rail__item"
                href={item.href}
                aria-current={section === item.section ? 'page' : undefined}
                aria-label={badge > 0 ? `${item.label}, ${badge} unread` : undefined}
              >
                <span className="rail__icon">
                  <Icon name={item.icon} size={22} />
                  {badge > 0 && (
                    <span className="rail__badge" aria-hidden="true">
                      {badge > 99 ? '99+' : badge}
                    </span>
                  )}
                </span>
                <span className="rail__label">{item.label}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
