// The app's colour variables (src/app.css), light and dark: every pair that is text on a background
// meets WCAG AA (4.5:1 for body text).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const css = readFileSync(new URL("../../src/app.css", import.meta.url), "utf8");

function variables(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block in app.css`);
  const block = css.slice(start, css.indexOf("}", start));
  return new Map([...block.matchAll(/--([\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, bl] = rgb(hex).map((c) => {
      const s = c / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT_PAIRS: readonly [text: string, background: string][] = [
  ["ink", "paper"],
  ["ink", "canvas"],
  ["ink", "accent-soft"],
  ["muted", "paper"],
  ["muted", "canvas"],
  ["accent", "paper"],
  ["accent", "canvas"],
  ["danger", "paper"],
  ["danger", "danger-soft"],
  ["danger", "danger-faint"],
  ["warn", "paper"],
  ["on-accent", "accent"],
];

describe("theme colours", () => {
  it("contrast() agrees with WCAG's worked values", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });

  for (const [theme, selector] of [["light", ":root"], ["dark", ':root[data-theme="dark"]']] as const) {
    it(`${theme}: text meets WCAG AA on its backgrounds`, () => {
      const vars = variables(selector);
      for (const [text, background] of TEXT_PAIRS) {
        const ratio = contrast(vars.get(text)!, vars.get(background)!);
        expect(ratio, `${theme} --${text} on --${background}`).toBeGreaterThanOrEqual(4.5);
      }
    });
  }

  it("the dark theme overrides every colour the light theme defines", () => {
    const light = [...variables(":root").keys()];
    expect([...variables(':root[data-theme="dark"]').keys()].sort()).toEqual(light.sort());
  });
});
