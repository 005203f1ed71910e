// Serving the app for the browser tests and the browser bench: vite's dev server on a free port
// of 127.0.0.1, with the repository's vite.config.ts (so the real workers and plugins run), or a
// production build served by `vite preview` (what the benches measure).
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build, createServer, preview, type ViteDevServer } from "vite";
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

/**
 * `vite build` into a temporary folder, served by `vite preview` on a free port of 127.0.0.1 with
 * the cross-origin isolation headers of vite.config.ts, as a static host would serve it.
 */
export async function buildAndPreviewApp(log: (line: string) => void): Promise<RunningApp> {
  const outDir = mkdtempSync(path.join(tmpdir(), "tensorsheet-bench-"));
  const removeOutDir = () => rmSync(outDir, { recursive: true, force: true });
  try {
    const configFile = path.join(REPO_ROOT, "vite.config.ts");
    log("building the site…");
    await build({ configFile, root: REPO_ROOT, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const server = await preview({
      configFile,
      root: REPO_ROOT,
      logLevel: "warn",
      build: { outDir },
      preview: { host: "127.0.0.1", port: 0, strictPort: false, open: false },
    });
    const { port } = server.httpServer.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/`,
      async close() {
        await server.close();
        removeOutDir();
      },
    };
  } catch (e) {
    removeOutDir();
    throw e;
  }
}
