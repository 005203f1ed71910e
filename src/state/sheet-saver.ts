// Saving the open sheet: edits are written as they are committed, from the page's copy (the
// draft); param values follow once the worker has evaluated (a short while after it goes idle),
// so a busy worker never holds up a save. Only the tab that owns the sheet writes.
import type { SheetDocument } from "../../cells/index.ts";
import { Autosave, type SaveState } from "./autosave.ts";
import { SheetDraft } from "./sheet-draft.ts";

const VALUES_DELAY_MS = 400;

export interface SheetSaverDeps {
  /** The open sheet's id, and whether this tab may write it (owns it, storage works). */
  readonly sheetId: () => string | null;
  readonly canWrite: () => boolean;
  /** Whether this tab holds the sheet's lock right now. */
  readonly owns: (id: string) => boolean;
  /** The worker's param values and training states (an export with tensors). */
  readonly values: () => Promise<SheetDocument>;
  readonly put: (id: string, document: SheetDocument) => Promise<void>;
  readonly onState: (state: SaveState) => void;
}

export class SheetSaver {
  /** What the user made, kept on the page as edits are committed (the worker may be busy). */
  draft: SheetDraft | null = null;
  private readonly autosave: Autosave;
  private valuesTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: SheetSaverDeps) {
    this.autosave = new Autosave((id, document) => (deps.owns(id) ? deps.put(id, document) : Promise.resolve()), deps.onState);
  }

  /** A sheet was opened: its document is the new draft, and values pending for the old one are dropped. */
  opened(document: SheetDocument): void {
    this.cancelValues();
    this.draft = new SheetDraft(document);
  }

  /** Write the page's copy of the open sheet now (the latest values known go with it). */
  saveNow(): Promise<void> {
    const id = this.deps.sheetId();
    const draft = this.draft;
    if (id === null || draft === null || !this.deps.canWrite()) return Promise.resolve();
    return this.autosave.save(id, () => draft.document());
  }

  /** Save now, with the worker's current param values if it can give them. */
  async flush(): Promise<void> {
    const hadValuesPending = this.valuesTimer !== null;
    this.cancelValues();
    await this.saveNow();
    if (hadValuesPending) await this.saveValues();
  }

  /** The worker finished evaluating: save its values once it has been quiet for a moment. */
  scheduleValues(): void {
    if (!this.deps.canWrite()) return;
    this.cancelValues();
    this.valuesTimer = setTimeout(() => {
      this.valuesTimer = null;
      void this.saveValues();
    }, VALUES_DELAY_MS);
  }

  /** The sheet as it is now: the page's cells, title and layout with the worker's latest values. */
  async currentDocument(): Promise<SheetDocument> {
    const values = await this.deps.values();
    if (!this.draft) return values;
    this.draft.absorb(values);
    return this.draft.document();
  }

  private cancelValues(): void {
    if (this.valuesTimer !== null) clearTimeout(this.valuesTimer);
    this.valuesTimer = null;
  }

  private async saveValues(): Promise<void> {
    const id = this.deps.sheetId();
    const draft = this.draft;
    if (id === null || draft === null) return;
    const values = await this.deps.values();
    // Another sheet opened meanwhile: these values are not its.
    if (this.deps.sheetId() !== id || this.draft !== draft) return;
    draft.absorb(values);
    await this.saveNow();
  }
}
