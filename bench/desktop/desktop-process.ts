import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PorticoApi } from '../../shared/bridge/api';
import { type BridgeSocketClient, connectBridge } from '../../test/support/bridge-socket-client';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchDesktop {
  /** The desktop's bridge, driven as its renderer drives it. */
  api: PorticoApi;
  bridge: BridgeSocketClient;
  dataDir: string;
  /** Stops it cleanly (SIGTERM: the browser host closes its cache and exits). */
  stop(): Promise<void>;
}

/**
 * A real desktop as its own process: the browser host (main/browser-host/main.ts) running the
 * desktop's services on `dataDir`. With BENCH_PROFILE=<folder> it writes a CPU profile there on
 * exit, to see where a slow figure spends its time.
 */
export async function startBenchDesktop(options: {
  serverUrl: string;
  dataDir: string;
}): Promise<BenchDesktop> {
  const profileDir = process.env.BENCH_PROFILE;
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${resolve(profileDir)}`] : []),
      '--import',
      'tsx',
      'main/browser-host/main.ts',
      `--server=${options.serverUrl}`,
      `--data-dir=${options.dataDir}`,
      '--port=0',
    ],
    { cwd: REPO_ROOT, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`the desktop did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.BENCH_DEBUG) process.stderr.write(chunk);
      const match = /browser host on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the desktop exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const bridge = await connectBridge(url);
  return {
    api: bridge.api,
    bridge,
    dataDir: options.dataDir,
    async stop() {
      bridge.close();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Waits until the desktop says it is online with nothing left to pull. It is also told the person
 * is at the keyboard, so the idle lock never closes the bridge in the middle of a run.
 */
export async function waitForSyncState(
  api: PorticoApi,
  state: 'online' | 'offline',
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await api.session.activity();
    if ((await api.sync.status()).state === state) return;
    if (Date.now() > deadline) throw new Error(`the desktop did not get ${state} within ${timeoutMs} ms`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 50));
  }
}
