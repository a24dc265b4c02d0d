import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PorticoApi } from '../../shared/bridge/api';
import { type BridgeSocketClient, connectBridge } from './bridge-socket-client';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface DesktopProcess {
  /** The desktop's bridge, driven exactly as its renderer drives it. */
  api: PorticoApi;
  bridge: BridgeSocketClient;
  dataDir: string;
  url: string;
  /** Kills the process without warning (SIGKILL): nothing gets a chance to flush. */
  kill(): Promise<void>;
  /** Stops it cleanly. */
  stop(): Promise<void>;
}

/**
 * A desktop as its own process: the browser host running the real main-process services on a
 * data folder, connected to an agency server. Each desktop is a process of its own, as on real
 * laptops, which also keeps every process within RxDB's free 13-collection limit.
 */
export async function startDesktop(options: {
  serverUrl: string;
  dataDir?: string;
  /** Extra environment, e.g. PORTICO_IDLE_LOCK_MS to shorten the idle lock. */
  env?: Record<string, string>;
  /** The laptop's clock is this far ahead (negative: behind) of the real time. */
  clockSkewMs?: number;
}): Promise<DesktopProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'portico-desktop-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(options.clockSkewMs
        ? ['--import', pathToFileURL(join(REPO_ROOT, 'test/support/skewed-clock.mjs')).href]
        : []),
      '--import',
      'tsx',
      'main/browser-host/main.ts',
      `--server=${options.serverUrl}`,
      `--data-dir=${dataDir}`,
      '--port=0',
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        ...(options.clockSkewMs ? { PORTICO_TEST_CLOCK_SKEW_MS: String(options.clockSkewMs) } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`desktop did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.DEBUG_DESKTOP) process.stdout.write(chunk);
      const match = /browser host on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // DEBUG_DESKTOP=1 shows what the desktop process logs, for finding why a test failed.
      if (process.env.DEBUG_DESKTOP) process.stderr.write(chunk);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`desktop exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const bridge = await connectBridge(url);
  return {
    api: bridge.api,
    bridge,
    dataDir,
    url,
    async kill() {
      bridge.close();
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      bridge.close();
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export function removeDataDir(dataDir: string): void {
  rmSync(dataDir, { recursive: true, force: true });
}

/** Polls until `check` returns a value that is not undefined, or fails with `what` after the timeout. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`);
}
