import { beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * main/index.ts against a fake `electron` (Electron cannot start on the build machines) and
 * services whose start fails: the app must show the error in a window with a way out, and either
 * start fresh and open the app window, or quit. Never an app with no window and no word.
 */
const fake = vi.hoisted(() => ({
  startError: null as Error | null,
  freshError: null as Error | null,
  freshStarts: 0,
  /** Which button the person presses in the message box. */
  response: 0,
  messageBoxes: [] as { title?: string; message: string; detail?: string; buttons?: string[] }[],
  errorBoxes: [] as [string, string][],
  windows: [] as unknown[],
  quits: 0,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static getAllWindows = () => fake.windows;
    webContents = { setWindowOpenHandler() {}, on() {}, mainFrame: {} };
    constructor() {
      fake.windows.push(this);
    }
    once() {}
    loadURL = async () => {};
  }
  return {
    app: {
      requestSingleInstanceLock: () => true,
      whenReady: () => Promise.resolve(),
      getPath: () => '/nonexistent/portico-user-data',
      getVersion: () => '0.0.0-test',
      on() {},
      quit: () => {
        fake.quits++;
      },
    },
    BrowserWindow,
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived() {} },
        setPermissionRequestHandler() {},
        setPermissionCheckHandler() {},
      },
    },
    shell: { openExternal: async () => {}, openPath: async () => '' },
    ipcMain: { handle() {}, removeHandler() {} },
    dialog: {
      showMessageBox: async (options: (typeof fake.messageBoxes)[number]) => {
        fake.messageBoxes.push(options);
        return { response: fake.response };
      },
      showErrorBox: (title: string, content: string) => fake.errorBoxes.push([title, content]),
      showSaveDialog: async () => ({ canceled: true }),
    },
    Notification: { isSupported: () => false },
    safeStorage: { isEncryptionAvailable: () => true, encryptString: Buffer.from, decryptString: String },
  };
});

vi.mock('../../../../main/services/desktop-services', () => ({
  DesktopServices: class {
    events = { onAny: () => () => {} };
    handlers() {
      return {};
    }
    async start() {
      if (fake.startError) throw fake.startError;
    }
    async startFresh() {
      fake.freshStarts++;
      if (fake.freshError) throw fake.freshError;
    }
    async close() {}
  },
}));

async function runMain(): Promise<void> {
  vi.resetModules();
  await import('../../../../main/index');
  // The start path is a promise chain after whenReady; let it settle.
  await vi.waitFor(() => {
    if (fake.windows.length === 0 && fake.quits === 0) throw new Error('still starting');
  });
}

describe('the Electron start path', () => {
  beforeEach(() => {
    fake.startError = null;
    fake.freshError = null;
    fake.freshStarts = 0;
    fake.response = 0;
    fake.messageBoxes.length = 0;
    fake.errorBoxes.length = 0;
    fake.windows.length = 0;
    fake.quits = 0;
  });

  it('opens the app window when the services start', async () => {
    await runMain();
    expect(fake.windows).toHaveLength(1);
    expect(fake.messageBoxes).toEqual([]);
  });

  it('shows a failed start’s error with a way out, and starts fresh when the person chooses it', async () => {
    fake.startError = new Error('database is locked');
    await runMain();
    expect(fake.messageBoxes).toHaveLength(1);
    const shown = fake.messageBoxes[0];
    expect(shown?.title).toBe('Portico could not start');
    expect(shown?.detail).toContain('database is locked');
    expect(shown?.buttons).toEqual(['Sign out and start fresh', 'Quit']);
    expect(fake.freshStarts).toBe(1);
    expect(fake.windows).toHaveLength(1);
    expect(fake.quits).toBe(0);
  });

  it('quits when the person chooses Quit, after showing the error', async () => {
    fake.startError = new Error('EACCES: permission denied');
    fake.response = 1;
    await runMain();
    expect(fake.messageBoxes[0]?.detail).toContain('EACCES: permission denied');
    expect(fake.freshStarts).toBe(0);
    expect(fake.windows).toHaveLength(0);
    expect(fake.quits).toBe(1);
  });

  it('shows the error and quits when starting fresh fails too', async () => {
    fake.startError = new Error('first failure');
    fake.freshError = new Error('disk full');
    await runMain();
    expect(fake.errorBoxes).toHaveLength(1);
    expect(fake.errorBoxes[0]?.[1]).toContain('disk full');
    expect(fake.windows).toHaveLength(0);
    expect(fake.quits).toBe(1);
  });
});
