import { spawnSync } from 'node:child_process';

/** Builds main, preload and renderer with electron-vite; stops the script if the build fails. */
export function buildApp(): void {
  console.log('Building the app…');
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
