import { join } from 'node:path';
import { BrowserWindow, type Session } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isPermissionAllowed,
  openExternalUrl,
  SECURE_WEB_PREFERENCES,
} from '../security';

/** Applies the checklist's session-wide rules: CSP on every response, no permissions. */
export function secureSession(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) =>
    callback(isPermissionAllowed(permission)),
  );
  session.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
}

/** The app window: secure preferences, navigation pinned to the app, links sent to the OS browser. */
export function createMainWindow(options: {
  appUrl: string;
  preloadPath: string;
  openExternal: (url: string) => Promise<void>;
}): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'Portico',
    backgroundColor: '#f5f7fa',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      // Restated literally so static scanners (electronegativity) can see them; a unit test keeps
      // them equal to SECURE_WEB_PREFERENCES.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
      preload: options.preloadPath,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(({ url }) => {
    void openExternalUrl(url, options.openExternal);
    return { action: 'deny' };
  });
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, options.appUrl)) {
      event.preventDefault();
      void openExternalUrl(url, options.openExternal);
    }
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  void win.loadURL(options.appUrl);
  return win;
}

export function rendererUrl(outDir: string): string {
  // electron-vite dev serves the renderer over http and says where; a built app loads the file.
  return process.env.ELECTRON_RENDERER_URL ?? `file://${join(outDir, '../renderer/index.html')}`;
}
