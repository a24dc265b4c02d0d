import type { HtmlTagDescriptor, Plugin } from 'vite';

/*
 * The portal's entry (src/main.tsx) is small and free of React, and imports the first screen
 * (src/start.tsx: React, the app, the sign-in page) dynamically, so it can start the dictionary and
 * session downloads without waiting for React. Vite lists in index.html only what an entry imports
 * statically; this plugin adds a modulepreload link for the first screen and the chunks it imports,
 * so the browser fetches them beside the entry instead of after it.
 */

const FIRST_SCREEN = '/src/start.tsx';

export function preloadFirstScreen(): Plugin {
  return {
    name: 'portico:preload-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle }) {
        if (!bundle) return undefined;
        const chunks = Object.values(bundle).flatMap((item) => (item.type === 'chunk' ? [item] : []));
        const start = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(FIRST_SCREEN));
        if (!start) throw new Error(`The portal build has no chunk for ${FIRST_SCREEN} to preload.`);
        const files = new Set<string>();
        const add = (fileName: string) => {
          const chunk = chunks.find((c) => c.fileName === fileName);
          if (!chunk || chunk.isEntry || files.has(fileName)) return;
          files.add(fileName);
          for (const imported of chunk.imports) add(imported);
        };
        add(start.fileName);
        return [...files].map(
          (fileName): HtmlTagDescriptor => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/portal/${fileName}` },
            injectTo: 'head',
          }),
        );
      },
    },
  };
}
