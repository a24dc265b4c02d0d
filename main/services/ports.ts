/**
 * What the desktop's services need from the operating system. Electron provides them in the app
 * (main/electron/), the browser host provides plain-Node versions, and tests provide recorders;
 * the services themselves never import Electron.
 */

export interface OsNotification {
  title: string;
  body: string;
  /** Where clicking the notification takes the person, e.g. a client's profile. */
  target?: { kind: 'client' | 'thread' | 'record'; id: string };
}

export interface NotifierPort {
  show(notification: OsNotification, onClick: () => void): void;
}

/** Encrypts small secrets (the session token) with the OS keychain before they touch the disk. */
export interface SecureStoragePort {
  readonly isEncryptionAvailable: boolean;
  encrypt(plain: string): Uint8Array;
  decrypt(cipher: Uint8Array): string;
}

export interface ExternalOpenerPort {
  open(url: string): Promise<void>;
}

/**
 * Hands a downloaded document to the person: opened with the OS's default app, or saved where they
 * choose. A browser page cannot be given a file on disk, so the browser host instead answers URLs:
 * one a new tab shows the file at, one the page downloads it from.
 */
export interface DocumentHandoffPort {
  /**
   * Opens the file with the OS (answers null), or answers the URL a tab shows it at (browser host).
   * Throws a BridgeError saying why when it will not open it.
   */
  open(path: string): Promise<string | null>;
  /** Returns false when the person cancelled the save dialog. */
  save(path: string, suggestedName: string): Promise<boolean>;
  /** Where the page can fetch a downloaded file, or null when the OS opens and saves it. */
  browserUrl(path: string): string | null;
}

export interface DesktopPorts {
  notifier: NotifierPort;
  secureStorage: SecureStoragePort;
  externalOpener: ExternalOpenerPort;
  documents: DocumentHandoffPort;
}
