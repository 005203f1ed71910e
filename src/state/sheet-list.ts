// The saved sheets as the Sheets dialog lists them, and what it does to them (rename, duplicate,
// delete). The workbook is told when the change is to the open sheet, which it shows.
import { createSignal } from "solid-js";
import type { IdbSheetStore, SheetSummary } from "../persistence/index.ts";
import { freeTitle } from "./sheet-titles.ts";

export interface SheetListDeps {
  readonly store: IdbSheetStore;
  /** The open sheet's id. */
  readonly openId: () => string | null;
  /** Write the open sheet first, so a copy holds its latest edits. */
  readonly flushSave: () => Promise<void>;
  readonly renamedOpen: (title: string) => void;
  readonly deletedOpen: () => Promise<void>;
}

export class SheetList {
  /** Most recently saved first. */
  readonly sheets = createSignal<readonly SheetSummary[]>([]);

  constructor(private readonly deps: SheetListDeps) {}

  async refresh(): Promise<void> {
    try {
      this.sheets[1](await this.deps.store.list());
    } catch {
      // Storage problems are already shown in the status.
    }
  }

  async rename(id: string, title: string): Promise<void> {
    await this.deps.store.rename(id, title);
    if (id === this.deps.openId()) this.deps.renamedOpen(title);
    await this.refresh();
  }

  /** Copy a sheet as "<title> (copy)", numbered when that title is taken ("… (copy) 2"). */
  async duplicate(id: string): Promise<void> {
    await this.deps.flushSave();
    const list = await this.deps.store.list();
    const original = list.find((s) => s.id === id);
    if (original === undefined) return;
    await this.deps.store.duplicate(id, { title: freeTitle(`${original.title} (copy)`, list.map((s) => s.title), "suffix") });
    await this.refresh();
  }

  async delete(id: string): Promise<void> {
    await this.deps.store.delete(id);
    await this.refresh();
    if (id === this.deps.openId()) await this.deps.deletedOpen();
  }
}
