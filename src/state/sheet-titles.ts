// Titles and contents of sheets as documents: new sheets and example copies get titles no other
// sheet has, and an example the user has not changed is recognised so it is not copied again.
import { FORMAT_NAME, FORMAT_VERSION, type SheetDocument } from "../../cells/index.ts";

export const UNTITLED = "Untitled sheet";

/**
 * `base` if no sheet has that title, else the first free numbered one: "Untitled sheet 2" with
 * style "suffix", "Tensors and their shape (2)" with style "parens".
 */
export function freeTitle(base: string, taken: Iterable<string>, style: "suffix" | "parens"): string {
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const title = style === "parens" ? `${base} (${n})` : `${base} ${n}`;
    if (!used.has(title)) return title;
  }
}

/** Whether `title` is `base` or one of its numbered copies ("base (3)"). */
export function isCopyTitle(title: string, base: string): boolean {
  if (title === base) return true;
  return title.startsWith(`${base} (`) && /^ \(\d+\)$/.test(title.slice(base.length));
}

/** A sheet with no cells. */
export function blankDocument(title: string): SheetDocument {
  return { format: FORMAT_NAME, version: FORMAT_VERSION, title, seed: 0, cells: [] };
}

/**
 * Whether `copy` still is `original` as the user would judge it: the same cells (sources and notes),
 * seed, objective and layout. Param values and training state are not compared: evaluating or
 * training a sheet is using it, not changing it. Titles are compared by the caller (isCopyTitle).
 */
export function sameContent(copy: SheetDocument, original: SheetDocument): boolean {
  return (
    copy.seed === original.seed &&
    (copy.objective ?? null) === (original.objective ?? null) &&
    cellsKey(copy) === cellsKey(original) &&
    JSON.stringify(copy.layout ?? {}) === JSON.stringify(original.layout ?? {})
  );
}

/** The cells in address order, as one comparable string (files may list cells in any order). */
function cellsKey(document: SheetDocument): string {
  const cells = [...document.cells].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  return JSON.stringify(cells.map((c) => [c.address, c.source, c.note ?? null]));
}
