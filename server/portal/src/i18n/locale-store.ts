/*
 * The client's language, chosen on any page and remembered on this phone. Kept outside React so
 * the HTTP layer can send it as Accept-Language.
 */

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

const STORAGE_KEY = 'portico.portal.language';

function stored(): Locale | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' || value === 'es' ? value : undefined;
  } catch {
    // Private browsing modes may refuse storage; the choice then lasts until the page closes.
    return undefined;
  }
}

/** The remembered choice, else the phone's own language when it is Spanish, else English. */
function initial(): Locale {
  return stored() ?? (navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en');
}

let current: Locale = initial();

export function currentLocale(): Locale {
  return current;
}

export function rememberLocale(locale: Locale): void {
  current = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // See stored(): nothing to do but keep it for this visit.
  }
}
