import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";

export default defineConfig({
  plugins: [solid()],
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
    // The two cores are shared by the engine's heavy tests; more workers only thrash.
    maxWorkers: 2,
  },
});
