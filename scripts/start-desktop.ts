import { spawn } from 'node:child_process';
import { startEmbeddedServer } from './embedded-server';

/**
 * `npm start`: the agency server with demo data, then the Electron app connected to it.
 * Electron downloads its binary on first launch; where that download is impossible the message
 * below points to the browser host, which runs the same app in a browser.
 */
async function main(): Promise<void> {
  const server = await startEmbeddedServer();
  const electron = spawn('npx', ['electron-vite', 'dev'], {
    stdio: 'inherit',
    env: { ...process.env, PORTICO_SERVER_URL: server.url },
    shell: process.platform === 'win32',
  });
  electron.on('exit', (code) => {
    if (code !== 0) {
      console.error(
        '\nElectron did not start. On its first launch Electron downloads its binary from GitHub; without that\n' +
          'network access run `npm run start:browser` instead: the same app in your browser.',
      );
    }
    void server.close().finally(() => process.exit(code ?? 0));
  });
  const stop = () => electron.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('Portico could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
