/**
 * `npm run bench:browser`: the training benchmark of `npm run bench`, in headless Chromium. Serves
 * bench.html from the vite dev server (with the cross-origin isolation headers of vite.config.ts),
 * opens it, waits for it to finish and prints its table to stdout; progress goes to stderr. Not a
 * minified build: tfjs-backend-wasm's threaded build sends its own source to its pthread workers,
 * which minification breaks ("e is not defined"; tensorflow/tfjs#4253), and the compute being
 * measured is WebAssembly either way. Then it builds the site (index.html + bench.html) into a
 * temporary folder, serves it with `vite preview` as a static host would, opens the app itself
 * (the first-look sheet), trains one epoch, and prints a second table:
 * the page's main-thread long tasks (count, longest, total) while the sheet opens and while it
 * trains (see app-responsiveness.node.ts); the longest tasks, with what ran in them, go to stderr.
 * Last, the latency of an edit of b1 in the app (edit-latency.node.ts).
 *
 *   npm run bench:browser [-- --quick] [--dev] [--app-only | --no-app]
 *
 * `--dev` serves the app from the vite dev server too, instead of a build. `--app-only` measures only the app,
 * `--no-app` only bench.html. Chromium: /usr/bin/chromium or $CHROMIUM_PATH (see
 * tools/chromium.node.ts).
 */
import type { Browser } from "playwright-core";
import { launchChromium } from "../../tools/chromium.node.ts";
import { buildAndPreviewApp, startApp, type RunningApp } from "../../tools/app-server.node.ts";
import { appEditLatencyRow, measureAppEditLatency } from "./edit-latency.node.ts";
import { measureAppResponsiveness, responsivenessTable } from "./app-responsiveness.node.ts";

const args = process.argv.slice(2);
const query = args.includes("--quick") ? "?quick" : "";
const runBenchPage = !args.includes("--app-only");
const runApp = !args.includes("--no-app");
const TIMEOUT_MS = 20 * 60_000;

/** Runs /bench.html and prints its table; false when the page reports an error. */
async function benchPage(browser: Browser, serverUrl: string): Promise<boolean> {
  const page = await browser.newPage();
  page.on("console", (m) => console.error(m.type() === "info" || m.type() === "log" ? m.text() : `[${m.type()}] ${m.text()}`));
  page.on("pageerror", (e) => console.error(`[page error] ${e.message}`));
  const url = `${serverUrl}bench.html${query}`;
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

/** The app's long tasks while it opens and trains, then the latency of an edit; tables to stdout. */
async function measureApp(browser: Browser, url: string): Promise<void> {
  const r = await measureAppResponsiveness(browser, url, (line) => console.error(line));
  console.error(`the longest main-thread tasks:\n${r.longestDescribed.join("\n") || "(none)"}`);
  console.log(`\n${responsivenessTable(r)}`);
  const edit = await measureAppEditLatency(browser, url, query ? 3 : 9, (line) => console.error(line));
  console.log(`\n| first-look sheet, edit b1 | latency | work |\n|---|--:|---|\n${appEditLatencyRow(edit)}`);
}

/** Runs `measure` against a server that is closed afterwards. */
async function withServer(start: () => Promise<RunningApp>, measure: (url: string) => Promise<void>): Promise<void> {
  const running = await start();
  try {
    await measure(running.url);
  } finally {
    await running.close();
  }
}

let failed = false;
try {
  const browser = await launchChromium();
  try {
    if (runBenchPage) {
      await withServer(startApp, async (url) => {
        if (!(await benchPage(browser, url))) failed = true;
      });
    }
    if (runApp) {
      const start = args.includes("--dev") ? startApp : () => buildAndPreviewApp((line) => console.error(line));
      await withServer(start, (url) => measureApp(browser, url));
    }
  } finally {
    await browser.close();
  }
} catch (e) {
  console.error(e);
  failed = true;
}
process.exitCode = failed ? 1 : 0;

