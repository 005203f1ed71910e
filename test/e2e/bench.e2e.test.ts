// The browser bench page (bench.html): it runs the training benchmark in a worker and shows the
// same table as `npm run bench`. Only the table's shape is checked, never a timing. (The app's
// own cross-origin isolation is isolation.e2e.test.ts.)
import { describe, expect, it } from "vitest";
import { CONV_FORWARD_CASES, CONVNET_CASE } from "../../bench/convnet-cases.ts";
import { MATMUL_CASES, MLP_CASE } from "../../bench/cases.ts";
import { MISMATCH_MARK } from "../../bench/table.ts";
import { openApp, screenshot, waitUntil } from "./app.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

/** `?quick` runs every cell for a fraction of a second: ~30 s on two cores, in two workers. */
const BENCH_TIMEOUT_MS = 240_000;

/** tfjs-cpu is not run on the convnet rows (its convolution gradients take ~40 s a step). */
const CONVNET_ROWS = [CONVNET_CASE.label, ...CONV_FORWARD_CASES.map((c) => c.label)];

describe("the browser bench", () => {
  it("runs /bench.html?quick in workers and shows one row per benchmark with a figure for every peer, tfjs-wasm's threaded build facing our two threads", async () => {
    const bench = await openApp(session.browser(), `${session.server().url}bench.html?quick`, { waitForGrid: false });
    try {
      const { page } = bench;
      expect(await page.evaluate(() => crossOriginIsolated), "bench.html is crossOriginIsolated").toBe(true);
      await waitUntil(
        page,
        async () => ["done", "error"].includes((await page.locator("body").getAttribute("data-state")) ?? ""),
        BENCH_TIMEOUT_MS,
        "the bench to finish",
      );
      const status = (await page.locator("#status").textContent()) ?? "";
      expect(await page.locator("body").getAttribute("data-state"), status).toBe("done");
      expect(await page.locator("body").getAttribute("data-worker-isolated"), "the bench worker is crossOriginIsolated").toBe("true");
      await screenshot(page, "bench-quick");

      const table = (await page.locator("#table").textContent()) ?? "";
      console.info(`bench.html?quick: ${status}\n${table}`);
      const lines = table.trim().split("\n");
      // Above the table: when and where, then each peer's build, in column order.
      const caption = lines.slice(0, lines.findIndex((line) => line.startsWith("|"))).filter((line) => line !== "");
      expect(caption[0]).toMatch(/^- measured \d{4}-\d\d-\d\d \d\d:\d\d UTC in Chrome\/[\d.]+, \d+ logical cores, page cross-origin isolated, served unminified by vite dev$/);
      expect(caption.slice(1)).toEqual([
        "- tensorsheet: gemm:wasm-simd-fma optim:wasm, relaxed-SIMD FMA kernel used, 1 thread",
        "- tfjs-wasm: tfjs-backend-wasm-simd.wasm (WASM_HAS_SIMD_SUPPORT true, WASM_HAS_MULTITHREAD_SUPPORT false), getThreadsCount() 1; "
          + "convolution kernel gradient via conv2d on transposed operands",
        "- tensorsheet 2 threads: gemm:wasm-simd-fma optim:wasm, relaxed-SIMD FMA kernel used, 2 threads",
        "- tfjs-wasm 2 threads: tfjs-backend-wasm-threaded-simd.wasm (WASM_HAS_SIMD_SUPPORT true, WASM_HAS_MULTITHREAD_SUPPORT true), "
          + "getThreadsCount() 2 (navigator.hardwareConcurrency as tfjs reads it: 4); convolution kernel gradient via conv2d on transposed operands",
      ]);

      const [header, rule, ...rows] = lines.filter((line) => line.startsWith("|")).map((line) => line.split("|").slice(1, -1).map((c) => c.trim()));
      expect(header).toEqual([
        "benchmark (GFLOP/s unless noted)", "tensorsheet", "tfjs-cpu", "tfjs-wasm", "tensorsheet 2 threads", "tfjs-wasm 2 threads",
        "tensorsheet ÷ tfjs-wasm", "tensorsheet 2 threads ÷ tfjs-wasm 2 threads", "what",
      ]);
      const peers = header!.slice(1, -3);
      expect(rule).toHaveLength(header!.length);

      expect(rows.map((r) => r[0])).toEqual([...MATMUL_CASES.map((c) => c.label), MLP_CASE.label, ...CONVNET_ROWS]);
      for (const row of rows) {
        expect(row, `row ${row[0]}`).toHaveLength(header!.length);
        const figures = row.slice(1, 1 + peers.length);
        expect(figures.filter((f) => f.includes(MISMATCH_MARK)), `peers disagreeing on ${row[0]}`).toEqual([]);
        for (const [i, figure] of figures.entries()) {
          if (peers[i] === "tfjs-cpu" && CONVNET_ROWS.includes(row[0]!)) {
            expect(figure, `${peers[i]} on ${row[0]}`).toBe("—");
            continue;
          }
          expect(figure, `${peers[i]} on ${row[0]}`).toMatch(/^\d+(\.\d+)?$/);
          expect(Number(figure), `${peers[i]} on ${row[0]}`).toBeGreaterThan(0);
        }
        for (const ratio of row.slice(-3, -1)) expect(ratio, `ratios on ${row[0]}`).toMatch(/^\d+(\.\d+)?×$/);
      }
      // Nothing below the table: no peer failed a row.
      expect(lines.at(-1)!.startsWith("|"), `last line: ${lines.at(-1)}`).toBe(true);
      bench.assertNoPageErrors();
      expect(bench.consoleErrors, "console errors on bench.html").toEqual([]);
    } finally {
      await bench.close();
    }
  });
});
