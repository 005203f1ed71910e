import type { Sheet } from "../sheet.ts";
import type { TrainingPlan } from "./plan.ts";

/** A cell as far as a fingerprint cares: where it is and what it says. */
export interface CellSource {
  readonly address: string;
  readonly source: string;
}

/**
 * Fingerprint of a seed and some cells' sources, whatever order the cells come in: equal
 * fingerprints mean the same sources. The app compares one to tell whether the sheet changed since
 * a run took its snapshot; checkpoints store planHash's, so the text hashed here must not change.
 */
export function sheetFingerprint(seed: number, cells: Iterable<CellSource>): string {
  const sorted = [...cells].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  const text = [String(seed), ...sorted.map((c) => `${c.address}=${c.source}`)].join("\n");
  // Two 32-bit FNV-1a-style hashes over UTF-16 code units (not bytes), printed as 8 hex digits
  // each: h1 is standard FNV-1a 32; h2 starts from the high word of FNV-1a 64's offset basis and
  // multiplies by another prime, so the two halves fail independently. This is not FNV-1a 64, only
  // 64 bits from two 32-bit hashes: stable everywhere, no crypto API needed.
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x01000197) >>> 0;
  }
  return h1.toString(16).padStart(8, "0") + h2.toString(16).padStart(8, "0");
}

/**
 * Fingerprint of everything a run depends on: the seed and the source of every cell upstream of
 * the training cell. A checkpoint only resumes into a sheet with the same fingerprint.
 */
export function planHash(sheet: Sheet, plan: TrainingPlan): string {
  const addresses = [plan.address, ...sheet.upstream(plan.address)];
  return sheetFingerprint(sheet.seed, addresses.map((address) => ({ address, source: sheet.source(address) ?? "" })));
}
