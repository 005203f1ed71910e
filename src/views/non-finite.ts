// The words for a tensor's NaN and infinite elements, for its badge.

import type { TensorSummary } from "../../cells/index.ts";

type Counts = Pick<TensorSummary, "nanCount" | "posInfCount" | "negInfCount">;

function parts(s: Counts): [count: number, short: string, spoken: string][] {
  const all: [number, string, string][] = [
    [s.nanCount, "NaN", s.nanCount === 1 ? "NaN (not a number)" : "NaNs (not a number)"],
    [s.posInfCount, "+Inf", s.posInfCount === 1 ? "positive infinity" : "positive infinities"],
    [s.negInfCount, "−Inf", s.negInfCount === 1 ? "negative infinity" : "negative infinities"],
  ];
  return all.filter(([n]) => n > 0);
}

/** "1 NaN · 1 −Inf", or null when every element is finite. */
export function nonFiniteText(s: Counts): string | null {
  const p = parts(s);
  return p.length ? p.map(([n, short]) => `${n} ${short}`).join(" · ") : null;
}

/** "Not finite: 1 NaN (not a number), 1 negative infinity", for the badge's aria-label. */
export function nonFiniteLabel(s: Counts): string | null {
  const p = parts(s);
  return p.length ? `Not finite: ${p.map(([n, , spoken]) => `${n} ${spoken}`).join(", ")}` : null;
}
