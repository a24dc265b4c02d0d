import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { BridgeError } from '../../shared/bridge/envelope';
import { browserViewType, OPEN_REFUSALS } from '../../shared/domain/document-viewing';
import type { DesktopPorts, OsNotification } from '../services/ports';
import { ShownFiles } from './shown-files';

export interface RecordedNotification extends OsNotification {
  at: string;
  click(): void;
}

/**
 * The browser host's stand-ins for what Electron gives the app. They are real implementations
 * for a plain Node process, not mocks: notifications are recorded (and forwarded to the page),
 * secrets are encrypted with a key file only this user can read (the OS keychain is Electron's),
 * external links are recorded and logged because a headless host has no browser to open.
 */
/** Where the browser host serves downloaded documents from (see browser-host.ts). */
export const HOST_DOWNLOADS_PATH = '/host/downloads/';

export function createHostPorts(dataDir: string): DesktopPorts & {
  notifications: RecordedNotification[];
  openedUrls: string[];
  /** Documents the page asked to Open, for the host to serve (see shown-files.ts). */
  shownFiles: ShownFiles;
} {
  const shownFiles = new ShownFiles();
  const notifications: RecordedNotification[] = [];
  const openedUrls: string[] = [];
  const keyPath = join(dataDir, 'host-secret.key');
  mkdirSync(dataDir, { recursive: true });
  if (!existsSync(keyPath)) writeFileSync(keyPath, randomBytes(32), { mode: 0o600 });
  const key = readFileSync(keyPath);
  return {
    notifications,
    openedUrls,
    notifier: {
      show(notification, onClick) {
        notifications.push({ ...notification, at: new Date().toISOString(), click: onClick });
      },
    },
    secureStorage: {
      isEncryptionAvailable: true,
      encrypt(plain) {
        const iv = randomBytes(12);
        const cipher = createCipheriv('aes-256-gcm', key, iv);
        const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
        return Buffer.concat([iv, cipher.getAuthTag(), body]);
      },
      decrypt(data) {
        const bytes = Buffer.from(data);
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
        decipher.setAuthTag(bytes.subarray(12, 28));
        return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      },
    },
    externalOpener: {
      async open(url) {
        openedUrls.push(url);
        console.log(`[browser host] would open in the OS browser: ${url}`);
      },
    },
    shownFiles,
    documents: {
      // The page shows or saves the file itself from the URL answered; nothing else to do here.
      async open(path) {
        if (!browserViewType(basename(path))) {
          throw new BridgeError('invalid_input', OPEN_REFUSALS.notInBrowser(basename(path)));
        }
        return shownFiles.issue(path);
      },
      async save() {
        return true;
      },
      browserUrl(path) {
        const downloads = join(dataDir, 'downloads');
        const inside = relative(downloads, path);
        if (inside.startsWith('..')) return null;
        return HOST_DOWNLOADS_PATH + inside.split(sep).map(encodeURIComponent).join('/');
      },
    },
  };
}
