// The browser bench page (bench.html): it runs the training benchmark in a worker and shows the
// same table as `npm run bench`. Only the table's shape is checked, never a timing. (The app's
// own cross-origin isolation is isolation.e2e.test.ts.)
import { describe, expect, it } from "vitest";
import { MATMUL_CASES, MLP_CASE } from "../../bench/cases.ts";
import { MISMATCH_MARK } from "../../bench/table.ts";
import { openApp, screenshot, waitUntil } from "./app.ts";
import { useBrowserSession } from "./session.ts";

const session = useBrowserSession();

/** `?quick` runs every cell for a fraction of a second: ~10 s on two cores. */
const BENCH_TIMEOUT_MS = 150_000;

describe("the browser bench", () => {
  it("runs /bench.html?quick in a worker and shows one row per benchmark with a figure for every peer", async () => {
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
      const [header, rule, ...rows] = table.trim().split("\n").map((line) => line.split("|").slice(1, -1).map((c) => c.trim()));
      // | benchmark | <peers…> | tensorsheet ÷ tfjs-wasm | what |: more peers may come, these three stay.
      expect(header![0]).toBe("benchmark (GFLOP/s unless noted)");
      expect(header!.slice(-2)).toEqual(["tensorsheet ÷ tfjs-wasm", "what"]);
      const peers = header!.slice(1, -2);
      expect(peers).toEqual(expect.arrayContaining(["tensorsheet", "tfjs-cpu", "tfjs-wasm"]));
      expect(rule).toHaveLength(header!.length);

      expect(rows.map((r) => r[0])).toEqual([...MATMUL_CASES.map((c) => c.label), MLP_CASE.label]);
      for (const row of rows) {
        expect(row, `row ${row[0]}`).toHaveLength(header!.length);
        const figures = row.slice(1, 1 + peers.length);
        expect(figures.filter((f) => f.includes(MISMATCH_MARK)), `peers disagreeing on ${row[0]}`).toEqual([]);
        for (const [i, figure] of figures.entries()) {
          expect(figure, `${peers[i]} on ${row[0]}`).toMatch(/^\d+(\.\d+)?$/);
          expect(Number(figure), `${peers[i]} on ${row[0]}`).toBeGreaterThan(0);
        }
        expect(row.at(-2), `ratio on ${row[0]}`).toMatch(/^\d+(\.\d+)?×$/);
      }
      bench.assertNoPageErrors();
      expect(bench.consoleErrors, "console errors on bench.html").toEqual([]);
    } finally {
      await bench.close();
    }
  });
});
