import { batch, createSignal } from "solid-js";
import {
  compareAddresses, formatAddress, FormatError, parseAddress, parseSheetDocument, sheetFingerprint, type Drawing, type SheetDocument,
} from "../../cells/index.ts";
import { AppDatabase, IdbHistoryStore, IdbSheetStore, randomId } from "../persistence/index.ts";
import { EXAMPLES, fetchExample } from "../examples.ts";
import { CellClipboard } from "./cell-clipboard.ts";
import { datasetNameQuestion, suggestedDatasetName } from "./dataset-name.ts";
import { EditHistory } from "./history.ts";
import { HistoryKeeper } from "./history-store.ts";
import type { SourceCell } from "./rename-plan.ts";
import { SheetEditor } from "./sheet-editor.ts";
import { SketchPads } from "./sketch-pads.ts";
import { selectionRange, type CellRange, type RangeMark } from "./cell-range.ts";
import { SheetClient } from "./sheet-client.ts";
import { SheetSaver } from "./sheet-saver.ts";
import { SheetOwnership } from "./sheet-ownership.ts";
import { sheetTrainingClient } from "./sheet-training.ts";
import { withTrackSize, type SheetLayout, type TrackAxis } from "./grid-layout.ts";
import { blankSheet, exampleTarget } from "./new-sheets.ts";
import { SheetList } from "./sheet-list.ts";
import { exportFile, type ExportFile } from "./sheet-export.ts";
import { unknownSheetMessage } from "./sheet-route.ts";

export type StorageStatus = { readonly kind: "saved" | "saving" | "unsaved" | "unavailable"; readonly message?: string };

/**
 * The app's state and actions: which sheet is open, the selection, undo history and autosave.
 * Components read signals here and call actions; the sheet itself lives in the worker.
 */
export class Workbook {
  readonly client = new SheetClient();
  readonly training = sheetTrainingClient(this.client);
  readonly history = new EditHistory();
  private readonly db = new AppDatabase();
  private readonly store = new IdbSheetStore(this.db);
  /** Each sheet's undo history, kept across reloads (deleting a sheet deletes it with the sheet). */
  private readonly histories = new HistoryKeeper(new IdbHistoryStore(this.db));
  private readonly saver = new SheetSaver({
    sheetId: () => this.sheetId[0](),
    canWrite: () => !this.previewing() && this.readOnly[0]() === null && this.storage[0]().kind !== "unavailable",
    owns: (id) => this.ownership.owned === id,
    values: () => this.client.exportDocument(true),
    put: async (id, document) => {
      await this.store.put({ id, document, title: document.title });
      await this.library.refresh();
    },
    onState: (s) => this.storage[1](s.kind === "failed" ? { kind: "unsaved", message: `Not saved: ${s.message}` } : s),
  });
  private readonly ownership = new SheetOwnership({
    handOver: (id) => (id === this.sheetId[0]() ? this.saveNow() : Promise.resolve()),
    lost: (id) => {
      if (id !== this.sheetId[0]()) return;
      this.readOnly[1]("Another tab took over this sheet and saves it now; this tab shows it read-only.");
      // The other tab may train this sheet's runs now; a run here stops at a checkpoint it can resume.
      this.training.pause();
    },
  });
  readonly clipboard = new CellClipboard(this);
  /** The saved sheets, as the Sheets dialog lists them. */
  readonly library = new SheetList({
    store: this.store,
    openId: () => this.sheetId[0](),
    flushSave: () => this.flushSave(),
    renamedOpen: (title) => {
      this.title[1](title);
      if (this.saver.draft) this.saver.draft.title = title;
    },
    deletedOpen: () => (this.ownership.release(), this.start()),
  });

  readonly sheetId = createSignal<string | null>(null);
  readonly title = createSignal("Untitled sheet");
  readonly seed = createSignal(0);
  readonly selected = createSignal("A1");
  /** Where a range selection (Shift+Arrow, Shift+click) started; it lapses when the selection moves elsewhere. */
  readonly anchor = createSignal<RangeMark | null>(null);
  readonly storage = createSignal<StorageStatus>({ kind: "saved" });
  readonly notice = createSignal<{ kind: "error" | "info"; text: string } | null>(null);
  /** Why this tab does not write the open sheet (another tab does), or null when it does. */
  readonly readOnly = createSignal<string | null>(null);
  /** Column widths, row heights and spans of the open sheet, as its file keeps them. */
  readonly layout = createSignal<SheetLayout | undefined>(undefined);
  /** Bumped each time a sheet is opened, so the grid can scroll back to its top-left. */
  readonly openCount = createSignal(0);
  /** A sheet opened under this id is shown but never saved, nor its undo history (a shared link's preview, src/share). */
  readonly unsavedId = createSignal<string | null>(null);
  readonly previewing = (): boolean => this.sheetId[0]() !== null && this.sheetId[0]() === this.unsavedId[0]();
  /** Bumped on undo/redo so the UI can refresh its enabled state. */
  readonly historyVersion = createSignal(0);
  /** Sketch cells' drawings as the pads show them; a stroke in progress streams to the worker. */
  readonly pads = new SketchPads(this.client);
  private readonly editor = new SheetEditor({
    history: this.history,
    client: this.client,
    pads: this.pads,
    draft: () => this.saver.draft,
    sources: () => this.sources(),
    select: (address) => this.selected[1](address),
    inform: (text) => this.notice[1]({ kind: "info", text }),
    writable: () => this.writable(),
    saveNow: () => this.saveNow(),
    historyChanged: () => this.historyVersion[1]((v) => v + 1),
    keepHistory: () => {
      const id = this.sheetId[0]();
      if (id !== null && !this.previewing()) void this.histories.save(id, this.history.stacks(), this.sources());
    },
  });
  // The cell edits the grid, toolbar and clipboard make, under the names they call.
  readonly commit = (address: string, source: string): void => this.editor.commit(address, source);
  readonly commitCells: SheetEditor["commitCells"] = (changes, focus) => this.editor.commitCells(changes, focus);
  readonly move = (from: string, to: string): void => this.editor.move(from, to);
  readonly commitDrawing: SheetEditor["commitDrawing"] = (address, drawing) => this.editor.commitDrawing(address, drawing);
  readonly drawingOf = (address: string): Drawing => this.pads.drawing(address);
  readonly undo = (): void => this.editor.undo();
  readonly redo = (): void => this.editor.redo();

  constructor() {
    this.client.onCells((_cells, done) => {
      if (done) this.saver.scheduleValues();
    });
    this.client.onNotice = (kind, text) => this.notice[1]({ kind, text });
  }

  /** Open sheet `requested` (the URL's) if saved, else the most recent, or the first-look example for a first-time visitor. */
  async start(requested: string | null = null): Promise<void> {
    try {
      const list = await this.store.list();
      this.library.sheets[1](list);
      const wanted = list.find((s) => s.id === requested);
      const instead = list.length > 0 ? "Opened your most recent sheet instead." : "Opened the first example instead.";
      if (requested !== null && !wanted) this.notice[1]({ kind: "error", text: unknownSheetMessage(requested, instead) });
      const recent = wanted ?? list[0];
      if (recent) {
        const record = await this.store.get(recent.id);
        if (record) {
          const error = await this.open(record.id, record.document, false);
          if (error === null) return;
          this.notice[1]({ kind: "error", text: `${record.title} could not be opened: ${error}. It is kept as it was; opening the first example instead.` });
        }
      }
    } catch (e) {
      this.storage[1]({ kind: "unavailable", message: (e as Error).message });
    }
    await this.openExample(EXAMPLES[0]!.file);
  }

  /**
   * Show `document` as sheet `id`, all or nothing: the worker builds it first, and only then do
   * the title, grid, undo history and save target switch. Returns why it was refused, or null.
   */
  async open(id: string, document: SheetDocument, check: boolean): Promise<string | null> {
    const error = await this.client.load(document, check);
    if (error !== null) return error;
    const owner = await this.ownership.claim(id);
    // Undo picks up where the last visit left off, if the kept history leads to these very cells.
    const kept = await this.histories.load(id, document.cells);
    batch(() => {
      this.sheetId[1](id);
      this.title[1](document.title);
      this.seed[1](document.seed);
      // The first filled cell in reading order: a file's cells may come in any order.
      this.selected[1](document.cells.map((c) => c.address).sort(compareAddresses)[0] ?? "A1");
      this.anchor[1](null);
      this.layout[1](document.layout);
      this.openCount[1]((n) => n + 1);
      this.readOnly[1](owner ? null : "This sheet is open in another tab, which saves it; this tab shows it read-only.");
    });
    this.saver.opened(document);
    this.pads.reset(document.cells);
    if (kept) this.history.restore(kept);
    else this.history.clear();
    this.historyVersion[1]((v) => v + 1);
    return null;
  }

  /** Write the open sheet from this tab; the tab that wrote it until now saves and turns read-only. */
  async takeOver(): Promise<void> {
    const id = this.sheetId[0]();
    if (id === null) return;
    await this.ownership.takeOver(id);
    // The other tab saved before letting go: show what it saved.
    const record = await this.store.get(id);
    const error = record ? await this.open(id, record.document, false) : null;
    if (error !== null) this.notice[1]({ kind: "error", text: `The saved sheet could not be opened: ${error}` });
    else this.readOnly[1](null);
  }

  /**
   * An example opens as a sheet of the user's own, so edits never touch the original: the copy they
   * have not changed if there is one, else a new copy with a title no sheet has ("… (2)").
   */
  async openExample(file: string): Promise<void> {
    const example = parseSheetDocument(await fetchExample(file));
    await this.flushSave();
    const target = await exampleTarget(this.store, example);
    if ("create" in target) await this.create(target.create);
    else if (target.open !== this.sheetId[0]()) await this.openSheet(target.open);
  }

  /** A blank sheet, "Untitled sheet" (numbered when that title is taken). */
  async newSheet(): Promise<void> {
    await this.flushSave();
    await this.create(await blankSheet(this.store));
  }

  /** Open `document` as a new sheet and save it; throws (changing nothing) if the worker refuses it. */
  async create(document: SheetDocument, check = false): Promise<void> {
    const id = randomId();
    const error = await this.open(id, document, check);
    if (error !== null) throw new Error(error);
    await this.saveNow();
  }

  /** Open saved sheet `id`; false (saying so, and staying on the open sheet) if there is none. */
  async openSheet(id: string): Promise<boolean> {
    await this.flushSave();
    const record = await this.store.get(id);
    if (!record) {
      this.notice[1]({ kind: "error", text: unknownSheetMessage(id, "This sheet stays open.") });
      return false;
    }
    const error = await this.open(record.id, record.document, false);
    if (error !== null) this.notice[1]({ kind: "error", text: `${record.title} could not be opened: ${error}` });
    return true;
  }

  setTitle(title: string): void {
    if (!this.writable()) return;
    this.title[1](title);
    if (this.saver.draft) this.saver.draft.title = title;
    void this.saveNow();
  }

  /** Make `name` the sheet's objective (null: none); every upstream cell then has a gradient twin. */
  setObjective(name: string | null): void {
    if (!this.writable()) return;
    this.client.send({ type: "setObjective", name });
    if (this.saver.draft) this.saver.draft.objective = name;
    void this.saveNow();
  }

  /** Set a column's width or a row's height in px (null: the default); saved, but not undoable (history holds cell edits). */
  resizeTrack(axis: TrackAxis, index: number, px: number | null): void {
    if (!this.writable()) return;
    const layout = withTrackSize(this.layout[0](), axis, index, px);
    this.layout[1](layout);
    if (this.saver.draft) this.saver.draft.layout = layout;
    void this.saveNow();
  }

  /** Whether this tab may change the sheet; if not, says why. */
  writable(): boolean {
    const why = this.readOnly[0]();
    if (why === null) return true;
    this.notice[1]({ kind: "info", text: `${why} Press Take over to edit it here.` });
    return false;
  }

  /** `${sheetId}:${cell}`: checkpoints of a training cell are stored under this key. */
  runKey(cellKey: string): string {
    return `${this.sheetId[0]()}:${cellKey}`;
  }

  /** True while a run's snapshot differs from the sheet: the run keeps its snapshot, and the UI says so. */
  sheetChanged(): boolean {
    const snapshot = this.training.state.snapshot;
    return snapshot !== null && snapshot !== sheetFingerprint(this.seed[0](), Object.values(this.client.state.cells));
  }

  // ---- editing ------------------------------------------------------------------------------

  source(address: string): string | null {
    return this.editor.source(address);
  }

  /** The selected cells: the range from the anchor to the selected cell, or that cell alone. */
  selection(): CellRange {
    return selectionRange(this.anchor[0](), this.selected[0]());
  }

  /** Every filled cell's source, as the page has it now (the worker may not have evaluated it yet). */
  sources(): readonly SourceCell[] {
    return this.saver.draft?.document().cells ?? [];
  }

  /** Select the neighbour of the selection, clamped to the grid's top-left. */
  moveSelection(dRow: number, dCol: number): void {
    const p = parseAddress(this.selected[0]());
    this.selected[1](formatAddress({ row: Math.max(0, p.row + dRow), col: Math.max(0, p.col + dCol) }));
  }

  addresses(): string[] {
    return Object.keys(this.client.state.cells).sort(compareAddresses);
  }

  // ---- files --------------------------------------------------------------------------------

  /** The open sheet as a file; without trained values it has neither param values nor training state. */
  async exportText(withTrainedValues: boolean): Promise<ExportFile> {
    return exportFile(await this.saver.currentDocument(), withTrainedValues);
  }

  /** Import a file as a new sheet, all or nothing: an invalid file changes nothing and says why. */
  async importText(text: string, filename: string): Promise<boolean> {
    try {
      await this.create(parseSheetDocument(text), true);
      this.notice[1]({ kind: "info", text: `Imported ${filename} as a new sheet.` });
      return true;
    } catch (e) {
      const message = e instanceof FormatError ? e.message : (e as Error).message;
      this.notice[1]({ kind: "error", text: `${filename} was not imported: ${message}` });
      return false;
    }
  }

  /** Load a .npy, .npz, CSV or IDX file as `dataset("name")`; it is kept in IndexedDB for later visits. */
  async loadDataset(file: File): Promise<void> {
    const name = prompt(datasetNameQuestion(file.name), suggestedDatasetName(file.name));
    if (!name) return;
    const bytes = await file.arrayBuffer();
    this.client.send({ type: "addDataset", name, filename: file.name, bytes }, [bytes]);
  }

  // ---- saving -------------------------------------------------------------------------------

  /** Write the page's copy of the open sheet now (edits are saved as they are committed anyway). */
  saveNow(): Promise<void> {
    return this.saver.saveNow();
  }

  /** Save now, with the worker's current param values if it can give them. */
  flushSave(): Promise<void> {
    return this.saver.flush();
  }
}
