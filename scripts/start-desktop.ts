import { spawn } from 'node:child_process';
import { findElectron, LAUNCH_LOG, startDesktop } from './electron-launch';
import { startEmbeddedServer } from './embedded-server';

/**
 * `npm start`: the agency server with demo data, then the Electron app connected to it. Electron is
 * looked for first (its package downloads the binary on first launch); where it cannot be had the
 * person is told to run `npm run start:browser`, the same app in a browser (see electron-launch.ts).
 */
startDesktop({
  findElectron: () => findElectron(),
  startServer: startEmbeddedServer,
  launch: (electronPath, serverUrl) =>
    spawn('npx', ['electron-vite', 'dev'], {
      stdio: 'inherit',
      // electron-vite runs the binary named here: the one just found, not a second lookup of its own.
      env: { ...process.env, ELECTRON_EXEC_PATH: electronPath, PORTICO_SERVER_URL: serverUrl },
      shell: process.platform === 'win32',
    }),
  logPath: LAUNCH_LOG,
  print: (text) => console.error(text),
})
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error('Portico could not start:', error instanceof Error ? error.message : error);
    process.exit(1);
  });
