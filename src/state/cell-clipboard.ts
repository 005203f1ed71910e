// Copy, cut and paste of a range of cells' sources. The system clipboard gets the sources as
// tab-separated rows, as spreadsheets exchange them; when the page may not read it back (or it
// still holds our copy), the block kept here is pasted, with the drawings of its sketch cells
// (text can't carry them). A pasted cell gets a fresh name when its own is taken, so neither the
// copy nor the original shows a DUPLICATE error.
import { definedName, renameReferences, type Drawing } from "../../cells/index.ts";
import { offsetAddress, rangeAddresses, rangeSize, type CellRange } from "./cell-range.ts";
import type { CellChange } from "./history.ts";
import type { SourceCell } from "./rename-plan.ts";

export interface ClipboardSheet {
  /** Every filled cell's source. */
  sources(): readonly SourceCell[];
  /** A sketch cell's drawing ([] for any other cell). */
  drawingOf(address: string): Drawing;
  /** Set several cells (null: clear) as one user edit (saved, one undo step), selecting `focus`. */
  commitCells(changes: readonly CellChange[], focus: string): void;
}

/** Copied sources, row by row (null: an empty cell), their drawings by position in the block, and the text the system clipboard got for them. */
interface CopiedBlock {
  readonly rows: readonly (readonly (string | null)[])[];
  readonly drawings: ReadonlyMap<string, Drawing>;
  readonly text: string;
}

export class CellClipboard {
  private copied: CopiedBlock | null = null;

  constructor(private readonly sheet: ClipboardSheet) {}

  copy(range: CellRange): void {
    const sources = new Map(this.sheet.sources().map((c) => [c.address, c.source]));
    const { rows, cols } = rangeSize(range);
    const block = Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => sources.get(offsetAddress(range, r, c)) ?? null));
    const drawings = new Map<string, Drawing>();
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const drawing = this.sheet.drawingOf(offsetAddress(range, r, c));
        if (drawing.length > 0) drawings.set(`${r},${c}`, drawing);
      }
    }
    const text = block.map((row) => row.map((s) => s ?? "").join("\t")).join("\n");
    this.copied = { rows: block, drawings, text };
    void globalThis.navigator?.clipboard?.writeText(text).catch(() => undefined);
  }

  cut(range: CellRange): void {
    this.copy(range);
    this.sheet.commitCells(rangeAddresses(range).map((address) => ({ address, source: null })), offsetAddress(range, 0, 0));
  }

  /** Paste at `at` (the top-left of the target); resolves to the pasted range, or null when there was nothing to paste. */
  async paste(at: CellRange): Promise<CellRange | null> {
    let text: string | null = null;
    try {
      text = (await globalThis.navigator?.clipboard?.readText()) ?? null;
    } catch {
      // Clipboard permission denied: fall back to what was copied in this page.
    }
    const ours = text === null || text === "" || text === this.copied?.text;
    const rows = text === null || ours ? (this.copied?.rows ?? null) : blockFromText(text);
    if (rows === null || rows.length === 0) return null;
    const target: CellRange = { top: at.top, left: at.left, bottom: at.top + rows.length - 1, right: at.left + Math.max(...rows.map((r) => r.length)) - 1 };
    const cells = rows.flatMap((row, r) => row.map((_, c) => ({ address: offsetAddress(target, r, c), drawing: ours ? this.copied?.drawings.get(`${r},${c}`) : undefined })));
    const sources = withFreshNames(rows.flat(), this.sheet.sources(), new Set(cells.map((c) => c.address)));
    const changes = cells.map(({ address, drawing }, i): CellChange => (drawing ? { address, source: sources[i]!, drawing } : { address, source: sources[i]! }));
    this.sheet.commitCells(changes, cells[0]!.address);
    return target;
  }
}

/**
 * Text from elsewhere: tab-separated rows are a block of cells; text without tabs is one cell,
 * whose line breaks become spaces (a cell is one line, and a formula copied from an editor may wrap).
 */
export function blockFromText(text: string): (string | null)[][] {
  if (!text.includes("\t")) return text.trim() === "" ? [] : [[text.trim().replace(/\s*[\r\n]+\s*/g, " ")]];
  const lines = text.replace(/\r\n?/g, "\n").replace(/\n$/, "").split("\n");
  return lines.map((line) => line.split("\t").map((s) => (s.trim() === "" ? null : s)));
}

/**
 * The sources to paste, each defining a name no other cell does: `oops` becomes `oops_2` (then
 * `oops_3`, …) while the original keeps its name. References between the pasted cells follow their
 * new names, so a copied pair `a = 1`, `b = a * 2` pastes as `a_2 = 1`, `b_2 = a_2 * 2`.
 */
export function withFreshNames(sources: readonly (string | null)[], sheet: readonly SourceCell[], overwritten: ReadonlySet<string>): (string | null)[] {
  const taken = new Set(sheet.filter((c) => !overwritten.has(c.address)).map((c) => definedName(c.source)).filter((n) => n !== null));
  const renames = new Map<string, string>();
  for (const source of sources) {
    const name = source === null ? null : definedName(source);
    if (name === null) continue;
    const fresh = taken.has(name) ? freshName(name, taken) : name;
    taken.add(fresh);
    if (fresh !== name) renames.set(name, fresh);
  }
  if (renames.size === 0) return [...sources];
  return sources.map((source) => {
    if (source === null) return null;
    const name = definedName(source);
    const rewritten = renameReferences(source, renames);
    const fresh = name === null ? undefined : renames.get(name);
    return fresh === undefined ? rewritten : rewritten.replace(/^(\s*)[A-Za-z_][A-Za-z0-9_]*/, `$1${fresh}`);
  });
}

/** `name_2`, `name_3`, … (counting on from a numbered name: `oops_2` gives `oops_3`), the first not taken. */
export function freshName(name: string, taken: ReadonlySet<string>): string {
  const numbered = /^(.*)_(\d+)$/.exec(name);
  const base = numbered ? numbered[1]! : name;
  for (let n = numbered ? Number(numbered[2]) + 1 : 2; ; n++) {
    const candidate = `${base}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
