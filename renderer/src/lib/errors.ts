import { BridgeError } from '../../../shared/bridge/envelope';

/** Words for the person at the desk: a BridgeError's message was written for them already. */
export function messageOf(error: unknown): string {
  if (error instanceof BridgeError) return error.message;
  return 'Something went wrong. Try again, and if it keeps happening, restart Portico.';
}
