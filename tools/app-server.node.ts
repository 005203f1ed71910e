// Serving the app for the browser tests and the browser bench: vite's dev server on a free port
// of 127.0.0.1, with the repository's vite.config.ts (so the real workers and plugins run).
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer, type ViteDevServer } from "vite";
import { ensureMnistAsset } from "../engine/datasets/mnist-build.node.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface RunningApp {
  /** The app's URL, ending in "/". */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Start the dev server. The MNIST asset plugin does nothing under vitest (process.env.VITEST), so
 * public/data/mnist.bin is ensured here first, exactly as `npm start` would.
 */
export async function startApp(): Promise<RunningApp> {
  await ensureMnistAsset(path.join(REPO_ROOT, "public", "data", "mnist.bin"));
  const server: ViteDevServer = await createServer({
    configFile: path.join(REPO_ROOT, "vite.config.ts"),
    root: REPO_ROOT,
    mode: "development",
    // Its own dependency cache: a developer's `npm start` on the same checkout must not race it.
    cacheDir: path.join(REPO_ROOT, "node_modules", ".vite-e2e"),
    logLevel: "warn",
    clearScreen: false,
    server: {
      host: "127.0.0.1",
      port: 0,
      strictPort: false,
      open: false,
      // Don't watch files: another engineer's edit must not hot-reload the page under test.
      // (HMR stays on: the dep optimizer uses it to reload after discovering a dependency.)
      watch: null,
    },
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === "string") {
    await server.close();
    throw new Error(`the vite dev server did not report a TCP address (got ${String(address)})`);
  }
  const url = `http://127.0.0.1:${address.port}/`;
  return {
    url,
    close: () => server.close(),
  };
}
