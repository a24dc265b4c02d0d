import { type ChildProcess, fork } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const SWARM = resolve(dirname(fileURLToPath(import.meta.url)), 'sse-swarm.ts');

type SwarmMessage = { ready: number } | { watching: string } | { delivered: string };

export interface Swarm {
  /**
   * Starts watching for `id`; resolves once the swarm is watching, with a promise of the time
   * (performance.now() here) at which every stream had delivered it.
   */
  watch(id: string, group?: number): Promise<{ delivered: Promise<number> }>;
  close(): Promise<void>;
}

/** Starts the stream-holding child process and waits until every stream is open and resynced. */
export async function startSwarm(serverUrl: string, tokens: string[], groups?: number[]): Promise<Swarm> {
  const child: ChildProcess = fork(SWARM, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  child.send({ streamUrl: `${serverUrl}/api/replication/stream`, tokens, groups });
  const waiters = new Map<string, (at: number) => void>();
  const acks = new Map<string, () => void>();
  const ready = new Promise<void>((resolveReady, reject) => {
    child.once('exit', (code) => reject(new Error(`the stream swarm exited with ${code}`)));
    child.on('message', (message: SwarmMessage) => {
      if ('ready' in message) resolveReady();
      else if ('watching' in message) {
        acks.get(message.watching)?.();
        acks.delete(message.watching);
      } else {
        waiters.get(message.delivered)?.(performance.now());
        waiters.delete(message.delivered);
      }
    });
  });
  await ready;
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  return {
    async watch(id, group) {
      const delivered = new Promise<number>((resolveDelivered) => waiters.set(id, resolveDelivered));
      const acknowledged = new Promise<void>((resolveAck) => acks.set(id, resolveAck));
      child.send({ watch: id, group });
      await acknowledged;
      return { delivered };
    },
    async close() {
      child.send({ stop: true });
      await exited;
    },
  };
}
