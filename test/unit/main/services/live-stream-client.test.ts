import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  LiveStreamClient,
  type StreamConnectionState,
} from '../../../../main/services/sync/live-stream-client';

/*
 * The desktop's live stream must never stay "connecting" or "open" on a connection that will not
 * speak again: a dial that is accepted and never answered (made while the network was cut), or a
 * stream that goes silent without closing. Short timeouts stand in for the real ones.
 */

const TIMEOUTS = { answerMs: 300, silenceMs: 400 };

let server: Server | undefined;
let client: LiveStreamClient | undefined;
const held: ServerResponse[] = [];

afterEach(async () => {
  client?.stop();
  for (const response of held.splice(0)) response.destroy();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function serve(handle: (request: IncomingMessage, response: ServerResponse, dial: number) => void) {
  let dials = 0;
  server = createServer((request, response) => {
    dials++;
    held.push(response);
    handle(request, response, dials);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/stream`, dials: () => dials };
}

function follow(url: string) {
  const states: StreamConnectionState[] = [];
  const events: unknown[] = [];
  client = new LiveStreamClient(
    url,
    () => 'token',
    {
      onEvent: (event) => events.push(event),
      onState: (state) => states.push(state),
      onUnauthorized: () => {},
    },
    TIMEOUTS,
  );
  client.start();
  return { states, events };
}

const openStream = (response: ServerResponse) => {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write('event: resync\ndata: {"type":"resync"}\n\n');
};

const waitFor = async (what: string, check: () => boolean, ms = 5_000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('the live stream client', () => {
  it('gives up a dial that is never answered and dials again', async () => {
    const stream = await serve((_request, response, dial) => {
      if (dial >= 2) openStream(response); // the network came back
    });
    const { states, events } = follow(stream.url);
    await waitFor('a second dial', () => stream.dials() >= 2);
    await waitFor('the stream to open', () => states.includes('open'));
    expect(states.slice(0, 3)).toEqual(['connecting', 'closed', 'connecting']);
    expect(events).toEqual([{ type: 'resync' }]);
  });

  it('gives up a stream that goes silent and dials again', async () => {
    const stream = await serve((_request, response) => openStream(response));
    const { states } = follow(stream.url);
    await waitFor('a second dial', () => stream.dials() >= 2);
    expect(states.slice(0, 4)).toEqual(['connecting', 'open', 'closed', 'connecting']);
  });

  it('keeps a quiet stream whose keep-alives arrive', async () => {
    const stream = await serve((_request, response) => {
      openStream(response);
      const beat = setInterval(() => response.write(': keep-alive\n\n'), TIMEOUTS.silenceMs / 4);
      response.on('close', () => clearInterval(beat));
    });
    const { states } = follow(stream.url);
    await new Promise((resolve) => setTimeout(resolve, TIMEOUTS.silenceMs * 4));
    expect(stream.dials()).toBe(1);
    expect(states).toEqual(['connecting', 'open']);
  });
});
