import { spawnSync } from 'node:child_process';

function run(what: string, args: string[]): void {
  console.log(`Building ${what}…`);
  const result = spawnSync('npx', args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`The build of ${what} failed; see the messages above.`);
    process.exit(result.status ?? 1);
  }
}

/** Builds main, preload and renderer with electron-vite; stops the script if the build fails. */
export function buildApp(): void {
  run('the app', ['electron-vite', 'build']);
}

/**
 * Builds the Customer Portal's web app into out/portal, which the agency server serves at
 * /portal/: without it, clients would get the "not built" page on a fresh clone.
 */
export function buildPortal(): void {
  run('the Customer Portal', [
    'vite',
    'build',
    '--config',
    'server/portal/vite.config.ts',
    '--logLevel',
    'warn',
  ]);
}
