import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { preloadFirstScreen } from './preload-first-screen';

/*
 * The Customer Portal's web app, built apart from the desktop: `vite build --config
 * server/portal/vite.config.ts` writes out/portal, which the agency server serves at /portal/.
 * Paths come from this file's own URL (this config is type-checked as browser code, without
 * Node's path module), so the build works from any working directory.
 */
const here = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);

export default defineConfig({
  root: here('.'),
  base: '/portal/',
  plugins: [
    react(),
    preloadFirstScreen(),
    // Phones on prepaid data: every text file is also written brotli- and gzip-compressed at the
    // highest levels (too slow to do per request), and the agency server answers with whichever
    // the browser accepts (@fastify/static's preCompressed; server/portal-host/routes.ts).
    compression({ algorithms: ['brotliCompress', 'gzip'], include: /\.(html|js|css|svg)$/ }),
  ],
  build: {
    outDir: here('../../out/portal'),
    emptyOutDir: true,
    // Phones on slow connections: one small CSS file and no source maps to fetch.
    sourcemap: false,
    // The CSP allows no inline script or data: script, so nothing may be inlined as a data URL.
    assetsInlineLimit: 0,
    rolldownOptions: {
      // shared/ modules only define things (its README and lint rules keep them free of effects),
      // so whatever the portal does not use may be dropped: the rich-text zod schemas, for one,
      // which would otherwise add zod to every phone's download.
      treeshake: { moduleSideEffects: (id: string) => !id.includes('/shared/') },
    },
  },
  server: {
    // `npx vite --config server/portal/vite.config.ts` for development, against `npm run server`.
    proxy: { '/api': 'http://127.0.0.1:4310' },
  },
});
