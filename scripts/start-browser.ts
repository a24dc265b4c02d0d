import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startBrowserHost } from '../main/browser-host/browser-host';
import { createHostPorts } from '../main/browser-host/host-ports';
import { createCacheStorage } from '../main/services/cache/cache-storage';
import { DesktopServices } from '../main/services/desktop-services';
import { buildApp } from './build-renderer';
import { startEmbeddedServer } from './embedded-server';

/**
 * `npm run start:browser`: the agency server with demo data, and the desktop's services in the
 * browser host, serving the renderer to any browser on this machine.
 */
async function main(): Promise<void> {
  buildApp();
  const server = await startEmbeddedServer();
  const dataDir = resolve(process.env.PORTICO_DESKTOP_DATA_DIR ?? '.data/desktop');
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };
  const ports = createHostPorts(dataDir);
  const services = new DesktopServices(
    {
      dataDir,
      serverUrl: server.url,
      host: 'browser',
      version: pkg.version,
      createStorage: createCacheStorage(dataDir),
    },
    ports,
  );
  await services.start();
  const host = await startBrowserHost({
    services,
    rendererDir: resolve('out/renderer'),
    port: Number(process.env.PORTICO_HOST_PORT ?? 5173),
    stagingDir: join(dataDir, 'staging'),
    downloadsDir: join(dataDir, 'downloads'),
    notifications: ports.notifications,
    shownFiles: ports.shownFiles,
  });
  console.log(`\nPortico is running. Open ${host.url} and sign in as casey with password Portico#2026.\n`);
  const shutdown = () => {
    void host
      .close()
      .then(() => services.close())
      .then(() => server.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('Portico could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
