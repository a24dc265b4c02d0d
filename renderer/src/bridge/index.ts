import type { PorticoApi } from '../../../shared/bridge/api';
import { createElectronBridge } from './bridge.electron';
import { createWebBridge } from './bridge.web';
import type { BridgeConnection } from './connection';
import { watchFailures } from './failure-watch';

/*
 * The platform seam: inside Electron preload has exposed `window.portico`; anywhere else the
 * renderer is being served by the browser host and talks to the same services over a WebSocket.
 * Everything else in the renderer imports `bridge` from here and never knows which one it got.
 */
const chosen = window.portico ? createElectronBridge(window.portico) : createWebBridge();

const lockedListeners = new Set<() => void>();

export const bridge: PorticoApi = watchFailures(chosen.api, (error) => {
  if (error.code !== 'locked') return;
  for (const listener of lockedListeners) listener();
});
export const bridgeConnection: BridgeConnection = chosen.connection;

/** Any call answered 'locked': the services are locked even if their event was missed. */
export function onLockedAnswer(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => {
    lockedListeners.delete(listener);
  };
}

export type { BridgeConnection, BridgeConnectionState } from './connection';
