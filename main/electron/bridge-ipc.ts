import { BrowserWindow, ipcMain, type WebFrameMain } from 'electron';
import { BRIDGE_CHANNELS, BRIDGE_EVENT_CHANNEL } from '../../shared/bridge/channels';
import { dispatchBridgeCall } from '../services/bridge-dispatch';
import type { DesktopServices } from '../services/desktop-services';

/**
 * Wires the bridge contract to IPC. Calls from any frame that is not one of the app's own
 * windows' main frames (an injected iframe, a stray webContents) are refused before dispatch.
 */
export function registerBridgeIpc(services: DesktopServices, isAppUrl: (url: string) => boolean): () => void {
  const handlers = services.handlers();
  const trusted = (frame: WebFrameMain | null) =>
    !!frame &&
    frame === frame.top &&
    BrowserWindow.getAllWindows().some((win) => win.webContents.mainFrame === frame) &&
    isAppUrl(frame.url);

  for (const channel of BRIDGE_CHANNELS) {
    ipcMain.handle(channel, (event, args: unknown) => {
      if (!trusted(event.senderFrame)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This window may not use Portico’s services.' },
        };
      }
      return dispatchBridgeCall(handlers, channel, args);
    });
  }
  const stopEvents = services.events.onAny((event, payload) => {
    for (const win of BrowserWindow.getAllWindows())
      win.webContents.send(BRIDGE_EVENT_CHANNEL, { event, payload });
  });
  return () => {
    stopEvents();
    for (const channel of BRIDGE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
