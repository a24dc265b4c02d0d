import { get, type IncomingMessage } from 'node:http';

/*
 * A child process holding many live streams at once, each with a real staff session token, so the
 * agency server does for each exactly what it does for a desktop. It only reads the events: it reports when every stream has delivered a watched
 * message id. Messages from the parent: first the input (SwarmInput), then {watch: id, group?}; to the parent: {ready}, {watching: id}
 * (so the parent posts only once the watch is set) and {delivered: id}. Streams may carry a group
 * (their staff member's agency): a watch for a group waits only for that group's streams, the
 * ones that may see the message.
 */

interface SwarmInput {
  streamUrl: string;
  tokens: string[];
  /** groups[i] is stream i's group; absent, every stream is in one group. */
  groups?: number[];
}

type ParentMessage = { watch: string; group?: number } | { stop: true };

const watching = new Map<string, Set<number>>();
const streams: IncomingMessage[] = [];

function send(message: unknown): void {
  process.send?.(message);
}

function onEvent(stream: number, block: string): void {
  for (const [id, pending] of watching) {
    if (!pending.has(stream) || !block.includes(id)) continue;
    pending.delete(stream);
    if (pending.size === 0) {
      watching.delete(id);
      send({ delivered: id });
    }
  }
}

function open(url: string, token: string, index: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = get(
      url,
      // A connection of its own per stream, as each desktop has.
      { agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`stream ${index} answered ${response.statusCode}`));
          return;
        }
        streams.push(response);
        response.setEncoding('utf8');
        let buffer = '';
        let resynced = false;
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let boundary = buffer.indexOf('\n\n');
          while (boundary !== -1) {
            const block = buffer.slice(0, boundary);
            buffer = buffer.slice(boundary + 2);
            if (!resynced && block.includes('event: resync')) {
              resynced = true;
              resolve();
            }
            onEvent(index, block);
            boundary = buffer.indexOf('\n\n');
          }
        });
      },
    );
    request.on('error', reject);
  });
}

async function main(input: SwarmInput): Promise<void> {
  // Opened a few at a time: a real office's desktops do not all connect in the same millisecond.
  for (let start = 0; start < input.tokens.length; start += 20) {
    await Promise.all(
      input.tokens.slice(start, start + 20).map((token, i) => open(input.streamUrl, token, start + i)),
    );
  }
  process.on('message', (message: ParentMessage) => {
    if ('stop' in message) {
      for (const stream of streams) stream.destroy();
      process.exit(0);
    }
    const { group } = message;
    const members = input.tokens
      .map((_, i) => i)
      .filter((i) => group === undefined || input.groups?.[i] === group);
    if (members.length === 0) throw new Error(`no stream is in group ${group}`);
    watching.set(message.watch, new Set(members));
    send({ watching: message.watch });
  });
  send({ ready: input.tokens.length });
}

// The input comes as the first message: thousands of tokens are too long for one argument.
process.once('message', (input: SwarmInput) => {
  main(input).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
