import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { survivingCacheDamage } from '../services/cache/cache-healing';
import { createCacheStorage } from '../services/cache/cache-storage';
import { DesktopServices } from '../services/desktop-services';
import { startBrowserHost } from './browser-host';
import { createHostPorts } from './host-ports';

function flag(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find((arg) => arg.startsWith(prefix))?.slice(prefix.length);
}

/**
 * The browser host: the desktop's main-process services in plain Node, serving the renderer and
 * the bridge on localhost. Flags: --server=<agency server URL>, --data-dir=<folder>, --port=<n>,
 * --renderer=<built renderer folder>.
 */
async function main(): Promise<void> {
  process.on('unhandledRejection', survivingCacheDamage);
  const dataDir = resolve(flag('data-dir') ?? process.env.PORTICO_DATA_DIR ?? '.data/desktop');
  const serverUrl = flag('server') ?? process.env.PORTICO_SERVER_URL ?? 'http://127.0.0.1:4310';
  const port = Number(flag('port') ?? process.env.PORTICO_HOST_PORT ?? 5173);
  const rendererDir = resolve(flag('renderer') ?? 'out/renderer');
  const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string };

  const ports = createHostPorts(dataDir);
  const services = new DesktopServices(
    { dataDir, serverUrl, host: 'browser', version: pkg.version, createStorage: createCacheStorage(dataDir) },
    ports,
  );
  await services.start();
  const host = await startBrowserHost({
    services,
    rendererDir,
    port,
    stagingDir: join(dataDir, 'staging'),
    downloadsDir: join(dataDir, 'downloads'),
    notifications: ports.notifications,
    shownFiles: ports.shownFiles,
  });
  console.log(`Portico browser host on ${host.url} (agency server ${serverUrl}, data in ${dataDir})`);

  const shutdown = () => {
    void host
      .close()
      .then(() => services.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error('The browser host could not start:', error);
  process.exit(1);
});
