// Helpers for driving the app in a real browser. Selectors are the app's data-testid contract.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { expect } from "vitest";
import { REPO_ROOT } from "../../tools/app-server.node.ts";

export const RESULTS_DIR = path.join(REPO_ROOT, "test-results");

/** How long the first-look sheet may take to load MNIST and evaluate (two cores, no GPU). */
export const FIRST_LOOK_TIMEOUT_MS = 90_000;

export interface AppPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Uncaught exceptions in the page (worker failures show in the app instead: see appFailure). */
  readonly pageErrors: string[];
  /** console.error messages and failed requests: reported, not fatal. */
  readonly consoleErrors: string[];
  /** Throws when the page has had an uncaught error. Helpers below call it as they go. */
  assertNoPageErrors(): void;
  /** Closes the page, and the context when openApp created it. */
  close(): Promise<void>;
}

export interface OpenAppOptions {
  /** Wait for the grid to appear (default true). */
  readonly waitForGrid?: boolean;
}

const pages = new WeakMap<Page, AppPage>();

/**
 * Open the app in a new page. Given a Browser, the page gets a new context: a new user with empty
 * storage. Given a BrowserContext (e.g. a persistent one), the page shares its storage.
 */
export async function openApp(target: Browser | BrowserContext, url: string, options: OpenAppOptions = {}): Promise<AppPage> {
  const ownContext = "newContext" in target;
  const context = ownContext ? await target.newContext({ viewport: { width: 1440, height: 900 } }) : target;
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(`${e.name}: ${e.message}${e.stack ? `\n${e.stack}` : ""}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) consoleErrors.push(`console.error: ${m.text()} (${m.location().url}:${m.location().lineNumber})`);
  });
  // (Aborted optimized-dependency requests, in .vite/deps or the tests' .vite-e2e/deps, are vite
  // reloading the page after optimizing a dependency.)
  page.on("requestfailed", (r) => void (/\/favicon\.ico$|\/node_modules\/\.vite[^/]*\/deps\//.test(r.url()) || consoleErrors.push(`request failed: ${r.method()} ${r.url()}: ${r.failure()?.errorText ?? "?"}`)));
  const app: AppPage = {
    page,
    context,
    pageErrors,
    consoleErrors,
    assertNoPageErrors() {
      if (pageErrors.length > 0) {
        throw new Error(`uncaught error(s) in the page:\n${pageErrors.join("\n---\n")}${consoleErrors.length ? `\nconsole errors:\n${consoleErrors.join("\n")}` : ""}`);
      }
    },
    async close() {
      await page.close().catch(() => undefined);
      if (ownContext) await context.close().catch(() => undefined);
    },
  };
  pages.set(page, app);
  await page.goto(url, { waitUntil: "load" });
  if (options.waitForGrid ?? true) {
    await waitUntil(page, () => page.getByTestId("grid").isVisible(), 30_000, "the grid to appear");
  }
  return app;
}

function check(page: Page): void {
  pages.get(page)?.assertNoPageErrors();
}

/** The message of vite's error overlay (a module failed to compile or resolve), if it is shown. */
export async function viteErrorOverlay(page: Page): Promise<string | null> {
  return page
    .evaluate(() => {
      const overlay = document.querySelector("vite-error-overlay");
      if (!overlay) return null;
      const root = overlay.shadowRoot;
      const text = (sel: string) => root?.querySelector(sel)?.textContent?.trim() ?? "";
      return [text(".message"), text(".file")].filter(Boolean).join(" ") || "vite error overlay shown";
    })
    .catch(() => null);
}

/**
 * The app's failure notice (the worker reported a failure it could not attach to a cell, or crashed),
 * if shown. Import/export notices (data-testid=notice) and the formula error are not failures.
 */
export async function appFailure(page: Page): Promise<string | null> {
  return page
    .evaluate(() => {
      const el = document.querySelector("[data-testid=failure], .notice-error[role=alert]:not([data-testid])");
      return el ? (el.textContent ?? "").trim() || "failure notice shown" : null;
    })
    .catch(() => null);
}

/**
 * Poll `condition` until it holds. Fails early on an uncaught page error or vite's error overlay;
 * on timeout, saves a screenshot and says what the page logged.
 */
export async function waitUntil(page: Page, condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; ; i++) {
    check(page);
    if (await condition().catch(() => false)) return;
    const overlay = i % 10 === 0 ? await viteErrorOverlay(page) : null;
    const failure = i % 10 === 0 && overlay === null ? await appFailure(page) : null;
    if (overlay !== null || failure !== null || Date.now() > deadline) {
      const shot = await screenshot(page, `failed-${what.replace(/[^\w]+/g, "-").slice(0, 60)}`).catch(() => null);
      const logged = pages.get(page)?.consoleErrors ?? [];
      const reason =
        overlay !== null
          ? `the app failed to build while waiting for ${what}: ${overlay}`
          : failure !== null
            ? `the app reported a failure while waiting for ${what}: ${failure}`
            : `timed out after ${timeoutMs} ms waiting for ${what}`;
      throw new Error(
        reason +
          (shot ? ` (screenshot: ${shot})` : "") +
          (logged.length ? `\npage console errors:\n${logged.slice(-10).join("\n")}` : ""),
      );
    }
    await page.waitForTimeout(100);
  }
}

/** Save a full-page screenshot to test-results/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export function cell(page: Page, address: string): Locator {
  return page.getByTestId(`cell-${address}`);
}

/** The visible text of a cell (name, shape, value or error). */
export async function cellText(page: Page, address: string): Promise<string> {
  return (await cell(page, address).innerText()).trim();
}

/** The text of one part of a cell: "name", "shape", "error"; null when the cell has none. */
export async function cellPart(page: Page, address: string, part: "name" | "shape" | "error"): Promise<string | null> {
  // One read in the page: a cell can empty between a count() and an innerText(), which would
  // then wait out the default timeout.
  return cell(page, address).evaluate(
    (el, testId) => (el.querySelector(`[data-testid="${testId}"]`) as HTMLElement | null)?.innerText.trim() ?? null,
    `cell-${part}`,
  );
}

/** The formula bar's editable element (an input, a textarea, or a contenteditable such as CodeMirror's). */
export async function formulaEditable(page: Page): Promise<Locator> {
  const input = page.getByTestId("formula-input");
  await input.waitFor({ state: "visible" });
  const own = await input.evaluate((el) => el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || (el as HTMLElement).isContentEditable);
  return own ? input : input.locator("[contenteditable=true], textarea, input").first();
}

/** The formula bar's current text. */
export async function formulaText(page: Page): Promise<string> {
  const el = await formulaEditable(page);
  return el.evaluate((e) => {
    if (e instanceof HTMLInputElement || e instanceof HTMLTextAreaElement) return e.value;
    // CodeMirror: the text of its lines, without the placeholder shown when empty.
    if (e.querySelector(".cm-placeholder")) return "";
    const lines = e.querySelectorAll(".cm-line");
    return lines.length > 0 ? [...lines].map((l) => l.textContent ?? "").join("\n") : ((e as HTMLElement).innerText ?? "");
  });
}

/**
 * An open completion list would take the Enter: wait until the lookup the typing started is over
 * (the formula input's data-completion is no longer "pending"), and close the list if it opened
 * (Escape closes the list, not the edit).
 */
export async function settleCompletions(page: Page): Promise<void> {
  const input = page.getByTestId("formula-input");
  const status = () => input.getAttribute("data-completion");
  await waitUntil(page, async () => (await status()) !== "pending", 15_000, "the completion lookup to finish");
  if ((await status()) === "active") {
    await page.keyboard.press("Escape");
    await waitUntil(page, async () => (await status()) === "closed", 15_000, "the completion list to close");
  }
}

/** Select a cell, replace its source in the formula bar with `source`, and commit with Enter. */
export async function typeInCell(page: Page, address: string, source: string): Promise<void> {
  check(page);
  await cell(page, address).click();
  const editable = await formulaEditable(page);
  await editable.click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("Backspace");
  await page.keyboard.type(source, { delay: 5 });
  await settleCompletions(page);
  await page.keyboard.press("Enter");
  check(page);
}

/**
 * Commit a source with a mistake and check it is explained twice, alike: in the cell and in the
 * formula bar, which keeps the source as typed and marks it invalid. Returns the cell's error.
 */
export async function typeMistake(page: Page, address: string, source: string): Promise<string> {
  await typeInCell(page, address, source);
  await waitForCell(page, address, "error", /\S/);
  const cellError = (await cellPart(page, address, "error")) ?? "";
  const formulaError = page.getByTestId("formula-error");
  await waitUntil(page, () => formulaError.isVisible(), 15_000, "the formula bar's error");
  const message = (await formulaError.innerText()).trim();
  expect(message).not.toBe("");
  expect(cellError).toContain(message);
  expect(await formulaText(page)).toBe(source);
  expect(await page.getByTestId("formula-input").getAttribute("aria-invalid")).toBe("true");
  return cellError;
}

export interface IdleOptions {
  readonly timeoutMs?: number;
  /** How long the page must stay idle to count (default 500 ms): evaluation starts asynchronously. */
  readonly quietMs?: number;
  /** Also require the save status to say everything is saved (default true). */
  readonly saved?: boolean;
  /** Count an empty sheet as idle (default false: a sheet being opened shows no cells at first). */
  readonly allowEmpty?: boolean;
}

/**
 * Wait until the sheet is evaluated and saved: the grid is not aria-busy (when the app marks it),
 * no cell is pending, some cell is shown (unless allowEmpty) and the save status says all changes
 * are saved, continuously for quietMs.
 */
export async function waitForIdle(page: Page, options: IdleOptions = {}): Promise<void> {
  const { timeoutMs = FIRST_LOOK_TIMEOUT_MS, quietMs = 500, saved = true, allowEmpty = false } = options;
  let idleSince: number | null = null;
  await waitUntil(
    page,
    async () => {
      const idle = await page.evaluate(
        ({ needSaved, allowEmpty }) => {
          const grid = document.querySelector("[data-testid=grid]");
          if (!grid) return false;
          const busy = grid.getAttribute("aria-busy") ?? grid.getAttribute("data-evaluating");
          if (busy === "true") return false;
          if (grid.querySelector("[data-testid=cell-pending]")) return false;
          if (!allowEmpty && !grid.querySelector("[data-testid=cell-name]")) return false;
          if (!needSaved) return true;
          const status = document.querySelector("[data-testid=save-status]")?.textContent ?? "";
          return /\bsaved\b/i.test(status) && !/not saved|unsaved/i.test(status);
        },
        { needSaved: saved, allowEmpty },
      );
      if (!idle) {
        idleSince = null;
        return false;
      }
      idleSince ??= Date.now();
      return Date.now() - idleSince >= quietMs;
    },
    timeoutMs,
    saved ? "the sheet to be evaluated and saved" : "the sheet to be evaluated",
  );
}

/**
 * The values a cell's bar chart (view-bars, vectors of up to 64 values) shows, read the way a user
 * reads them: hovering each bar and reading the "[k] = v" readout (NaN and ±Inf are marked slots
 * that read out as NaN, Inf and -Inf).
 */
export async function barValues(page: Page, address: string): Promise<number[]> {
  const view = cell(page, address).getByTestId("view-bars");
  await view.waitFor({ state: "visible" });
  const bars = view.locator("rect.tv-bar");
  const n = await bars.count();
  const values: number[] = [];
  for (let k = 0; k < n; k++) {
    await bars.nth(k).hover();
    const readout = view.getByTestId("readout");
    await readout.waitFor({ state: "visible", timeout: 5_000 });
    const text = (await readout.innerText()).trim();
    const m = /=\s*(\S+)/.exec(text);
    if (!m) throw new Error(`unexpected bar readout in ${address}: ${JSON.stringify(text)}`);
    values.push(m[1] === "Inf" ? Infinity : m[1] === "-Inf" ? -Infinity : Number(m[1]));
  }
  await page.mouse.move(0, 0);
  return values;
}

/**
 * The numbers a cell's values view (view-values: the tensor printed as NumPy prints it) shows, in
 * row-major order, read from its text; null when the cell shows no values view.
 */
export async function shownValues(page: Page, address: string): Promise<number[] | null> {
  const text = await cell(page, address).evaluate((el) => (el.querySelector("[data-testid=view-values]") as HTMLElement | null)?.innerText ?? null);
  if (text === null) return null;
  const words = text.replace(/[[\]]/g, " ").split(/\s+/).filter(Boolean);
  if (words.includes("...")) throw new Error(`cell ${address} shows only the edges of its values: ${JSON.stringify(text)}`);
  return words.map((w) => (w === "nan" ? NaN : w === "inf" ? Infinity : w === "-inf" ? -Infinity : Number(w)));
}

export interface WaitForCellOptions {
  readonly timeoutMs?: number;
  /**
   * While waiting for a name or shape, fail at once when the cell shows an error (default true).
   * Pass false when the cell still shows an error that the edit being awaited fixes.
   */
  readonly failOnError?: boolean;
}

/** Wait until a cell's name, shape or error text is `expected`. */
export async function waitForCell(
  page: Page,
  address: string,
  part: "name" | "shape" | "error",
  expected: string | RegExp,
  options: WaitForCellOptions = {},
): Promise<void> {
  const { timeoutMs = 30_000, failOnError = true } = options;
  let last: string | null = null;
  let error: string | null = null;
  await waitUntil(
    page,
    async () => {
      last = await cellPart(page, address, part);
      if (last !== null && (typeof expected === "string" ? last === expected : expected.test(last))) return true;
      if (part !== "error" && failOnError) error = await cellPart(page, address, "error");
      return error !== null;
    },
    timeoutMs,
    `cell ${address} ${part} to be ${String(expected)}`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last seen: ${JSON.stringify(last)}`);
  });
  if (error !== null && !(last !== null && (typeof expected === "string" ? last === expected : expected.test(last)))) {
    const shot = await screenshot(page, `failed-cell-${address}-${part}`).catch(() => null);
    throw new Error(`cell ${address} shows an error instead of ${part} ${String(expected)}: ${error}${shot ? ` (screenshot: ${shot})` : ""}`);
  }
}

/** The value a cell's number view (view-number, scalars) shows; null when the cell has none. */
export async function numberValue(page: Page, address: string): Promise<number | null> {
  const out = cell(page, address).getByTestId("view-number").getByTestId("number-value");
  if ((await out.count()) === 0) return null;
  const text = (await out.first().innerText()).trim();
  return text === "Inf" ? Infinity : text === "-Inf" ? -Infinity : Number(text);
}
