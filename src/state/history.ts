import type { Drawing } from "../../cells/index.ts";

/**
 * A change to one cell's source. `null` means the cell is empty. `drawing` is a sketch cell's
 * drawing when the set empties the cell, so that undoing the delete brings it back with the source.
 */
export type CellSet = { readonly kind: "set"; readonly address: string; readonly before: string | null; readonly after: string | null; readonly drawing?: Drawing };

/**
 * One undoable change to the sheet. A compound edit (a rename with the references it rewrote, a
 * paste or delete of a range) changes several cells and is undone in one step; `focus` is the cell
 * selected after it is applied either way, and `label` what the notice says it did.
 */
export type Edit =
  | CellSet
  /** One stroke on a sketch cell's pad (or its Clear): the drawing before and after. */
  | DrawingSet
  | { readonly kind: "move"; readonly from: string; readonly to: string }
  | { readonly kind: "compound"; readonly edits: readonly CellSet[]; readonly focus: string; readonly label?: string };

export type DrawingSet = { readonly kind: "drawing"; readonly address: string; readonly before: Drawing; readonly after: Drawing };

export function inverse(edit: Edit): Edit {
  switch (edit.kind) {
    case "set":
      return invertSet(edit);
    case "move":
      return { kind: "move", from: edit.to, to: edit.from };
    case "drawing":
      return { ...edit, before: edit.after, after: edit.before };
    case "compound":
      return { ...edit, edits: edit.edits.map(invertSet).reverse() };
  }
}

/** One cell's new source (null or blank: empty) and, for a pasted sketch cell, its drawing. */
export interface CellChange {
  readonly address: string;
  readonly source: string | null;
  readonly drawing?: Drawing;
}

/**
 * The sets that give each cell its new source, leaving out cells it would not change. A change
 * with a drawing (a pasted sketch cell) lands as an empty cell filled with source and drawing, so
 * undo empties it; over a filled cell it first empties that one, whose own drawing the editor
 * keeps for undo (see SheetEditor.keepingDrawings).
 */
export function cellSets(changes: readonly CellChange[], sourceOf: (address: string) => string | null): CellSet[] {
  const edits: CellSet[] = [];
  for (const { address, source, drawing } of changes) {
    const before = sourceOf(address);
    const after = source === null || source.trim() === "" ? null : source;
    if (after !== null && drawing && drawing.length > 0) {
      if (before !== null) edits.push({ kind: "set", address, before, after: null });
      edits.push({ kind: "set", address, before: null, after, drawing });
    } else if (before !== after) edits.push({ kind: "set", address, before, after });
  }
  return edits;
}

function invertSet(edit: CellSet): CellSet {
  return { ...edit, before: edit.after, after: edit.before };
}

/** Undo and redo stacks of sheet edits (cell edits, inserts, deletes, moves). */
export class EditHistory {
  private done: Edit[] = [];
  private undone: Edit[] = [];

  constructor(private readonly limit = 500) {}

  record(edit: Edit): void {
    this.done.push(edit);
    if (this.done.length > this.limit) this.done.shift();
    this.undone = [];
  }

  /** The edit to apply to undo the last change, or null. */
  undo(): Edit | null {
    const e = this.done.pop();
    if (!e) return null;
    this.undone.push(e);
    return inverse(e);
  }

  redo(): Edit | null {
    const e = this.undone.pop();
    if (!e) return null;
    this.done.push(e);
    return e;
  }

  get canUndo(): boolean {
    return this.done.length > 0;
  }

  get canRedo(): boolean {
    return this.undone.length > 0;
  }

  clear(): void {
    this.done = [];
    this.undone = [];
  }

  /** Both stacks, oldest first (the last of `undone` is the next redo); copies, safe to keep. */
  stacks(): HistoryStacks {
    return { done: [...this.done], undone: [...this.undone] };
  }

  /** Replace both stacks (a history kept from an earlier visit), keeping at most `limit` undos. */
  restore(stacks: HistoryStacks): void {
    this.done = stacks.done.slice(-this.limit);
    this.undone = [...stacks.undone];
  }
}

/** An EditHistory's undo and redo stacks, oldest first. */
export interface HistoryStacks {
  readonly done: readonly Edit[];
  readonly undone: readonly Edit[];
}
