import { copyFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { dialog, Notification, safeStorage, shell } from 'electron';
import { BridgeError } from '../../shared/bridge/envelope';
import { isProgramFile, OPEN_REFUSALS } from '../../shared/domain/document-viewing';
import type { DesktopPorts } from '../services/ports';

/** The real OS behind the services' ports: notifications, the keychain, the default browser. */
export function createElectronPorts(): DesktopPorts {
  return {
    notifier: {
      show(notification, onClick) {
        if (!Notification.isSupported()) return;
        const shown = new Notification({ title: notification.title, body: notification.body, silent: false });
        shown.on('click', onClick);
        shown.show();
      },
    },
    secureStorage: {
      get isEncryptionAvailable() {
        return safeStorage.isEncryptionAvailable();
      },
      encrypt: (plain) => safeStorage.encryptString(plain),
      decrypt: (cipher) => safeStorage.decryptString(Buffer.from(cipher)),
    },
    externalOpener: {
      open: (url) => shell.openExternal(url),
    },
    documents: {
      async open(path) {
        const name = basename(path);
        // The OS would run a program rather than show it: a client's upload must never run here.
        if (isProgramFile(name)) throw new BridgeError('invalid_input', OPEN_REFUSALS.program(name));
        const failure = await shell.openPath(path);
        if (failure) {
          console.error(`shell.openPath failed for ${name}: ${failure}`);
          throw new BridgeError('not_found', OPEN_REFUSALS.noApp(name));
        }
        return null;
      },
      async save(path, suggestedName) {
        const choice = await dialog.showSaveDialog({ defaultPath: suggestedName });
        if (choice.canceled || !choice.filePath) return false;
        await copyFile(path, choice.filePath);
        return true;
      },
      browserUrl: () => null,
    },
  };
}
