// Polish in a real browser: a clean first visit (no console errors, no failed requests), a toolbar
// on one line, the dark theme, the selection ring, and a computation graph that fits its panel.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { FIRST_LOOK_TIMEOUT_MS, cell, openApp, screenshot, typeInCell, waitForCell, waitForIdle, waitUntil, type AppPage } from "./app.ts";
import { useBrowserSession } from "./session.ts";
import { axeViolations } from "./axe.ts";

const session = useBrowserSession();
/** axe-core's colour-contrast findings on the page, as "impact rule: target (summary)" lines. */
async function contrastViolations(page: Page): Promise<string[]> {
  const violations = await axeViolations(page, null, { type: "rule", values: ["color-contrast"] });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${JSON.stringify(n.target)} (${(n.failureSummary ?? "").replace(/\s+/g, " ")})`));
}
let context: BrowserContext | null = null;
let app: AppPage | null = null;
/** Everything that went wrong on the network or in the console since the first visit began. */
const problems: string[] = [];

/** Vite aborts optimized-dependency requests when it reloads the page after optimizing one. */
const VITE_DEPS = /\/node_modules\/\.vite[^/]*\/deps\//;

async function firstVisit(): Promise<Page> {
  if (app) return app.page;
  context = await session.browser().newContext({ viewport: { width: 1440, height: 900 }, colorScheme: "light" });
  context.on("console", (m) => void (m.type() === "error" && problems.push(`console.error: ${m.text()} (${m.location().url})`)));
  context.on("requestfailed", (r) => void (VITE_DEPS.test(r.url()) || problems.push(`request failed: ${r.url()}: ${r.failure()?.errorText ?? "?"}`)));
  context.on("response", (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`)));
  app = await openApp(context, session.server().url);
  await waitForIdle(app.page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
  return app.page;
}

afterAll(async () => {
  await app?.close();
  await context?.close();
});

/** The grid address ("C4") of the cell named `name`. */
async function addressOf(page: Page, name: string): Promise<string> {
  const address = await page.evaluate((n) => {
    for (const el of document.querySelectorAll("[data-testid=cell-name]")) {
      if (el.textContent?.trim() !== n) continue;
      let host = el.parentElement;
      while (host && !/^cell-[A-Z]+\d+$/.test(host.dataset.testid ?? "")) host = host.parentElement;
      if (host) return host.dataset.testid!.slice("cell-".length);
    }
    return null;
  }, name);
  if (!address) throw new Error(`no cell named ${name}`);
  return address;
}

/** The tops of the toolbar's visible children, and whether its content overflows it. */
async function toolbarRows(page: Page): Promise<{ tops: number[]; overflows: boolean; titleCut: boolean }> {
  return page.evaluate(() => {
    const bar = document.querySelector(".toolbar") as HTMLElement;
    const shown = [...bar.children].filter((c) => {
      const r = c.getBoundingClientRect();
      return r.width > 1 && r.height > 1 && getComputedStyle(c).visibility !== "hidden";
    });
    const title = document.querySelector("[data-testid=sheet-title]") as HTMLInputElement;
    return {
      tops: [...new Set(shown.map((c) => Math.round(c.getBoundingClientRect().top + c.getBoundingClientRect().height / 2)))],
      overflows: bar.scrollWidth > bar.clientWidth,
      titleCut: title.scrollWidth > title.clientWidth,
    };
  });
}

const backgroundOf = (page: Page) => page.evaluate(() => getComputedStyle(document.querySelector(".toolbar")!).backgroundColor);

describe("polish", () => {
  it("a first visit has no console errors, no failed requests and a favicon", async () => {
    const page = await firstVisit();
    expect(await page.locator('link[rel="icon"]').getAttribute("href")).toBe("/favicon.svg");
    const favicon = await page.evaluate(async () => {
      const r = await fetch("/favicon.svg");
      return { status: r.status, type: r.headers.get("content-type") ?? "", svg: (await r.text()).trimStart().startsWith("<svg") };
    });
    expect(favicon).toEqual({ status: 200, type: expect.stringContaining("image/svg+xml"), svg: true });
    expect(problems).toEqual([]);
    app!.assertNoPageErrors();
  });

  it("keeps the toolbar on one line with the whole title at 1440×900, 1280×800 and 1024×700", async () => {
    const page = await firstVisit();
    const bar = page.locator(".toolbar");
    // At 1440 and 1280 everything fits inline (exports are one menu button); at 1024 the file actions fold behind "More".
    for (const [width, height, compact] of [[1440, 900, "false"], [1280, 800, "false"], [1024, 700, "true"]] as const) {
      await page.setViewportSize({ width, height });
      await waitUntil(page, async () => (await bar.getAttribute("data-compact")) === compact, 5_000, `the toolbar ${compact === "true" ? "folded" : "inline"} at ${width}`);
      await waitUntil(page, async () => (await toolbarRows(page)).tops.length === 1, 5_000, `the toolbar on one line at ${width}`);
      expect(await page.getByTestId("export-menu-button").isVisible(), `the Export menu inline at ${width}`).toBe(compact === "false");
      expect(await toolbarRows(page), `at ${width}×${height}`).toEqual({ tops: [expect.any(Number)], overflows: false, titleCut: false });
      const title = page.getByTestId("sheet-title");
      expect(await title.inputValue()).toBe("A first look at a neural network");
      expect(await page.locator(".title-field").getAttribute("title")).toBe("A first look at a neural network");
    }
    // "More" opens the folded actions as a menu, which closes on Escape.
    const more = page.getByTestId("toolbar-more");
    await more.click();
    expect(await more.getAttribute("aria-expanded")).toBe("true");
    await page.getByTestId("export-button").waitFor({ state: "visible" });
    await screenshot(page, "polish-1024-more-menu");
    await page.keyboard.press("Escape");
    await page.getByTestId("export-button").waitFor({ state: "hidden" });
    expect(await more.getAttribute("aria-expanded")).toBe("false");
    expect(await more.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId("export-menu-button").waitFor({ state: "visible" });
    expect(await more.isVisible()).toBe(false);
    // Inline, Export opens its items (file, PyTorch, link, with trained values) below it; Escape closes them.
    const exportMenu = page.getByTestId("export-menu-button");
    await exportMenu.click();
    expect(await exportMenu.getAttribute("aria-expanded")).toBe("true");
    for (const id of ["export-button", "export-pytorch-button", "copy-link-button", "export-with-values"]) await page.getByTestId(id).waitFor({ state: "visible" });
    await screenshot(page, "polish-1440-export-menu");
    await page.keyboard.press("Escape");
    await page.getByTestId("export-button").waitFor({ state: "hidden" });
    expect(await exportMenu.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it("cuts only a title longer than the field's max width, with the full title as its tooltip", async () => {
    const page = await firstVisit();
    await page.setViewportSize({ width: 1024, height: 700 });
    const title = page.getByTestId("sheet-title");
    const original = await title.inputValue();
    const long = "A first look at a neural network, trained on MNIST digits, with every gradient shown";
    try {
      await title.fill(long);
      await title.press("Enter");
      await waitUntil(page, async () => (await page.locator(".title-field").getAttribute("title")) === long, 5_000, "the long title's tooltip");
      const rows = await toolbarRows(page);
      expect(rows.tops).toHaveLength(1);
      expect(rows.overflows).toBe(false);
      expect(rows.titleCut).toBe(true);
      expect(await page.locator(".title-field").evaluate((el) => Math.round(el.getBoundingClientRect().width))).toBe(24 * 16);
    } finally {
      await title.fill(original);
      await title.press("Enter");
      await page.setViewportSize({ width: 1440, height: 900 });
    }
    expect(await page.locator(".title-field").getAttribute("title")).toBe(original);
    expect((await toolbarRows(page)).titleCut).toBe(false);
  });

  it("switches to the dark theme and remembers it across a reload; screenshots at both sizes", async () => {
    const page = await firstVisit();
    const html = page.locator("html");
    const toggle = page.getByTestId("theme-toggle");
    expect(await html.getAttribute("data-theme")).toBe("light");
    expect(await toggle.getAttribute("data-choice")).toBe("system");
    const light = await backgroundOf(page);
    expect(light).toBe("rgb(255, 255, 255)");
    expect(await contrastViolations(page), "text contrast in the light theme").toEqual([]);
    for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `polish-${width}-light`);
    }
    await toggle.click();
    expect(await toggle.getAttribute("data-choice")).toBe("light");
    expect(await toggle.getAttribute("aria-label")).toBe("Colour theme: light. Switch to dark");
    await toggle.click();
    expect(await html.getAttribute("data-theme")).toBe("dark");
    expect(await backgroundOf(page)).toBe("rgb(24, 27, 34)");
    await page.reload({ waitUntil: "load" });
    await waitForIdle(page, { timeoutMs: FIRST_LOOK_TIMEOUT_MS });
    expect(await html.getAttribute("data-theme")).toBe("dark");
    expect(await page.getByTestId("theme-toggle").getAttribute("data-choice")).toBe("dark");
    expect(await backgroundOf(page)).toBe("rgb(24, 27, 34)");
    expect(await page.getByTestId("sheet-title").inputValue(), "the first-look sheet is back after the reload").toBe("A first look at a neural network");
    expect(await contrastViolations(page), "text contrast in the dark theme").toEqual([]);
    for (const [width, height] of [[1440, 900], [1024, 700]] as const) {
      await page.setViewportSize({ width, height });
      await screenshot(page, `polish-${width}-dark`);
    }
    // Back to following the system, which says light here.
    await page.getByTestId("theme-toggle").click();
    expect(await html.getAttribute("data-theme")).toBe("light");
    await page.setViewportSize({ width: 1440, height: 900 });
    expect(problems).toEqual([]);
  });

  it("follows a dark system preference on a first visit", async () => {
    const dark = await session.browser().newContext({ viewport: { width: 1024, height: 700 }, colorScheme: "dark" });
    try {
      const page = await dark.newPage();
      await page.goto(session.server().url, { waitUntil: "domcontentloaded" });
      // Set by index.html before the app's script runs: no light flash.
      expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
      expect(await page.locator("html").getAttribute("data-theme-choice")).toBe("system");
    } finally {
      await dark.close();
    }
  });

  it("rings the whole selected cell, more strongly while the grid has keyboard focus", async () => {
    const page = await firstVisit();
    const address = await addressOf(page, "hidden");
    await cell(page, address).click();
    const ring = () => cell(page, address).evaluate((el) => {
      const s = getComputedStyle(el, "::after");
      return { content: s.content, width: s.borderTopWidth, position: s.position, inset: [s.top, s.left, s.right, s.bottom].join(" ") };
    });
    await waitUntil(page, () => page.getByTestId("grid").evaluate((g) => g === document.activeElement), 5_000, "the grid to have focus");
    expect(await ring()).toEqual({ content: '""', width: "3px", position: "absolute", inset: "0px 0px 0px 0px" });
    await page.getByTestId("sheet-title").focus();
    expect((await ring()).width).toBe("2px");
  });

  it("fits a cell's computation graph inside its panel, with each node's full text on hover", async () => {
    const page = await firstVisit();
    const address = await addressOf(page, "test_probs");
    await cell(page, address).click();
    const inspector = page.getByTestId("inspector");
    await inspector.getByTestId("show-graph").click();
    const diagram = inspector.getByTestId("graph-diagram");
    await diagram.waitFor({ state: "visible" });
    await diagram.scrollIntoViewIfNeeded();
    const fits = () =>
      diagram.evaluate((d) => {
        const panel = d.querySelector(".graph-viewport")!.getBoundingClientRect();
        const inspectorBox = d.closest("[data-testid=inspector]")!.getBoundingClientRect();
        const nodes = [...d.querySelectorAll("[data-testid=graph-node] rect")].map((r) => r.getBoundingClientRect());
        const inside = (b: DOMRect, o: DOMRect) => b.left >= o.left - 0.5 && b.right <= o.right + 0.5 && b.top >= o.top - 0.5 && b.bottom <= o.bottom + 0.5;
        return { nodes: nodes.length, panelInInspector: inside(panel, inspectorBox), nodesInPanel: nodes.every((n) => inside(n, panel)) };
      });
    const fitted = await fits();
    expect(fitted.nodes).toBeGreaterThanOrEqual(8);
    expect(fitted).toEqual({ nodes: fitted.nodes, panelInInspector: true, nodesInPanel: true });
    // Every node has its full text as a title; no drawn text spills out of its box.
    const nodes = await diagram.locator("[data-testid=graph-node]").evaluateAll((gs) =>
      gs.map((g) => ({
        title: g.querySelector("title")?.textContent ?? "",
        widest: Math.max(...[...g.querySelectorAll("text")].map((t) => (t as SVGTextElement).getBBox().width)),
        box: Number(g.querySelector("rect")!.getAttribute("width")),
      })),
    );
    for (const n of nodes) {
      expect(n.title, "a node's title gives its op, shape, value and gradient").toMatch(/^\S.* \[[\d, ]*\]\nvalue .+\n∂ .+$/);
      expect(n.widest, `text of ${n.title.split("\n")[0]}`).toBeLessThanOrEqual(n.box - 8);
    }
    expect(nodes.some((n) => n.title.startsWith("test_probs = "))).toBe(true);
    await screenshot(page, "polish-graph-fitted");
    // Zoom in twice, then fit again: the scale reads back the fitted value and everything is inside.
    const scale = diagram.getByTestId("graph-scale");
    const fittedScale = await scale.innerText();
    // A long chain in the narrow inspector is laid out going down, so it fits at a legible size.
    expect(await diagram.getAttribute("data-direction")).toBe("down");
    expect(Number.parseInt(fittedScale)).toBeGreaterThanOrEqual(50);
    await diagram.getByTestId("graph-zoom-in").click();
    await diagram.getByTestId("graph-zoom-in").click();
    // Two steps of 1.25 (the shown percentages are rounded, hence the ±1).
    expect(Math.abs(Number.parseInt(await scale.innerText()) - Number.parseInt(fittedScale) * 1.5625)).toBeLessThanOrEqual(1);
    expect((await fits()).nodesInPanel).toBe(false);
    await diagram.getByTestId("graph-fit").click();
    expect(await scale.innerText()).toBe(fittedScale);
    expect((await fits()).nodesInPanel).toBe(true);
    // Dragging pans by the pointer's movement; the wheel zooms in; the 0 key fits again.
    const svg = diagram.locator(".graph-viewport svg");
    const content = diagram.getByTestId("graph-content");
    const box0 = (await content.boundingBox())!;
    const svgBox = (await svg.boundingBox())!;
    await page.mouse.move(svgBox.x + 40, svgBox.y + 40);
    await page.mouse.down();
    await page.mouse.move(svgBox.x + 70, svgBox.y + 60, { steps: 3 });
    await page.mouse.up();
    const box1 = (await content.boundingBox())!;
    expect([Math.round(box1.x - box0.x), Math.round(box1.y - box0.y)]).toEqual([30, 20]);
    await page.mouse.move(svgBox.x + svgBox.width / 2, svgBox.y + svgBox.height / 2);
    await page.mouse.wheel(0, -100);
    await waitUntil(page, async () => Number.parseInt(await scale.innerText()) > Number.parseInt(fittedScale), 5_000, "the wheel to zoom in");
    await svg.focus();
    await page.keyboard.press("0");
    expect(await scale.innerText()).toBe(fittedScale);
    expect((await fits()).nodesInPanel).toBe(true);
    // The same diagram in the dark theme (system → light → dark, then back to system).
    const toggle = page.getByTestId("theme-toggle");
    await toggle.click();
    await toggle.click();
    expect(await page.locator("html").getAttribute("data-theme")).toBe("dark");
    await screenshot(page, "polish-graph-dark");
    await toggle.click();
    app!.assertNoPageErrors();
    expect(problems).toEqual([]);
  });

  it("labels a scatter plot's axes without overlap where they meet at the origin", async () => {
    const page = await firstVisit();
    // All points positive: both axes start just below 0, so their minimum labels meet at the origin.
    await typeInCell(page, "E1", "pts = [[0.5, 1], [3, 2], [1.5, 1.2], [2.2, 0.4]]");
    await waitForCell(page, "E1", "shape", "[4, 2]");
    await cell(page, "E1").click();
    // Small tensors open as numbers; the switcher offers the scatter plot for [N, 2].
    const inspector = page.getByTestId("inspector");
    await inspector.getByTestId("view-switcher-scatter").click();
    const view = inspector.getByTestId("view-scatter");
    await view.waitFor({ state: "visible" });
    const labels = await view.locator("[data-testid=axis-label]").evaluateAll((ts) =>
      ts.map((t) => {
        const b = (t as SVGTextElement).getBBox();
        return { text: t.textContent ?? "", left: b.x, right: b.x + b.width, top: b.y, bottom: b.y + b.height };
      }),
    );
    expect(labels.map((l) => l.text)).toEqual(["3.18", "2.12", "-0.18"]);
    const overlapping = labels.flatMap((a, i) => labels.slice(i + 1).filter((b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom).map((b) => `${a.text} × ${b.text}`));
    expect(overlapping).toEqual([]);
    await screenshot(page, "polish-scatter-axes");
  });
});
