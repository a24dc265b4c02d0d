import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useSession } from '../session/session';
import { Icon, type IconName } from './Icon';
import { LanguageFailure, LanguageSwitch } from './LanguageSwitch';

export type Section = 'home' | 'messages' | 'requests' | 'documents' | 'settings';

const SECTIONS: { id: Section; to: string; icon: IconName }[] = [
  { id: 'home', to: '/', icon: 'home' },
  { id: 'messages', to: '/messages', icon: 'messages' },
  { id: 'requests', to: '/requests', icon: 'requests' },
  { id: 'documents', to: '/documents', icon: 'documents' },
  { id: 'settings', to: '/settings', icon: 'settings' },
];

function SkipLink() {
  const { t } = useI18n();
  return (
    <a className="skip-link" href="#main">
      {t('nav.skip')}
    </a>
  );
}

/**
 * The portal's mark (public/icon.svg, also the tab's icon), drawn in place rather than fetched:
 * the first screen then waits on no picture, and a phone makes one request fewer on every visit.
 */
function BrandMark() {
  return (
    <svg
      className="brand-mark"
      viewBox="0 0 48 48"
      width="28"
      height="28"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="48" height="48" rx="12" fill="#1f6d7f" />
      <path d="M10 19 24 10l14 9z" fill="#fff" />
      <rect x="10" y="20.5" width="28" height="3" rx="1.5" fill="#fff" />
      <rect x="13" y="25.5" width="4" height="11" rx="1.2" fill="#fff" />
      <rect x="31" y="25.5" width="4" height="11" rx="1.2" fill="#fff" />
      <path d="M20.5 36.5V29a3.5 3.5 0 0 1 7 0v7.5z" fill="#86c0cd" />
      <rect x="9" y="37" width="30" height="3" rx="1.5" fill="#fff" />
    </svg>
  );
}

function Brand() {
  const { t } = useI18n();
  return (
    <span className="brand">
      <BrandMark />
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

/** Signed-in pages: the name, language, sign out, and the five sections. */
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
