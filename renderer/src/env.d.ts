import type { PorticoRawApi } from '../../shared/bridge/api';

declare global {
  interface Window {
    /** Exposed by preload inside Electron; absent when the renderer runs in a plain browser. */
    portico?: PorticoRawApi;
    /**
     * Also from preload inside Electron, apart from `portico` because it is not a bridge channel:
     * Electron's `webUtils.getPathForFile`, which turns a File the person chose into its path on
     * disk. It has to run in the renderer's world, so it cannot be a call to main.
     */
    porticoFiles?: { pathForFile(file: File): string };
  }
}
