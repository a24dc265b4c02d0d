import type { PorticoApi, PorticoRawApi } from '../../../shared/bridge/api';
import { createPorticoApi } from '../../../shared/bridge/api';
import type { BridgeChannel } from '../../../shared/bridge/channels';
import type { BridgeEnvelope } from '../../../shared/bridge/envelope';
import { type BridgeConnection, createConnectionState } from './connection';

type RawMethod = (args?: unknown) => Promise<BridgeEnvelope<unknown>>;

/**
 * Wraps preload's `window.portico`. Preload already exposes named methods built from the same
 * channel list, so a channel maps to `raw[domain][verb]`; the envelope is unwrapped by the
 * shared client so a failure arrives here as a BridgeError with its code intact.
 */
export function createElectronBridge(raw: PorticoRawApi): { api: PorticoApi; connection: BridgeConnection } {
  const named = raw as unknown as Record<string, Record<string, RawMethod | undefined> | undefined>;
  const transport = async (channel: BridgeChannel, args: unknown): Promise<BridgeEnvelope<unknown>> => {
    const [domain = '', verb = ''] = channel.split(':');
    const method = named[domain]?.[verb];
    if (!method) {
      return {
        ok: false,
        error: { code: 'internal', message: 'Portico needs to be updated. Restart the app.' },
      };
    }
    try {
      return await method(args);
    } catch {
      // IPC itself failed (main crashed or is restarting); contextBridge keeps only the message.
      return {
        ok: false,
        error: { code: 'internal', message: 'Something went wrong inside Portico. Try again.' },
      };
    }
  };
  // IPC has no connection to lose: it is open for as long as the window exists.
  return { api: createPorticoApi(transport, raw.on), connection: createConnectionState('open') };
}
