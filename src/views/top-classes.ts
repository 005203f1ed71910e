// The words of the top-classes view: "7 · 91%" per bar.
import type { TopClasses } from "../../cells/index.ts";

/** "91%", with "<1%" rather than a rounded "0%" for a class that is possible but unlikely. */
export function percent(p: number): string {
  const rounded = Math.round(p * 100);
  return rounded === 0 && p > 0 ? "<1%" : `${rounded}%`;
}

/** Bar i's label, e.g. "7 · 91%". */
export function topLabel(top: TopClasses, i: number): string {
  return `${top.classes[i]} · ${percent(top.probabilities[i]!)}`;
}
