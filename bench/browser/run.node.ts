/**
 * `npm run bench:browser`: the training benchmark of `npm run bench`, in headless Chromium. Builds
 * the site (index.html + bench.html) into a temporary folder, serves it with `vite preview` (with
 * the cross-origin isolation headers of vite.config.ts, as a static host would), opens
 * /bench.html, waits for it to finish and prints its table to stdout; progress goes to stderr.
 * Then it opens the app itself (the first-look sheet), trains one epoch, and prints a second table:
 * the page's main-thread long tasks (count, longest, total) while the sheet opens and while it
 * trains (see app-responsiveness.node.ts); the longest tasks, with what ran in them, go to stderr.
 * Last, the latency of an edit of b1 in the app (edit-latency.node.ts).
 *
 *   npm run bench:browser [-- --quick] [--dev] [--app-only | --no-app]
 *
 * `--dev` serves from the vite dev server instead of a build. `--app-only` measures only the app,
 * `--no-app` only bench.html. Chromium: /usr/bin/chromium or $CHROMIUM_PATH (see
 * tools/chromium.node.ts).
 */
import type { Browser } from "playwright-core";
import { launchChromium } from "../../tools/chromium.node.ts";
import { buildAndPreviewApp, startApp } from "../../tools/app-server.node.ts";
import { appEditLatencyRow, measureAppEditLatency } from "./edit-latency.node.ts";
import { measureAppResponsiveness, responsivenessTable } from "./app-responsiveness.node.ts";

const args = process.argv.slice(2);
const query = args.includes("--quick") ? "?quick" : "";
const runBenchPage = !args.includes("--app-only");
const runApp = !args.includes("--no-app");
const TIMEOUT_MS = 20 * 60_000;

/** Runs /bench.html and prints its table; false when the page reports an error. */
async function benchPage(browser: Browser): Promise<boolean> {
  const page = await browser.newPage();
  page.on("console", (m) => console.error(m.type() === "info" || m.type() === "log" ? m.text() : `[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => console.error(`[page error] ${e.message}`));
  const url = `${server.url}bench.html${query}`;
  console.error(`${url} in ${browser.version()}`);
  await page.goto(url, { waitUntil: "load" });
  if (!(await page.evaluate(() => crossOriginIsolated))) console.error("warning: the page is not cross-origin isolated");
  const handle = await page.waitForFunction(() => {
    const state = document.body.dataset.state;
    return state === "done" || state === "error" ? state : null;
  }, null, { timeout: TIMEOUT_MS, polling: 500 });
  const state = await handle.jsonValue();
  const status = (await page.locator("#status").textContent()) ?? "";
  console.error(status);
  if (state === "done") console.log((await page.locator("#table").textContent()) ?? "");
  await page.close();
  return state === "done";
}

const server = args.includes("--dev") ? await startApp() : await buildAndPreviewApp((line) => console.error(line));
let failed = false;
try {
  const browser = await launchChromium();
  try {
    if (runBenchPage && !(await benchPage(browser))) failed = true;
    if (runApp) {
      const r = await measureAppResponsiveness(browser, server.url, (line) => console.error(line));
      console.error(`the longest main-thread tasks:\n${r.longestDescribed.join("\n") || "(none)"}`);
      console.log(`\n${responsivenessTable(r)}`);
      const edit = await measureAppEditLatency(browser, server.url, query ? 3 : 9, (line) => console.error(line));
      console.log(`\n| first-look sheet, edit b1 | latency | work |\n|---|--:|---|\n${appEditLatencyRow(edit)}`);
    }
  } finally {
    await browser.close();
  }
} catch (e) {
  console.error(e);
  failed = true;
} finally {
  await server.close();
}
process.exitCode = failed ? 1 : 0;
