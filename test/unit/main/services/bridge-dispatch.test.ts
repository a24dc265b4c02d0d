import { describe, expect, it } from 'vitest';
import { type BridgeHandlers, dispatchBridgeCall } from '../../../../main/services/bridge-dispatch';
import { BRIDGE_CHANNELS } from '../../../../shared/bridge/channels';
import { BridgeError } from '../../../../shared/bridge/envelope';

function recordingHandlers(calls: unknown[]): BridgeHandlers {
  const handlers: Record<string, (args: unknown) => Promise<unknown>> = {};
  for (const channel of BRIDGE_CHANNELS) {
    handlers[channel] = async (args) => {
      calls.push([channel, args]);
      if (channel === 'clients:get') throw new BridgeError('not_found', 'No such client.');
      if (channel === 'clients:count') throw new Error('database on fire');
      return 'ok';
    };
  }
  return handlers as unknown as BridgeHandlers;
}

describe('every bridge call is checked before it reaches a service', () => {
  it('refuses unknown methods and arguments that do not match the contract, without calling anything', async () => {
    const calls: unknown[] = [];
    const handlers = recordingHandlers(calls);
    expect(await dispatchBridgeCall(handlers, 'fs:readFile', { path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await dispatchBridgeCall(handlers, 'clients:update', { id: 'x', patch: { agencyId: 'other' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(
      await dispatchBridgeCall(handlers, 'clients:update', { id: 'x', patch: { dateOfBirth: '1984-02-30' } }),
    ).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Enter the date as YYYY-MM-DD.' },
    });
    expect(await dispatchBridgeCall(handlers, 'session:signIn', { username: 'casey' })).toMatchObject({
      ok: false,
    });
    expect(calls).toEqual([]);
  });

  it('passes valid calls through with the schema’s defaults applied', async () => {
    const calls: unknown[] = [];
    const result = await dispatchBridgeCall(recordingHandlers(calls), 'clients:search', { query: 'smith' });
    expect(result).toEqual({ ok: true, value: 'ok' });
    expect(calls).toEqual([['clients:search', { query: 'smith', limit: 100 }]]);
  });

  it('turns failures into envelopes: a person’s message kept, an internal error hidden', async () => {
    const handlers = recordingHandlers([]);
    expect(await dispatchBridgeCall(handlers, 'clients:get', { id: 'c1' })).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'No such client.' },
    });
    const internal = await dispatchBridgeCall(handlers, 'clients:count', { query: '' });
    expect(internal).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(internal)).not.toContain('database on fire');
  });
});
