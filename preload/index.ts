import { contextBridge, type IpcRendererEvent, ipcRenderer, webUtils } from 'electron';
import { buildNamedMethods, type PorticoRawApi } from '../shared/bridge/api';
import { BRIDGE_EVENT_CHANNEL, type BridgeEventName } from '../shared/bridge/channels';
import type { BridgeEnvelope } from '../shared/bridge/envelope';

/*
 * The renderer's only door to the desktop: named methods built from the contract's channel list,
 * each one ipcRenderer.invoke on its own channel. ipcRenderer itself is never exposed, so a
 * compromised page can call these methods and nothing else; main validates every argument.
 */
type EventMessage = { event: BridgeEventName; payload: unknown };

const methods = buildNamedMethods(
  (channel, args) => ipcRenderer.invoke(channel, args) as Promise<BridgeEnvelope<unknown>>,
);

const api = {
  ...methods,
  on(event: BridgeEventName, listener: (payload: never) => void) {
    const forward = (_event: IpcRendererEvent, message: EventMessage) => {
      if (message.event === event) (listener as (payload: unknown) => void)(message.payload);
    };
    ipcRenderer.on(BRIDGE_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(BRIDGE_EVENT_CHANNEL, forward);
    };
  },
} as unknown as PorticoRawApi satisfies PorticoRawApi;

contextBridge.exposeInMainWorld('portico', api);

/*
 * The path of a file the person picked in an <input type=file>, so main can check its size with
 * stat before reading it. Paths are all the renderer learns; the reading happens in main.
 */
contextBridge.exposeInMainWorld('porticoFiles', {
  pathForFile: (file: File) => webUtils.getPathForFile(file),
});
