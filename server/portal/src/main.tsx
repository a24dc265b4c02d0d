import { loadDictionary } from './i18n/dictionaries';
import { currentLocale } from './i18n/locale-store';
import { checkSession } from './session/session-check';
import './styles/base.css';
import './styles/layout.css';
import './styles/forms.css';
import './styles/content.css';

/*
 * The portal's first script, kept free of React so it runs as soon as it arrives: it starts three
 * downloads at once, React with the first screen (start.tsx, already on its way: index.html
 * preloads it), the chosen language's words, and whether this browser is signed in. The first
 * screen is then the right one, drawn once, with nothing fetched one after another.
 */

/**
 * Shown when the portal's code or words cannot be downloaded, so in both languages. Most likely
 * the connection dropped right after the page itself arrived.
 */
const NOT_LOADED: readonly [lang: string, text: string][] = [
  ['en', 'The Customer Portal could not load. Check your connection, then reload this page.'],
  ['es', 'No se pudo abrir el Portal del Cliente. Revise su conexión y vuelva a cargar esta página.'],
];

function showNotLoaded(root: HTMLElement): void {
  const alert = document.createElement('div');
  alert.className = 'alert alert-error page-not-loaded';
  alert.setAttribute('role', 'alert');
  for (const [lang, text] of NOT_LOADED) {
    const line = document.createElement('p');
    line.lang = lang;
    line.textContent = text;
    alert.append(line);
  }
  root.replaceChildren(alert);
}

const root = document.getElementById('root');
if (root) {
  const locale = currentLocale();
  Promise.all([import('./start'), loadDictionary(locale), checkSession()]).then(
    ([{ start }, dictionary, session]) => start(root, { locale, dictionary }, session),
    () => showNotLoaded(root),
  );
}
