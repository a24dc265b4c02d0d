import type { ReactElement } from 'react';
import { AppShell, PublicShell, type Section } from './components/AppShell';
import { lazyPage, PageSlot } from './components/LazyPage';
import { Page } from './components/Page';
import { useI18n } from './i18n';
import { Link, match, useLocation } from './lib/router';
import { SignInPage } from './pages/SignInPage';
import { IdleWatcher } from './session/IdleWatcher';
import { useSession } from './session/session';

// Every visit starts on the sign-in page (or joining), so only it is in the first download; each
// other page is fetched when first opened.
const DashboardPage = lazyPage(() => import('./pages/DashboardPage').then((m) => m.DashboardPage));
const DocumentsPage = lazyPage(() => import('./pages/DocumentsPage').then((m) => m.DocumentsPage));
const JoinPage = lazyPage(() => import('./pages/JoinPage').then((m) => m.JoinPage));
const MessagesPage = lazyPage(() => import('./pages/MessagesPage').then((m) => m.MessagesPage));
const NewMessagePage = lazyPage(() => import('./pages/NewMessagePage').then((m) => m.NewMessagePage));
const RequestPage = lazyPage(() => import('./pages/RequestPage').then((m) => m.RequestPage));
const RequestsPage = lazyPage(() => import('./pages/RequestsPage').then((m) => m.RequestsPage));
const ThreadPage = lazyPage(() => import('./pages/ThreadPage').then((m) => m.ThreadPage));
const SettingsPage = lazyPage(() => import('./pages/SettingsPage').then((m) => m.SettingsPage));
const PrivacyPage = lazyPage(() => import('./pages/PrivacyPage').then((m) => m.PrivacyPage));
const UnsubscribePage = lazyPage(() => import('./pages/UnsubscribePage').then((m) => m.UnsubscribePage));

function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.text')}</p>
      <Link to="/" className="button button-secondary">
        {t('notFound.home')}
      </Link>
    </Page>
  );
}

/** The signed-in page for a path, and the section of the navigation it belongs to. */
function signedInPage(
  path: string,
  search: URLSearchParams,
): { section: Section | undefined; page: ReactElement } {
  if (path === '/' || path === '/sign-in') return { section: 'home', page: <DashboardPage /> };
  if (path === '/messages') return { section: 'messages', page: <MessagesPage /> };
  if (path === '/messages/new')
    return { section: 'messages', page: <NewMessagePage initialTo={search.get('to') ?? ''} /> };
  const thread = match('/messages/:id', path);
  if (thread?.id) return { section: 'messages', page: <ThreadPage key={thread.id} id={thread.id} /> };
  if (path === '/requests') return { section: 'requests', page: <RequestsPage /> };
  const request = match('/requests/:id', path);
  if (request?.id) return { section: 'requests', page: <RequestPage key={request.id} id={request.id} /> };
  if (path === '/documents') return { section: 'documents', page: <DocumentsPage /> };
  if (path === '/settings') return { section: 'settings', page: <SettingsPage /> };
  if (path === '/privacy') return { section: 'settings', page: <PrivacyPage /> };
  return { section: undefined, page: <NotFoundPage /> };
}

export function App() {
  const { state } = useSession();
  const { path, search } = useLocation();
  const normalized = path.length > 1 ? path.replace(/\/$/, '') : path;

  // The unsubscribe link of a nudge email works signed in or not: its token is the authority.
  if (normalized === '/unsubscribe')
    return (
      <PublicShell>
        <PageSlot>
          <UnsubscribePage />
        </PageSlot>
      </PublicShell>
    );
  if (normalized === '/join')
    return (
      <PublicShell>
        <PageSlot>
          <JoinPage />
        </PageSlot>
      </PublicShell>
    );
  if (state.status === 'signed-out')
    return (
      <PublicShell>
        <SignInPage reason={state.reason} />
      </PublicShell>
    );
  const { section, page } = signedInPage(normalized, search);
  return (
    <AppShell section={section}>
      {/* Keyed by path, so each page starts fresh and announces itself. */}
      <div key={`${normalized}?${search.toString()}`}>
        <PageSlot>{page}</PageSlot>
      </div>
      <IdleWatcher />
    </AppShell>
  );
}
