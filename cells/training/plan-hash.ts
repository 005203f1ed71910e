import type { Sheet } from "../sheet.ts";
import type { TrainingPlan } from "./plan.ts";

/**
 * Fingerprint of everything a run depends on: the seed and the source of every cell upstream of
 * the training cell. A checkpoint only resumes into a sheet with the same fingerprint.
 */
export function planHash(sheet: Sheet, plan: TrainingPlan): string {
  const addresses = [plan.address, ...sheet.upstream(plan.address)].sort();
  const text = [String(sheet.seed), ...addresses.map((a) => `${a}=${sheet.source(a) ?? ""}`)].join("\n");
  // FNV-1a 64 over UTF-16 units, as two 32-bit halves: stable everywhere, no crypto API needed.
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000197) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}
