import type { BridgeChannel, BridgeEventName } from './channels';
import type { BridgeEnvelope } from './envelope';

/**
 * The browser host's WebSocket protocol (path `/bridge`): the same contract as Electron's IPC,
 * as JSON messages. Calls carry an id the answer repeats; events are pushed unasked.
 */
export const BRIDGE_SOCKET_PATH = '/bridge';

export interface WireCall {
  type: 'call';
  id: number;
  channel: BridgeChannel;
  args: unknown;
}

export type WireFromHost =
  | { type: 'result'; id: number; envelope: BridgeEnvelope<unknown> }
  | { type: 'event'; event: BridgeEventName; payload: unknown };
