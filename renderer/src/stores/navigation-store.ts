import { create } from 'zustand';
import type { RecordKind } from '../../../shared/domain/requests';

/*
 * Routes live in the URL hash: it works the same under Electron's file:// and the browser
 * host's http://, survives a reload, and lets the browser's Back button work in the web build.
 */
export type InboxBox = 'unread' | 'read';

/** What the Inbox shows: a box of conversations, or the notifications about fulfilled requests. */
export type InboxView = InboxBox | 'notifications';

/** Where a conversation was opened from, so Back returns there and the rail highlights it. */
export type ThreadOrigin = { from: 'inbox' } | { from: 'client'; clientId: string };

/** The profile's tabs, in the reference product's order; each is also a route segment. */
export const PROFILE_TABS = ['messages', 'portal', 'documents', 'assessments', 'location', 'roi'] as const;
export type ProfileTab = (typeof PROFILE_TABS)[number];

/** The tab a record of each kind lands on. */
export const TAB_OF_KIND: Record<RecordKind, ProfileTab> = {
  document: 'documents',
  assessment: 'assessments',
  location: 'location',
  roi: 'roi',
};

export type Route =
  | { name: 'clients' }
  /** `recordId`: a record to scroll to and highlight on that tab (from a notification). */
  | { name: 'client'; clientId: string; tab?: ProfileTab; recordId?: string }
  | { name: 'customer-portal'; clientId: string }
  | { name: 'inbox'; box: InboxView }
  | { name: 'thread'; threadId: string; origin: ThreadOrigin }
  | { name: 'my-info' }
  | { name: 'mass-send' }
  /** The agency's audit log (agency and system admins). */
  | { name: 'audit' }
  /** The agency's Customer Portal preferences: nudge quiet hours, staff names (agency admins). */
  | { name: 'agency-settings' }
  /** One mass send's progress and per-client results. */
  | { name: 'mass-send-job'; jobId: string };

/** The CUSTOMER PORTAL page's segment; not a tab name, so the two never collide. */
const CUSTOMER_PORTAL_SEGMENT = 'customer-portal';
const MASS_SEND_SEGMENT = 'mass-sending';

function isProfileTab(value: string | undefined): value is ProfileTab {
  return (PROFILE_TABS as readonly string[]).includes(value ?? '');
}

export function parseHash(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .map((part) => decodeURIComponent(part));
  const [section, first, second, third] = parts;
  if (section === 'clients' && first) {
    if (second === 'threads' && third) {
      return { name: 'thread', threadId: third, origin: { from: 'client', clientId: first } };
    }
    if (second === CUSTOMER_PORTAL_SEGMENT) return { name: 'customer-portal', clientId: first };
    if (isProfileTab(second)) {
      return third
        ? { name: 'client', clientId: first, tab: second, recordId: third }
        : { name: 'client', clientId: first, tab: second };
    }
    return { name: 'client', clientId: first };
  }
  if (section === 'inbox') {
    if (first === 'threads' && second) return { name: 'thread', threadId: second, origin: { from: 'inbox' } };
    if (first === 'notifications') return { name: 'inbox', box: 'notifications' };
    return { name: 'inbox', box: first === 'read' ? 'read' : 'unread' };
  }
  if (section === 'my-info') return { name: 'my-info' };
  if (section === 'audit') return { name: 'audit' };
  if (section === 'agency-settings') return { name: 'agency-settings' };
  if (section === MASS_SEND_SEGMENT) {
    return first ? { name: 'mass-send-job', jobId: first } : { name: 'mass-send' };
  }
  return { name: 'clients' };
}

export function routeHash(route: Route): string {
  switch (route.name) {
    case 'client': {
      const base = `#/clients/${encodeURIComponent(route.clientId)}`;
      if (!route.tab) return base;
      const tab = `${base}/${route.tab}`;
      return route.recordId ? `${tab}/${encodeURIComponent(route.recordId)}` : tab;
    }
    case 'customer-portal':
      return `#/clients/${encodeURIComponent(route.clientId)}/${CUSTOMER_PORTAL_SEGMENT}`;
    case 'inbox':
      return route.box === 'unread' ? '#/inbox' : `#/inbox/${route.box}`;
    case 'thread': {
      const thread = `threads/${encodeURIComponent(route.threadId)}`;
      return route.origin.from === 'client'
        ? `#/clients/${encodeURIComponent(route.origin.clientId)}/${thread}`
        : `#/inbox/${thread}`;
    }
    case 'my-info':
      return '#/my-info';
    case 'audit':
      return '#/audit';
    case 'agency-settings':
      return '#/agency-settings';
    case 'mass-send':
      return `#/${MASS_SEND_SEGMENT}`;
    case 'mass-send-job':
      return `#/${MASS_SEND_SEGMENT}/${encodeURIComponent(route.jobId)}`;
    default:
      return '#/clients';
  }
}

interface NavigationState {
  route: Route;
  /**
   * `replace`: change the address without a new history entry, for moves within a page (a profile
   * tab) that Back should not step through one by one.
   */
  navigate(route: Route, options?: { replace?: boolean }): void;
}

export const useNavigationStore = create<NavigationState>()((set) => ({
  route: parseHash(window.location.hash),
  navigate(route, options) {
    const hash = routeHash(route);
    if (window.location.hash !== hash) {
      // replaceState fires no hashchange, so the store is set below either way.
      if (options?.replace) window.history.replaceState(window.history.state, '', hash);
      else window.location.hash = hash;
    }
    set({ route });
  },
}));

window.addEventListener('hashchange', () => {
  useNavigationStore.setState({ route: parseHash(window.location.hash) });
});
