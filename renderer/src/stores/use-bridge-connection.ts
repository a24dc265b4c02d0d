import { useSyncExternalStore } from 'react';
import { type BridgeConnectionState, bridgeConnection } from '../bridge';

/** The bridge's connection state as a React value. */
export function useBridgeConnection(): BridgeConnectionState {
  return useSyncExternalStore(
    (onChange) => bridgeConnection.subscribe(onChange),
    () => bridgeConnection.state,
  );
}
