// The page's own copy of what the user made: every cell's source, the title, seed, objective and
// layout, kept here as each edit is committed. The worker evaluates later (a slow cell can keep it
// busy for seconds), so saving must not wait for it: a saved document is composed from this copy,
// with the param values and training states of the worker's latest export.
import {
  compareAddresses,
  FORMAT_NAME,
  FORMAT_VERSION,
  parseCell,
  type CellRecord,
  type Drawing,
  type SheetDocument,
} from "../../cells/index.ts";

/** What the worker knows and the page does not: param values and training states. */
export type SheetValues = Pick<SheetDocument, "tensors" | "training">;

export class SheetDraft {
  private readonly cells = new Map<string, CellRecord>();
  /** The name each cell defines (null: anonymous or unparsable), so values are matched to cells. */
  private readonly names = new Map<string, string | null>();
  private values: SheetValues;

  title: string;
  seed: number;
  objective: string | null;
  layout: SheetDocument["layout"];

  constructor(document: SheetDocument) {
    this.title = document.title;
    this.seed = document.seed;
    this.objective = document.objective ?? null;
    this.layout = document.layout;
    for (const cell of document.cells) this.put(cell);
    this.values = { tensors: document.tensors, training: document.training };
  }

  source(address: string): string | null {
    return this.cells.get(address)?.source ?? null;
  }

  /** Set a cell's source (null clears it); a note and a drawing stay with their cell. */
  set(address: string, source: string | null): void {
    if (source === null) {
      this.cells.delete(address);
      this.names.delete(address);
      return;
    }
    const { note, drawing } = this.cells.get(address) ?? {};
    this.put({ address, source, ...(note !== undefined ? { note } : {}), ...(drawing !== undefined ? { drawing } : {}) });
  }

  /** A sketch cell's strokes (empty when nothing is drawn). */
  drawing(address: string): Drawing {
    return this.cells.get(address)?.drawing ?? [];
  }

  /** Replace a sketch cell's strokes; an empty drawing is not written to the file. */
  setDrawing(address: string, drawing: Drawing): void {
    const cell = this.cells.get(address);
    if (cell === undefined) return;
    const { drawing: _old, ...rest } = cell;
    this.put(drawing.length > 0 ? { ...rest, drawing } : rest);
  }

  move(from: string, to: string): void {
    const cell = this.cells.get(from);
    if (cell === undefined) return;
    this.cells.delete(from);
    this.names.delete(from);
    this.put({ ...cell, address: to });
  }

  /** Take the param values and training states of a worker export (its cells may be older than ours). */
  absorb(values: SheetValues): void {
    this.values = { tensors: values.tensors, training: values.training };
  }

  /**
   * The document to save or export. Param values are kept for names some cell still defines: the
   * sheet keeps a param's value by name across edits of its cell, and a reload must do the same;
   * a value no cell holds would make the file refuse to import.
   */
  document(): SheetDocument {
    const defined = new Set<string>();
    for (const n of this.names.values()) if (n !== null) defined.add(n);
    const tensors = pick(this.values.tensors, defined);
    // Training states pass through as the worker gave them, like every opaque member.
    const training = this.values.training;
    return {
      format: FORMAT_NAME,
      version: FORMAT_VERSION,
      title: this.title,
      seed: this.seed,
      ...(this.objective !== null ? { objective: this.objective } : {}),
      cells: [...this.cells.values()].sort((a, b) => compareAddresses(a.address, b.address)),
      ...(tensors ? { tensors } : {}),
      ...(this.layout !== undefined ? { layout: this.layout } : {}),
      ...(training ? { training } : {}),
    };
  }

  private put(cell: CellRecord): void {
    this.cells.set(cell.address, cell);
    this.names.set(cell.address, nameOf(cell.source));
  }
}

function nameOf(source: string): string | null {
  try {
    return parseCell(source).name;
  } catch {
    // An expression the parser cannot handle still gets saved; it just defines no value to keep.
    return null;
  }
}

function pick<T>(record: Readonly<Record<string, T>> | undefined, keys: ReadonlySet<string>): Record<string, T> | undefined {
  if (record === undefined) return undefined;
  const kept = Object.entries(record).filter(([k]) => keys.has(k));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}
