import type { BridgeChannel } from '../../shared/bridge/channels';
import { BRIDGE_CHANNELS } from '../../shared/bridge/channels';
import { bridgeContract, type ParsedArgsOf, type ResultOf } from '../../shared/bridge/contract';
import { type BridgeEnvelope, BridgeError } from '../../shared/bridge/envelope';

export type BridgeHandlers = { [K in BridgeChannel]: (args: ParsedArgsOf<K>) => Promise<ResultOf<K>> };

const KNOWN_CHANNELS = new Set<string>(BRIDGE_CHANNELS);

/**
 * Runs one call from a renderer: the channel must exist, the argument must pass the contract's
 * schema (a renderer is never trusted), and any failure comes back as an envelope the renderer
 * can show, never as a stack trace.
 */
export async function dispatchBridgeCall(
  handlers: BridgeHandlers,
  channel: unknown,
  rawArgs: unknown,
): Promise<BridgeEnvelope<unknown>> {
  if (typeof channel !== 'string' || !KNOWN_CHANNELS.has(channel)) {
    return {
      ok: false,
      error: { code: 'invalid_input', message: `Unknown bridge method ${String(channel)}.` },
    };
  }
  const name = channel as BridgeChannel;
  const parsed = bridgeContract[name].args.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue ? issue.message : 'The request was not valid.';
    return { ok: false, error: { code: 'invalid_input', message } };
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof BridgeError)
      return { ok: false, error: { code: error.code, message: error.message } };
    console.error(`bridge call ${name} failed`, error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong in Portico. Try again; if it keeps happening, restart the app.',
      },
    };
  }
}
