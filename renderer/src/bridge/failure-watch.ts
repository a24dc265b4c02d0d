import type { PorticoApi } from '../../../shared/bridge/api';
import { BridgeError } from '../../../shared/bridge/envelope';

type Method = (args?: unknown) => Promise<unknown>;

/**
 * Wraps every method of the bridge so one place hears about failures that concern the whole app,
 * whichever view made the call: a 'locked' answer means the services locked while this page was
 * not told yet (a missed event), and the lock screen must cover everything at once.
 */
export function watchFailures(api: PorticoApi, onFailure: (error: BridgeError) => void): PorticoApi {
  const watched: Record<string, unknown> = {};
  for (const [domain, methods] of Object.entries(api)) {
    if (typeof methods !== 'object' || methods === null) {
      watched[domain] = methods;
      continue;
    }
    const wrapped: Record<string, Method> = {};
    for (const [verb, method] of Object.entries(methods as Record<string, Method>)) {
      wrapped[verb] = (args) =>
        method(args).catch((error: unknown) => {
          if (error instanceof BridgeError) onFailure(error);
          throw error;
        });
    }
    watched[domain] = wrapped;
  }
  return watched as unknown as PorticoApi;
}
