import { batch, createSignal } from "solid-js";
import { compareAddresses, formatAddress, parseAddress } from "../../cells/address.ts";
import type { SheetDocument } from "../../cells/document.ts";
import { FormatError, parseSheetDocument, serializeSheetDocument } from "../../cells/format/index.ts";
import { AppDatabase, IdbSheetStore, type SheetSummary } from "../persistence/index.ts";
import { EXAMPLES, fetchExample } from "../examples.ts";
import { EditHistory, type Edit } from "./history.ts";
import { SheetClient } from "./sheet-client.ts";
import { TrainingClient, sheetFingerprint } from "../training/training-client.ts";

const AUTOSAVE_DELAY_MS = 400;

export type StorageStatus = { readonly kind: "saved" | "saving" | "unsaved" | "unavailable"; readonly message?: string };

/**
 * The app's state and actions: which sheet is open, the selection, undo history and autosave.
 * Components read signals here and call actions; the sheet itself lives in the worker.
 */
export class Workbook {
  readonly client = new SheetClient();
  /** Training runs in its own worker; finished or paused runs hand their params back to the sheet. */
  readonly training = new TrainingClient({
    onParams: (params, losses, address) => this.client.send({ type: "setParams", params, history: { address, losses } }),
    onReset: (names, address) => {
      for (const name of names) this.client.send({ type: "reinitialize", name });
      if (address) this.client.send({ type: "setParams", params: {}, history: { address, losses: new Float32Array(0) } });
    },
  });
  readonly history = new EditHistory();
  private readonly db = new AppDatabase();
  private readonly store = new IdbSheetStore(this.db);
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private clipboard: string | null = null;

  readonly sheetId = createSignal<string | null>(null);
  readonly title = createSignal("Untitled sheet");
  readonly seed = createSignal(0);
  readonly selected = createSignal("A1");
  readonly storage = createSignal<StorageStatus>({ kind: "saved" });
  readonly sheets = createSignal<readonly SheetSummary[]>([]);
  readonly notice = createSignal<{ kind: "error" | "info"; text: string } | null>(null);
  /** Bumped on undo/redo so the UI can refresh its enabled state. */
  readonly historyVersion = createSignal(0);

  constructor() {
    this.client.onCells((_cells, done) => {
      if (done) this.scheduleSave();
    });
    this.client.onNotice = (kind, text) => this.notice[1]({ kind, text });
  }

  /** Open the most recent sheet, or the first-look example for a first-time visitor. */
  async start(): Promise<void> {
    try {
      const list = await this.store.list();
      this.sheets[1](list);
      const recent = list[0];
      if (recent) {
        const record = await this.store.get(recent.id);
        if (record) return this.open(record.id, record.document);
      }
    } catch (e) {
      this.storage[1]({ kind: "unavailable", message: (e as Error).message });
    }
    await this.openExample(EXAMPLES[0]!.file);
  }

  private open(id: string, document: SheetDocument): void {
    batch(() => {
      this.sheetId[1](id);
      this.title[1](document.title);
      this.seed[1](document.seed);
      this.selected[1](document.cells[0]?.address ?? "A1");
    });
    this.history.clear();
    this.bumpHistory();
    this.client.reset();
    this.client.send({ type: "load", document });
  }

  /** Each example opens as a new sheet of the user's own, so edits never touch the original. */
  async openExample(file: string): Promise<void> {
    const document = parseSheetDocument(await fetchExample(file));
    await this.create(document);
  }

  async create(document: SheetDocument): Promise<void> {
    const id = newId();
    this.open(id, document);
    await this.persist(id, document);
  }

  async openSheet(id: string): Promise<void> {
    await this.flushSave();
    const record = await this.store.get(id);
    if (record) this.open(record.id, record.document);
  }

  async refreshSheets(): Promise<void> {
    try {
      this.sheets[1](await this.store.list());
    } catch {
      // Storage problems are already shown in the status.
    }
  }

  async renameSheet(id: string, title: string): Promise<void> {
    await this.store.rename(id, title);
    if (id === this.sheetId[0]()) this.title[1](title);
    await this.refreshSheets();
  }

  async duplicateSheet(id: string): Promise<void> {
    await this.flushSave();
    await this.store.duplicate(id);
    await this.refreshSheets();
  }

  async deleteSheet(id: string): Promise<void> {
    await this.store.delete(id);
    await this.refreshSheets();
    if (id === this.sheetId[0]()) await this.start();
  }

  setTitle(title: string): void {
    this.title[1](title);
    this.scheduleSave();
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
    return this.client.state.cells[address]?.source ?? null;
  }

  /** Set (or, with an empty string, clear) a cell, recording it for undo. */
  commit(address: string, source: string): void {
    const before = this.source(address);
    const after = source.trim() === "" ? null : source;
    if (before === after) return;
    this.apply({ kind: "set", address, before, after });
  }

  move(from: string, to: string): void {
    if (this.source(from) === null || this.source(to) !== null) return;
    this.apply({ kind: "move", from, to });
    this.selected[1](to);
  }

  undo(): void {
    const e = this.history.undo();
    if (e) this.apply(e, false);
  }

  redo(): void {
    const e = this.history.redo();
    if (e) this.apply(e, false);
  }

  copy(address: string): void {
    this.clipboard = this.source(address);
    if (this.clipboard !== null) void navigator.clipboard?.writeText(this.clipboard).catch(() => undefined);
  }

  cut(address: string): void {
    this.copy(address);
    this.commit(address, "");
  }

  async paste(address: string): Promise<void> {
    let text = this.clipboard;
    try {
      text = (await navigator.clipboard?.readText()) || text;
    } catch {
      // Clipboard permission denied: fall back to the in-app clipboard.
    }
    if (text) this.commit(address, text.replace(/[\r\n]+/g, " "));
  }

  private apply(edit: Edit, record = true): void {
    if (record) this.history.record(edit);
    if (edit.kind === "set") {
      if (edit.after === null) this.client.send({ type: "deleteCell", address: edit.address });
      else this.client.send({ type: "setCell", address: edit.address, source: edit.after });
      this.selected[1](edit.address);
    } else {
      this.client.send({ type: "moveCell", from: edit.from, to: edit.to });
      this.selected[1](edit.to);
    }
    this.bumpHistory();
  }

  private bumpHistory(): void {
    this.historyVersion[1]((v) => v + 1);
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

  async exportText(includeTensors: boolean): Promise<{ filename: string; text: string }> {
    const doc = await this.client.exportDocument(includeTensors);
    const document = { ...doc, title: this.title[0]() };
    const safe = document.title.replace(/[^\w\- ]+/g, "").trim() || "sheet";
    return { filename: `${safe}.tensorsheet.json`, text: serializeSheetDocument(document) };
  }

  /** Import a file as a new sheet; an invalid file changes nothing and says why. */
  async importText(text: string, filename: string): Promise<boolean> {
    try {
      await this.create(parseSheetDocument(text));
      this.notice[1]({ kind: "info", text: `Imported ${filename} as a new sheet.` });
      return true;
    } catch (e) {
      const message = e instanceof FormatError ? e.message : (e as Error).message;
      this.notice[1]({ kind: "error", text: `${filename} was not imported: ${message}` });
      return false;
    }
  }

  /** Load a .npy or IDX file as `dataset("name")`; it is kept in IndexedDB for later visits. */
  async loadDataset(file: File): Promise<void> {
    const suggested = file.name.replace(/\.(npy|gz|idx\d?-?\w*|ubyte)+$/gi, "").replace(/[^A-Za-z0-9_]+/g, "_").replace(/^(\d)/, "_$1") || "data";
    const name = prompt(`Name for ${file.name}? Cells read it as dataset("name").`, suggested);
    if (!name) return;
    const bytes = await file.arrayBuffer();
    this.client.send({ type: "addDataset", name, filename: file.name, bytes }, [bytes]);
  }

  // ---- autosave -----------------------------------------------------------------------------

  private scheduleSave(): void {
    if (this.storage[0]().kind === "unavailable") return;
    this.storage[1]({ kind: "unsaved" });
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flushSave(), AUTOSAVE_DELAY_MS);
  }

  async flushSave(): Promise<void> {
    if (this.saveTimer === null) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const id = this.sheetId[0]();
    if (id === null) return;
    const doc = await this.client.exportDocument(true);
    await this.persist(id, { ...doc, title: this.title[0]() });
  }

  private async persist(id: string, document: SheetDocument): Promise<void> {
    if (this.storage[0]().kind === "unavailable") return;
    this.storage[1]({ kind: "saving" });
    try {
      await this.store.put({ id, document, title: document.title });
      this.storage[1]({ kind: "saved" });
      await this.refreshSheets();
    } catch (e) {
      this.storage[1]({ kind: "unsaved", message: `Not saved: ${(e as Error).message}` });
    }
  }
}

function newId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `sheet-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
