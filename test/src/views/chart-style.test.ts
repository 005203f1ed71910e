import { afterEach, describe, expect, it, vi } from "vitest";
import { themedAxis, themedLine } from "../../../src/views/chart-style.ts";

/** The page's CSS variables, as getComputedStyle would report them. */
let variables: Record<string, string> = {};

function stubPage(): void {
  vi.stubGlobal("document", { documentElement: {} });
  vi.stubGlobal("getComputedStyle", () => ({ getPropertyValue: (name: string) => variables[name] ?? "" }));
}

afterEach(() => {
  vi.unstubAllGlobals();
  variables = {};
});

describe("chart styles follow the theme", () => {
  it("read the theme's colours at draw time, so a theme switch shows on the next redraw", () => {
    stubPage();
    const axis = themedAxis();
    const stroke = axis.stroke as () => string;
    const grid = axis.grid!.stroke as () => string;
    variables = { "--muted": "#626a7a", "--grid-line": "#eaeef2", "--accent": "#2862cc" };
    expect([stroke(), grid(), themedLine()]).toEqual(["#626a7a", "#eaeef2", "#2862cc"]);
    variables = { "--muted": " #9ba5b5", "--grid-line": "#262c37", "--accent": "#79a6ff" };
    expect([stroke(), grid(), themedLine()]).toEqual(["#9ba5b5", "#262c37", "#79a6ff"]);
  });

  it("fall back to the light colours where a variable is not set", () => {
    stubPage();
    expect((themedAxis().ticks!.stroke as () => string)()).toBe("#d0d7de");
  });
});
