// Writes a sheet to storage one document at a time, newest wins, and says "saved" only once the
// newest document asked for has been written. Edits save as they are committed, so a reload a
// moment later finds them, however long the worker takes to evaluate.
import type { SheetDocument } from "../../cells/index.ts";

export type SaveState =
  | { readonly kind: "saved" }
  | { readonly kind: "saving" }
  | { readonly kind: "failed"; readonly message: string };

export type WriteSheet = (id: string, document: SheetDocument) => Promise<void>;

export class Autosave {
  private writing: Promise<void> | null = null;
  private next: { id: string; document: () => SheetDocument } | null = null;

  constructor(
    private readonly write: WriteSheet,
    private readonly onState: (state: SaveState) => void,
  ) {}

  /**
   * Save the sheet `id`. The document is composed when its write begins, so a burst of edits
   * costs one write after the one in flight, not one per edit.
   */
  save(id: string, document: () => SheetDocument): Promise<void> {
    this.next = { id, document };
    this.onState({ kind: "saving" });
    this.writing ??= this.drain();
    return this.writing;
  }

  get pending(): boolean {
    return this.writing !== null;
  }

  private async drain(): Promise<void> {
    let failure: string | null = null;
    while (this.next !== null) {
      const { id, document } = this.next;
      this.next = null;
      try {
        await this.write(id, document());
        failure = null;
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
      }
    }
    this.writing = null;
    this.onState(failure === null ? { kind: "saved" } : { kind: "failed", message: failure });
  }
}
