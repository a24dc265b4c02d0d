/**
 * Security defaults in one place, from Electron's security checklist. Nothing here imports
 * Electron, so every rule is a plain value or function that tests can check directly; the
 * Electron adapter (main/electron/) applies them.
 */

/** Schemes a link may open in the OS: web pages and email. Never file:, javascript:, or custom handlers. */
const EXTERNAL_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * Opens a link in the person's browser or mail app if it is safe to; returns whether it did.
 * `open` is Electron's shell.openExternal in the app.
 */
export async function openExternalUrl(url: string, open: (url: string) => Promise<void>): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (!EXTERNAL_SCHEMES.has(parsed.protocol)) return false;
  if (parsed.protocol !== 'mailto:' && (parsed.username || parsed.password)) return false;
  await open(parsed.toString());
  return true;
}

/** BrowserWindow webPreferences for every window: isolated, sandboxed, no Node, no webviews. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  navigateOnDragDrop: false,
  spellcheck: true,
  // A middle click must not open a link in a new Electron window.
  disableBlinkFeatures: 'Auxclick',
} as const;

/**
 * The renderer's content security policy: nothing by default; scripts and styles only from the
 * app itself; images from the app or inline data (client photos arrive as data URLs).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Whether a navigation stays inside the app; anything else is blocked (links go to the OS browser). */
export function isAppUrl(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    if (app.protocol === 'file:') return target.protocol === 'file:' && target.pathname === app.pathname;
    return target.origin === app.origin;
  } catch {
    return false;
  }
}

/** No web permission (camera, geolocation, notifications from the page...) is granted to app pages. */
export function isPermissionAllowed(_permission: string): boolean {
  return false;
}
