// axe-core in the page, for the browser tests' accessibility checks: one injection and run, each
// test keeping its own scope and how it words what it found.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const AXE_SCRIPT = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** The rules the scans hold the app to: WCAG 2.1 A and AA. */
export const WCAG_A_AA = { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } as const;

export interface AxeViolation {
  readonly id: string;
  readonly impact: "minor" | "moderate" | "serious" | "critical" | null;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly unknown[]; readonly failureSummary?: string }[];
}

/** Violations a user would be blocked by, as axe-core grades them. */
export function isBlocking(v: AxeViolation): boolean {
  return v.impact === "serious" || v.impact === "critical";
}

/**
 * Runs axe-core over the elements matching `include` (CSS selectors, every match of each), or over
 * the whole document when it is null, with the rules `only` picks.
 */
export async function axeViolations(
  page: Page,
  include: readonly string[] | null,
  only: { readonly type: "tag" | "rule"; readonly values: readonly string[] } = WCAG_A_AA,
): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_SCRIPT });
  return page.evaluate(async ({ include, only }) => {
    const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const context = include === null ? document : { include: include.map((selector) => [selector]) };
    const result = await axe.run(context, { runOnly: only });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  }, { include, only });
}
