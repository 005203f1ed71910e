import { compareAddresses } from "./address.ts";
import type { CellEntry } from "./cell-entry.ts";
import type { CellRecord } from "./document.ts";

/**
 * The sheet's cells by address, with the sorted listings the UI and export read on every change
 * kept until the cells change (a sheet of thousands of cells is listed far more often than edited).
 */
export class CellTable {
  private readonly byAddress = new Map<string, CellEntry>();
  private cachedAddresses: string[] | null = null;
  private cachedRecords: CellRecord[] | null = null;

  get(address: string): CellEntry | undefined {
    return this.byAddress.get(address);
  }

  has(address: string): boolean {
    return this.byAddress.has(address);
  }

  /** Every entry, in the order the cells were added. */
  values(): IterableIterator<CellEntry> {
    return this.byAddress.values();
  }

  keys(): IterableIterator<string> {
    return this.byAddress.keys();
  }

  set(address: string, entry: CellEntry): void {
    if (!this.byAddress.has(address)) this.cachedAddresses = null;
    this.byAddress.set(address, entry);
    this.cachedRecords = null;
  }

  delete(address: string): boolean {
    if (!this.byAddress.delete(address)) return false;
    this.cachedAddresses = null;
    this.cachedRecords = null;
    return true;
  }

  /** Every address, in reading order (A1, A2, …, B1). */
  addresses(): string[] {
    this.cachedAddresses ??= [...this.byAddress.keys()].sort(compareAddresses);
    return [...this.cachedAddresses];
  }

  /** Every cell as a document stores it, in reading order. */
  records(): CellRecord[] {
    this.cachedRecords ??= this.addresses().map((a) => {
      const e = this.byAddress.get(a)!;
      return { address: a, source: e.source, ...(e.note !== undefined && { note: e.note }), ...(e.drawing !== undefined && { drawing: e.drawing }) };
    });
    return [...this.cachedRecords];
  }
}
