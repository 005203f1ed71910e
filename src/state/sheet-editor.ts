// The user's cell edits: each is recorded for undo, written to the page's copy of the sheet (saved
// at once) and sent to the worker, which evaluates it when it gets to it.
import type { Drawing } from "../../cells/index.ts";
import { cellSets, type CellChange, type CellSet, type DrawingSet, type Edit, type EditHistory } from "./history.ts";
import { editForSet, type SourceCell } from "./rename-plan.ts";
import type { SheetDraft } from "./sheet-draft.ts";
import type { SheetClient } from "./sheet-client.ts";
import type { SketchPads } from "./sketch-pads.ts";

export interface SheetEditorDeps {
  readonly history: EditHistory;
  readonly client: SheetClient;
  /** Sketch cells' drawings as the pads show them. */
  readonly pads: SketchPads;
  /** The page's copy of the open sheet, or null before one is open. */
  draft(): SheetDraft | null;
  /** Every filled cell's source, as the page has it now. */
  sources(): readonly SourceCell[];
  select(address: string): void;
  /** Tell the user what an edit did (a rename's other cells, say). */
  inform(text: string): void;
  /** Whether this tab may change the sheet (saying why not, if not). */
  writable(): boolean;
  saveNow(): Promise<void>;
  /** Undo and redo changed: the UI refreshes their enabled state. */
  historyChanged(): void;
  /** An edit, undo or redo was applied: keep the history so undo works after a reload. */
  keepHistory(): void;
}

export class SheetEditor {
  constructor(private readonly deps: SheetEditorDeps) {}

  source(address: string): string | null {
    return this.deps.draft()?.source(address) ?? null;
  }

  /**
   * Set (or, with an empty string, clear) a cell, recording it for undo. A new name for the cell
   * renames it: references to the old name in other cells change with it, in one undo step.
   */
  commit(address: string, source: string): void {
    if (!this.deps.writable()) return;
    const before = this.source(address);
    const after = source.trim() === "" ? null : source;
    if (before === after) return;
    const edit = editForSet(this.deps.sources(), { kind: "set", address, before, after });
    this.apply(edit);
    if (edit.kind === "compound" && edit.label) this.deps.inform(edit.label);
  }

  /** Set several cells (null source: clear) as one undo step, selecting `focus` after it. */
  commitCells(changes: readonly CellChange[], focus: string): void {
    if (!this.deps.writable()) return;
    const edits = cellSets(changes, (address) => this.source(address));
    if (edits.length > 0) this.apply(edits.length === 1 ? edits[0]! : { kind: "compound", edits, focus });
  }

  /** A sketch cell's new drawing (a finished stroke, or Clear), as one undo step. */
  commitDrawing(address: string, drawing: Drawing): void {
    if (!this.deps.writable()) return;
    const before = this.deps.draft()?.drawing(address) ?? [];
    if (JSON.stringify(before) === JSON.stringify(drawing)) return;
    this.apply({ kind: "drawing", address, before, after: drawing });
  }

  move(from: string, to: string): void {
    if (!this.deps.writable()) return;
    if (this.source(from) === null || this.source(to) !== null) return;
    this.apply({ kind: "move", from, to });
    this.deps.select(to);
  }

  undo(): void {
    if (!this.deps.writable()) return;
    const e = this.deps.history.undo();
    if (e) this.apply(e, false);
    if (e?.kind === "compound" && e.label) this.deps.inform(`Undone: ${e.label}`);
  }

  redo(): void {
    if (!this.deps.writable()) return;
    const e = this.deps.history.redo();
    if (e) this.apply(e, false);
    if (e?.kind === "compound" && e.label) this.deps.inform(e.label);
  }

  /** Apply an edit: saved at once from the page's copy, evaluated by the worker when it gets to it. */
  private apply(given: Edit, record = true): void {
    const edit = record ? this.keepingDrawings(given) : given;
    if (record) this.deps.history.record(edit);
    if (edit.kind === "set") {
      this.applySet(edit);
      this.deps.select(edit.address);
    } else if (edit.kind === "compound") {
      for (const e of edit.edits) this.applySet(e);
      this.deps.select(edit.focus);
    } else if (edit.kind === "drawing") {
      this.applyDrawing(edit);
    } else {
      this.deps.pads.move(edit.from, edit.to);
      this.deps.draft()?.move(edit.from, edit.to);
      this.deps.client.send({ type: "moveCell", from: edit.from, to: edit.to });
      this.deps.select(edit.to);
    }
    this.deps.historyChanged();
    this.deps.keepHistory();
    void this.deps.saveNow();
  }

  /** The edit with the drawing of each sketch cell it empties, so that undo restores the drawing too. */
  private keepingDrawings(edit: Edit): Edit {
    const keep = (e: CellSet): CellSet => {
      const drawing = e.after === null ? (this.deps.draft()?.drawing(e.address) ?? []) : [];
      return drawing.length > 0 ? { ...e, drawing } : e;
    };
    if (edit.kind === "set") return keep(edit);
    return edit.kind === "compound" ? { ...edit, edits: edit.edits.map(keep) } : edit;
  }

  private applyDrawing(edit: DrawingSet): void {
    this.deps.draft()?.setDrawing(edit.address, edit.after);
    this.deps.pads.show(edit.address, edit.after);
    this.deps.client.send({ type: "setDrawing", address: edit.address, drawing: edit.after });
    this.deps.select(edit.address);
  }

  private applySet(edit: CellSet): void {
    // A cleared cell loses its drawing with it (the worker's sheet forgets it too).
    if (edit.after === null) this.deps.pads.show(edit.address, []);
    this.deps.draft()?.set(edit.address, edit.after);
    if (edit.after === null) this.deps.client.send({ type: "deleteCell", address: edit.address });
    else this.deps.client.send({ type: "setCell", address: edit.address, source: edit.after });
    // Undoing the delete of a sketch cell: its drawing comes back with its source.
    if (edit.after !== null && edit.before === null && edit.drawing) this.applyDrawing({ kind: "drawing", address: edit.address, before: [], after: edit.drawing });
  }
}
