import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider, type LoadedLocale } from './i18n';
import { SessionProvider } from './session/session';
import type { SessionState } from './session/session-check';

/*
 * React and the first screen (the sign-in page), loaded by main.tsx. The build lists this chunk
 * in index.html (modulepreload), so it downloads beside main.tsx while main.tsx fetches the words
 * and asks about the session.
 */

export function start(root: HTMLElement, language: LoadedLocale, session: SessionState): void {
  createRoot(root).render(
    <StrictMode>
      <I18nProvider initial={language}>
        <SessionProvider initial={session}>
          <App />
        </SessionProvider>
      </I18nProvider>
    </StrictMode>,
  );
}
