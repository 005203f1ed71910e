/** One undoable change to the sheet. `null` source means the cell is empty. */
export type Edit =
  | { readonly kind: "set"; readonly address: string; readonly before: string | null; readonly after: string | null }
  | { readonly kind: "move"; readonly from: string; readonly to: string };

export function inverse(edit: Edit): Edit {
  return edit.kind === "set"
    ? { kind: "set", address: edit.address, before: edit.after, after: edit.before }
    : { kind: "move", from: edit.to, to: edit.from };
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
}
