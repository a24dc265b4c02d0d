import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session, shell } from 'electron';
import { registerBridgeIpc } from './electron/bridge-ipc';
import { createElectronPorts } from './electron/electron-ports';
import { createMainWindow, rendererUrl, secureSession } from './electron/main-window';
import { showFatalError, startOrOfferFreshStart } from './electron/start-failure';
import { isAppUrl } from './security';
import { createCacheStorage } from './services/cache/cache-storage';
import { DesktopServices } from './services/desktop-services';

/*
 * Electron entry: the only place, with main/electron/, that touches Electron. Everything it
 * starts is the same DesktopServices the browser host runs in plain Node.
 */
const outDir = dirname(fileURLToPath(import.meta.url));
const DEFAULT_SERVER_URL = 'http://127.0.0.1:4310';

function serverUrl(): string {
  if (process.env.PORTICO_SERVER_URL) return process.env.PORTICO_SERVER_URL;
  const configPath = join(app.getPath('userData'), 'server-url.txt');
  try {
    return readFileSync(configPath, 'utf8').trim() || DEFAULT_SERVER_URL;
  } catch {
    return DEFAULT_SERVER_URL;
  }
}

if (!app.requestSingleInstanceLock()) app.quit();

app
  .whenReady()
  .then(async () => {
    secureSession(session.defaultSession);
    const dataDir = app.getPath('userData');
    const services = new DesktopServices(
      {
        dataDir,
        serverUrl: serverUrl(),
        host: 'electron',
        version: app.getVersion(),
        createStorage: createCacheStorage(dataDir),
      },
      createElectronPorts(),
    );
    const appUrl = rendererUrl(outDir);
    registerBridgeIpc(services, (url) => isAppUrl(url, appUrl));
    // A failed start shows its error and a way out, never nothing.
    if (!(await startOrOfferFreshStart(services))) return;
    const open = () =>
      createMainWindow({
        appUrl,
        preloadPath: join(outDir, '../preload/index.cjs'),
        openExternal: (url) => shell.openExternal(url),
      });
    open();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) open();
    });
    app.on('second-instance', () => BrowserWindow.getAllWindows()[0]?.focus());
    app.on('before-quit', () => void services.close());
  })
  .catch(showFatalError);

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
