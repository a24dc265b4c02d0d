import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** What to run where Electron cannot start: the same app, in a browser. */
export const BROWSER_COMMAND = 'npm run start:browser';

/** Where the launcher's own output goes when it fails, for whoever wants the technical details. */
export const LAUNCH_LOG = resolve('.data/electron-launch.log');

/**
 * Asks Node for Electron's binary the way Electron's package answers it on first launch (it
 * downloads the binary then). Its path is the last line printed; anything before it is the
 * download's own chatter.
 */
export const FIND_ELECTRON_COMMAND: readonly string[] = [
  process.execPath,
  '-e',
  "process.stdout.write('\\n' + require('electron'))",
];

export type ElectronLookup = { found: true; path: string } | { found: false; output: string };

/**
 * Runs `command` (FIND_ELECTRON_COMMAND, or a stand-in in tests) with its output kept rather than
 * shown: when the binary cannot be had, Electron's package prints a download stack trace that
 * tells the person nothing they can act on.
 */
export function findElectron(command: readonly string[] = FIND_ELECTRON_COMMAND): Promise<ElectronLookup> {
  const [program, ...args] = command;
  if (!program) throw new Error('findElectron needs a command');
  return new Promise((done) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('error', (error) => done({ found: false, output: `${output}${error.message}\n` }));
    child.on('close', (code) => {
      const path = stdout.trimEnd().split('\n').pop()?.trim() ?? '';
      if (code === 0 && path && existsSync(path)) done({ found: true, path });
      else done({ found: false, output });
    });
  });
}

/** The words for the person at the terminal: what happened, and the one command to run instead. */
export function electronUnavailableMessage(logPath: string | null): string {
  return [
    '',
    'Portico’s desktop window cannot open on this computer: Electron, which shows it, could not be',
    'found or downloaded (its first launch downloads it, which needs access to GitHub).',
    '',
    'Run the same app in your browser instead:',
    '',
    `  ${BROWSER_COMMAND}`,
    '',
    ...(logPath ? [`(What Electron’s installer said is in ${logPath}.)`, ''] : []),
  ].join('\n');
}

/** After a launch that failed: Electron's own words are above; this says what to do instead. */
export function electronFailedMessage(): string {
  return [
    '',
    'Portico’s desktop window closed with an error (above). Where Electron cannot run, run the same',
    'app in your browser instead:',
    '',
    `  ${BROWSER_COMMAND}`,
    '',
  ].join('\n');
}

/** The parts of `npm start`, so its logic can run in tests with stand-ins for each. */
export interface DesktopStart {
  findElectron(): Promise<ElectronLookup>;
  startServer(): Promise<{ url: string; close(): Promise<void> }>;
  /** Starts the app (electron-vite dev) on the binary found, pointed at the agency server. */
  launch(electronPath: string, serverUrl: string): ChildProcess;
  /** Where the launcher's output is kept when it fails; null to keep it nowhere. */
  logPath: string | null;
  print(text: string): void;
}

/**
 * `npm start`: finds Electron first, so a machine without it is told at once (before the server
 * is built and started) and sees only the message and the command to run instead. Resolves with
 * the exit code.
 */
export async function startDesktop(parts: DesktopStart): Promise<number> {
  // The lookup is instant once Electron is installed; only a first-launch download is slow.
  const slow = setTimeout(() => parts.print('Getting Electron ready (its first launch downloads it)…'), 2000);
  const electron = await parts.findElectron().finally(() => clearTimeout(slow));
  if (!electron.found) {
    const logPath = parts.logPath && keepLog(parts.logPath, electron.output) ? parts.logPath : null;
    parts.print(electronUnavailableMessage(logPath));
    return 1;
  }
  const server = await parts.startServer();
  const app = parts.launch(electron.path, server.url);
  let stopping = false;
  const stop = () => {
    stopping = true;
    app.kill('SIGTERM');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise<number>((done) => {
    app.on('error', () => done(1));
    app.on('exit', (exitCode, signal) => done(exitCode ?? (signal ? 1 : 0)));
  });
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  if (code !== 0 && !stopping) parts.print(electronFailedMessage());
  await server.close();
  return stopping ? 0 : code;
}

function keepLog(path: string, output: string): boolean {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, output);
    return true;
  } catch {
    return false;
  }
}
