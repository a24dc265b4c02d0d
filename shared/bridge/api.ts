import type { BridgeChannel, BridgeEventName } from './channels';
import { BRIDGE_CHANNELS } from './channels';
import type { ArgsOf, EventPayload, ResultOf } from './contract';
import type { BridgeEnvelope } from './envelope';
import { BridgeError } from './envelope';

type DomainOf<K extends string> = K extends `${infer D}:${string}` ? D : never;
type VerbOf<K extends string, D extends string> = K extends `${D}:${infer V}` ? V : never;
type Domains = DomainOf<BridgeChannel>;

/** Methods with no argument can be called without one. */
type MethodOf<K extends BridgeChannel, R> =
  undefined extends ArgsOf<K> ? (args?: ArgsOf<K>) => Promise<R> : (args: ArgsOf<K>) => Promise<R>;

type Listener<E extends BridgeEventName> = (payload: EventPayload<E>) => void;
export type Subscribe = <E extends BridgeEventName>(event: E, listener: Listener<E>) => () => void;

/** `window.portico` as preload exposes it: named methods that answer with envelopes. */
export type PorticoRawApi = {
  [D in Domains]: {
    [V in VerbOf<BridgeChannel, D>]: MethodOf<
      `${D}:${V}` & BridgeChannel,
      BridgeEnvelope<ResultOf<`${D}:${V}` & BridgeChannel>>
    >;
  };
} & { on: Subscribe };

/** The renderer's view of the bridge: the same names, resolving to results and throwing BridgeError. */
export type PorticoApi = {
  [D in Domains]: {
    [V in VerbOf<BridgeChannel, D>]: MethodOf<
      `${D}:${V}` & BridgeChannel,
      ResultOf<`${D}:${V}` & BridgeChannel>
    >;
  };
} & { on: Subscribe };

/** Any way of carrying one call to the services: Electron IPC, the browser host's WebSocket. */
export type BridgeTransport = (channel: BridgeChannel, args: unknown) => Promise<BridgeEnvelope<unknown>>;

function splitChannel(channel: BridgeChannel): [string, string] {
  const [domain, verb] = channel.split(':') as [string, string];
  return [domain, verb];
}

/** Builds the named-method object from the channel list, so no transport lists methods by hand. */
export function buildNamedMethods<M>(
  call: (channel: BridgeChannel, args: unknown) => M,
): Record<string, Record<string, (args?: unknown) => M>> {
  const api: Record<string, Record<string, (args?: unknown) => M>> = {};
  for (const channel of BRIDGE_CHANNELS) {
    const [domain, verb] = splitChannel(channel);
    api[domain] ??= {};
    api[domain][verb] = (args?: unknown) => call(channel, args);
  }
  return api;
}

export function unwrapEnvelope<T>(envelope: BridgeEnvelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw new BridgeError(envelope.error.code, envelope.error.message);
}

/** The renderer's client over any transport. */
export function createPorticoApi(transport: BridgeTransport, subscribe: Subscribe): PorticoApi {
  const methods = buildNamedMethods((channel, args) => transport(channel, args).then(unwrapEnvelope));
  return { ...methods, on: subscribe } as unknown as PorticoApi;
}
