import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BROWSER_COMMAND,
  type DesktopStart,
  findElectron,
  startDesktop,
} from '../../../scripts/electron-launch';

const scratch = mkdtempSync(join(tmpdir(), 'portico-electron-launch-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * Stands in for `require('electron')` on a machine that cannot download Electron's binary: the
 * same chatter, the same download stack trace, the same thrown error and exit code as Electron
 * 45's package printed on the build machine.
 */
const MISSING_BINARY = `
console.log('Downloading Electron binary...');
console.error(\`TypeError: fetch failed
    at node:internal/deps/undici/undici:14976:13
    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)
    at async FetchDownloader.download (file:///app/node_modules/@electron/get/dist/FetchDownloader.js:46:30)\`);
throw new Error('Electron failed to install correctly. Please delete \`node_modules/electron\` and run "npx install-electron --no" manually.');
`;

function script(name: string, source: string): string[] {
  const path = join(scratch, name);
  writeFileSync(path, source);
  return [process.execPath, path];
}

/** A child that ends with `code` once started, like electron-vite when the window closes. */
function appThatExits(code: number): ChildProcess {
  return spawn(process.execPath, ['-e', `process.exit(${code})`], { stdio: 'ignore' });
}

function parts(overrides: Partial<DesktopStart>): {
  parts: DesktopStart;
  printed: string[];
  calls: string[];
} {
  const printed: string[] = [];
  const calls: string[] = [];
  return {
    printed,
    calls,
    parts: {
      findElectron: () => findElectron(script('missing.cjs', MISSING_BINARY)),
      startServer: async () => {
        calls.push('server started');
        return { url: 'http://127.0.0.1:4999', close: async () => void calls.push('server closed') };
      },
      launch: (path, url) => {
        calls.push(`launched ${path} for ${url}`);
        return appThatExits(0);
      },
      logPath: join(scratch, `launch-${Math.random()}.log`),
      print: (text) => printed.push(text),
      ...overrides,
    },
  };
}

describe('npm start where Electron cannot start', () => {
  it('prints only the clear message and the command to run instead, before starting anything', async () => {
    const run = parts({});
    const code = await startDesktop(run.parts);
    expect(code).toBe(1);
    const text = run.printed.join('\n');
    expect(text).toContain('Electron');
    expect(text).toContain(`  ${BROWSER_COMMAND}\n`);
    // No stack trace, no installer chatter: the person sees words they can act on.
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toMatch(/TypeError|fetch failed|Downloading Electron binary|install-electron/);
    expect(run.calls).toEqual([]);
    // The installer's own words are kept for whoever needs them, and the message says where.
    const logPath = run.parts.logPath ?? '';
    expect(text).toContain(logPath);
    expect(existsSync(logPath)).toBe(true);
    expect(readFileSync(logPath, 'utf8')).toContain('TypeError: fetch failed');
  });

  it('says the same when the launcher cannot even be run', async () => {
    const run = parts({ findElectron: () => findElectron([join(scratch, 'no-such-program')]) });
    expect(await startDesktop(run.parts)).toBe(1);
    expect(run.printed.join('\n')).toContain(BROWSER_COMMAND);
    expect(run.printed.join('\n')).not.toMatch(/^\s+at /m);
  });
});

describe('npm start where Electron is there', () => {
  const binary = join(scratch, 'electron-binary');
  writeFileSync(binary, '');
  const FOUND = `console.log('Downloading Electron binary...'); process.stdout.write('\\n' + ${JSON.stringify(binary)});`;

  it('starts the server, then the app on the binary found, and says nothing when it closes normally', async () => {
    const run = parts({ findElectron: () => findElectron(script('found.cjs', FOUND)) });
    expect(await startDesktop(run.parts)).toBe(0);
    expect(run.calls).toEqual([
      'server started',
      `launched ${binary} for http://127.0.0.1:4999`,
      'server closed',
    ]);
    expect(run.printed).toEqual([]);
  });

  it('after a failed launch says what to run instead and stops the server', async () => {
    const run = parts({
      findElectron: () => findElectron(script('found.cjs', FOUND)),
      launch: () => appThatExits(1),
    });
    expect(await startDesktop(run.parts)).toBe(1);
    expect(run.printed.join('\n')).toContain(`  ${BROWSER_COMMAND}\n`);
    expect(run.calls.at(-1)).toBe('server closed');
  });

  it('does not take a path that is not there for the binary', async () => {
    const lookup = await findElectron(script('gone.cjs', "process.stdout.write('/no/such/electron')"));
    expect(lookup.found).toBe(false);
  });
});
