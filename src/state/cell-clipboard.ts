// Copy, cut and paste of a cell's source. The system clipboard is used when the page may read it;
// otherwise the last copied source, kept here, is pasted.

export interface ClipboardSheet {
  /** A cell's source, or null when the cell is empty. */
  source(address: string): string | null;
  /** Set a cell's source as a user edit (saved and undoable). */
  commit(address: string, source: string): void;
}

export class CellClipboard {
  private copied: string | null = null;

  constructor(private readonly sheet: ClipboardSheet) {}

  copy(address: string): void {
    this.copied = this.sheet.source(address);
    if (this.copied !== null) void navigator.clipboard?.writeText(this.copied).catch(() => undefined);
  }

  cut(address: string): void {
    this.copy(address);
    this.sheet.commit(address, "");
  }

  async paste(address: string): Promise<void> {
    let text = this.copied;
    try {
      text = (await navigator.clipboard?.readText()) || text;
    } catch {
      // Clipboard permission denied: fall back to what was copied in this page.
    }
    // A cell is one line: pasted line breaks would make a formula the parser reads differently.
    if (text) this.sheet.commit(address, text.replace(/[\r\n]+/g, " "));
  }
}
