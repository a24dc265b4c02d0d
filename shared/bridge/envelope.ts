/**
 * Results cross the bridge as envelopes: Electron's IPC and contextBridge keep only an error's
 * message, so a failure's code travels as data and the renderer's client turns it back into an error.
 */
export const BRIDGE_ERROR_CODES = [
  'invalid_input',
  'unauthorized',
  'forbidden',
  'not_found',
  'offline',
  'conflict',
  'locked',
  'server_error',
  'internal',
] as const;

export type BridgeErrorCode = (typeof BRIDGE_ERROR_CODES)[number];

export interface BridgeFailure {
  code: BridgeErrorCode;
  message: string;
}

export type BridgeEnvelope<T> = { ok: true; value: T } | { ok: false; error: BridgeFailure };

/** An error a person can act on: `message` is written for them, `code` is for the code. */
export class BridgeError extends Error {
  readonly code: BridgeErrorCode;

  constructor(code: BridgeErrorCode, message: string) {
    super(message);
    this.name = 'BridgeError';
    this.code = code;
  }
}
