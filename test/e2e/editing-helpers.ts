// Helpers for the editing and views browser tests (on top of app.ts, which they reuse).
import type { Page } from "playwright-core";
import { cell, cellPart, formulaText, settleCompletions, waitUntil } from "./app.ts";

/** Every cell shown in the grid that has content: address → its data-evaluations count. */
export async function evaluationCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const el of document.querySelectorAll<HTMLElement>("[data-testid=grid] [role=gridcell][data-address]")) {
      if (!el.querySelector("[data-testid=cell-name]")) continue; // empty cell
      out[el.dataset.address!] = Number(el.getAttribute("data-evaluations") ?? "0");
    }
    return out;
  });
}

/** Wait until every listed cell's data-evaluations is at least the given count. */
export async function waitForEvaluations(page: Page, expected: Record<string, number>, timeoutMs = 60_000): Promise<void> {
  let last: Record<string, number> = {};
  await waitUntil(
    page,
    async () => {
      last = await evaluationCounts(page);
      return Object.entries(expected).every(([a, n]) => (last[a] ?? 0) >= n);
    },
    timeoutMs,
    `cells ${Object.keys(expected).join(", ")} to be re-evaluated`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; expected at least ${JSON.stringify(expected)}, last seen ${JSON.stringify(last)}`);
  });
}

/** Wait until a cell is empty (no name shown). */
export async function waitForEmpty(page: Page, address: string, timeoutMs = 15_000): Promise<void> {
  await waitUntil(page, async () => (await cellPart(page, address, "name")) === null, timeoutMs, `cell ${address} to be empty`);
}

/** The value of a scalar cell's number view, polled until it equals `expected`. */
export async function waitForNumber(page: Page, address: string, expected: number, timeoutMs = 15_000): Promise<void> {
  let last: string | null = null;
  await waitUntil(
    page,
    async () => {
      const out = cell(page, address).getByTestId("view-number").getByTestId("number-value");
      last = (await out.count()) > 0 ? (await out.first().innerText()).trim() : null;
      return last !== null && Number(last) === expected;
    },
    timeoutMs,
    `cell ${address} to show the number ${expected}`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last seen: ${JSON.stringify(last)}`);
  });
}

/** Whether the grid has keyboard focus. */
export async function gridHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement?.getAttribute("data-testid") === "grid");
}

/** Whether the formula bar's editor has keyboard focus. */
export async function formulaHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const bar = document.querySelector("[data-testid=formula-input]");
    return !!bar && !!document.activeElement && (bar === document.activeElement || bar.contains(document.activeElement));
  });
}

/** The selected cell's address, as the formula bar labels it. */
export async function selectedAddress(page: Page): Promise<string> {
  return (await page.getByTestId("formula-address").innerText()).trim();
}

/** Wait for the formula bar's text to be `expected`. */
export async function waitForFormula(page: Page, expected: string, timeoutMs = 10_000): Promise<void> {
  let last = "";
  await waitUntil(
    page,
    async () => (last = await formulaText(page)) === expected,
    timeoutMs,
    `the formula bar to read ${JSON.stringify(expected)}`,
  ).catch((e: Error) => {
    throw new Error(`${e.message}; last seen: ${JSON.stringify(last)}`);
  });
}

/** Close an open completion list (Escape closes the list, not the edit), using only the keyboard. */
export async function closeCompletions(page: Page): Promise<void> {
  await settleCompletions(page);
}

/** How many pixels of a canvas are neither transparent nor black (something was drawn). */
export async function litPixels(page: Page, selector: string): Promise<{ width: number; height: number; lit: number }> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(sel);
    if (!canvas || canvas.width === 0 || canvas.height === 0) return { width: 0, height: 0, lit: 0 };
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let lit = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 3]! > 0 && data[i]! + data[i + 1]! + data[i + 2]! > 0) lit++;
    return { width: canvas.width, height: canvas.height, lit };
  }, selector);
}
