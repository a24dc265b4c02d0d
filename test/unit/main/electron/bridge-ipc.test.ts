import { beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * The Electron glue runs against a fake `electron` here: Electron cannot start on the build
 * machines, and what matters is that every channel is handled, untrusted frames are refused
 * before dispatch, and events reach every window.
 */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (event: unknown, args: unknown) => unknown>();
  const sent: unknown[] = [];
  const mainFrame = { url: 'file:///app/out/renderer/index.html', top: null as unknown };
  mainFrame.top = mainFrame;
  const windows = [
    {
      webContents: { mainFrame, send: (channel: string, message: unknown) => sent.push([channel, message]) },
    },
  ];
  return { handlers, sent, mainFrame, windows };
});

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, args: unknown) => unknown) =>
      fake.handlers.set(channel, handler),
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  },
  BrowserWindow: { getAllWindows: () => fake.windows },
}));

import { registerBridgeIpc } from '../../../../main/electron/bridge-ipc';
import type { BridgeHandlers } from '../../../../main/services/bridge-dispatch';
import type { DesktopServices } from '../../../../main/services/desktop-services';
import { EventBus } from '../../../../main/services/event-bus';
import { BRIDGE_CHANNELS, BRIDGE_EVENT_CHANNEL } from '../../../../shared/bridge/channels';

function fakeServices(): { services: DesktopServices; events: EventBus } {
  const events = new EventBus();
  const handlers = Object.fromEntries(
    BRIDGE_CHANNELS.map((channel) => [channel, async () => `${channel} ran`]),
  );
  return {
    services: { events, handlers: () => handlers as unknown as BridgeHandlers } as unknown as DesktopServices,
    events,
  };
}

describe('the bridge over Electron IPC', () => {
  beforeEach(() => {
    fake.handlers.clear();
    fake.sent.length = 0;
  });

  it('handles every channel of the contract for the app’s own window', async () => {
    const { services } = fakeServices();
    registerBridgeIpc(services, (url) => url.startsWith('file:///app/'));
    expect([...fake.handlers.keys()].sort()).toEqual([...BRIDGE_CHANNELS].sort());
    const answer = await fake.handlers.get('sync:status')?.({ senderFrame: fake.mainFrame }, undefined);
    expect(answer).toEqual({ ok: true, value: 'sync:status ran' });
  });

  it('refuses frames that are not an app window’s main frame', async () => {
    const { services } = fakeServices();
    registerBridgeIpc(services, (url) => url.startsWith('file:///app/'));
    const iframe = { url: 'file:///app/out/renderer/index.html', top: fake.mainFrame };
    const foreign = { url: 'https://evil.example/', top: null as unknown };
    foreign.top = foreign;
    for (const senderFrame of [iframe, foreign, null]) {
      const answer = await fake.handlers.get('clients:search')?.({ senderFrame }, { query: '' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('sends every event to the windows and stops when unregistered', () => {
    const { services, events } = fakeServices();
    const unregister = registerBridgeIpc(services, () => true);
    events.emit('data:changed', { collections: ['clients'] });
    expect(fake.sent).toEqual([
      [BRIDGE_EVENT_CHANNEL, { event: 'data:changed', payload: { collections: ['clients'] } }],
    ]);
    unregister();
    events.emit('data:changed', { collections: ['clients'] });
    expect(fake.sent).toHaveLength(1);
    expect(fake.handlers.size).toBe(0);
  });
});
