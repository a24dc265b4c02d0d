import { copyFile } from 'node:fs/promises';
import { dialog, Notification, safeStorage, shell } from 'electron';
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
        const failure = await shell.openPath(path);
        if (failure) throw new Error(failure);
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
