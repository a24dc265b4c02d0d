import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useSession } from '../session/session';
import { Icon, type IconName } from './Icon';
import { LanguageFailure, LanguageSwitch } from './LanguageSwitch';

export type Section = 'home' | 'messages' | 'requests' | 'documents';

const SECTIONS: { id: Section; to: string; icon: IconName }[] = [
  { id: 'home', to: '/', icon: 'home' },
  { id: 'messages', to: '/messages', icon: 'messages' },
  { id: 'requests', to: '/requests', icon: 'requests' },
  { id: 'documents', to: '/documents', icon: 'documents' },
];

function SkipLink() {
  const { t } = useI18n();
  return (
    <a className="skip-link" href="#main">
      {t('nav.skip')}
    </a>
  );
}

function Brand() {
  const { t } = useI18n();
  return (
    <span className="brand">
      <img src="/portal/icon.svg" alt="" width="28" height="28" />
      <span>{t('app.name')}</span>
    </span>
  );
}

/** Pages before signing in: the name, the language switch, and one column. */
export function PublicShell({ children }: { children: ReactNode }) {
  return (
    <>
      <SkipLink />
      <header className="topbar">
        <Brand />
        <div className="topbar-actions">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" className="main main-narrow" tabIndex={-1}>
        <LanguageFailure />
        {children}
      </main>
    </>
  );
}

/** Signed-in pages: the name, language, sign out, and the four sections. */
export function AppShell({ section, children }: { section: Section | undefined; children: ReactNode }) {
  const { t } = useI18n();
  const { signOut } = useSession();
  return (
    <>
      <SkipLink />
      <header className="topbar">
        <Brand />
        <div className="topbar-actions">
          <LanguageSwitch />
          <button type="button" className="topbar-button" onClick={() => void signOut('signed-out')}>
            <Icon name="signOut" />
            <span>{t('nav.signOut')}</span>
          </button>
        </div>
      </header>
      <nav className="sections" aria-label={t('nav.label')}>
        <ul>
          {SECTIONS.map((item) => (
            <li key={item.id}>
              <Link to={item.to} aria-current={item.id === section ? 'page' : undefined}>
                <Icon name={item.icon} />
                <span>{t(`nav.${item.id}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1}>
        <LanguageFailure />
        {children}
      </main>
    </>
  );
}
