import { beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * Document Open in the Electron app, against a fake `electron` (Electron cannot start on the build
 * machines): the cached file goes to shell.openPath, a program is never handed to the OS, and a
 * failure comes back in words the person can act on.
 */
const fake = vi.hoisted(() => ({ opened: [] as string[], answer: '' }));

vi.mock('electron', () => ({
  shell: {
    openPath: async (path: string) => {
      fake.opened.push(path);
      return fake.answer;
    },
    openExternal: async () => undefined,
  },
  dialog: {},
  Notification: { isSupported: () => false },
  safeStorage: {},
}));

import { createElectronPorts } from '../../../../main/electron/electron-ports';
import { BridgeError } from '../../../../shared/bridge/envelope';
import { OPEN_REFUSALS } from '../../../../shared/domain/document-viewing';

describe('Open in the Electron app', () => {
  beforeEach(() => {
    fake.opened.length = 0;
    fake.answer = '';
  });

  it('opens the cached file with the OS’s own app, and answers no URL', async () => {
    const { documents } = createElectronPorts();
    await expect(documents.open('/cache/downloads/f1/lease.pdf')).resolves.toBeNull();
    await expect(documents.open('/cache/downloads/f2/page.html')).resolves.toBeNull();
    expect(fake.opened).toEqual(['/cache/downloads/f1/lease.pdf', '/cache/downloads/f2/page.html']);
  });

  it('says why when the OS has no app for the file', async () => {
    fake.answer = 'Failed to open path';
    const { documents } = createElectronPorts();
    const failure = documents.open('/cache/downloads/f1/scan.xyz');
    await expect(failure).rejects.toBeInstanceOf(BridgeError);
    await expect(failure).rejects.toThrow(OPEN_REFUSALS.noApp('scan.xyz'));
  });

  it('never hands a program or script to the OS', async () => {
    const { documents } = createElectronPorts();
    for (const name of ['setup.exe', 'run.BAT', 'invoice.pdf.js', 'update.ps1', 'Open me.lnk', 'tool.sh']) {
      await expect(documents.open(`/cache/downloads/f/${name}`)).rejects.toThrow(OPEN_REFUSALS.program(name));
    }
    expect(fake.opened).toEqual([]);
  });
});
