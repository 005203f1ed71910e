// Keeps each sheet's undo history in IndexedDB so Ctrl+Z after a reload undoes the last edit made
// before it. A kept history is trusted only if it is well formed and leads to exactly the cells the
// sheet has now (its fingerprint); anything else is dropped quietly, since undo replaying edits onto
// a sheet they were not made on would corrupt it.
import { isAddress, sheetFingerprint } from "../../cells/index.ts";
import type { HistoryRecord } from "../persistence/index.ts";
import type { CellSet, Edit, HistoryStacks } from "./history.ts";
import type { SourceCell } from "./rename-plan.ts";

/** How many undo steps (and as many redo steps) a sheet keeps across reloads; older ones are dropped. */
export const KEPT_EDITS = 200;

/** Where records are kept: IdbHistoryStore in the app, a Map in tests. */
export interface HistoryRecords {
  get(sheetId: string): Promise<HistoryRecord | null>;
  put(record: HistoryRecord): Promise<void>;
}

/** The fingerprint of a sheet's cells alone (the seed is no edit's business). */
export function cellsFingerprint(cells: readonly SourceCell[]): string {
  return sheetFingerprint(0, cells);
}

/** The record to keep for `stacks`, which lead to `cells`: at most KEPT_EDITS of each, the newest. */
export function historyRecord(sheetId: string, stacks: HistoryStacks, cells: readonly SourceCell[], savedAt: number): HistoryRecord {
  return {
    sheetId,
    layout: 1,
    fingerprint: cellsFingerprint(cells),
    done: stacks.done.slice(-KEPT_EDITS),
    undone: stacks.undone.slice(-KEPT_EDITS),
    savedAt,
  };
}

/** The stacks `record` keeps if they fit a sheet with `cells`, else why not. */
export function restoredStacks(record: unknown, cells: readonly SourceCell[]): HistoryStacks | { readonly dropped: string } {
  if (!isObject(record) || record["layout"] !== 1) return { dropped: "it is not a history this version keeps" };
  const { done, undone, fingerprint } = record;
  if (!Array.isArray(done) || !Array.isArray(undone) || !done.every(isEdit) || !undone.every(isEdit)) {
    return { dropped: "it is damaged" };
  }
  if (fingerprint !== cellsFingerprint(cells)) return { dropped: "the sheet was changed without it" };
  return { done: done as Edit[], undone: undone as Edit[] };
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null;
}

const isSource = (x: unknown): x is string | null => x === null || typeof x === "string";
const isCellAddress = (x: unknown): x is string => typeof x === "string" && isAddress(x);

const isDrawing = (x: unknown): boolean => Array.isArray(x) && x.every((s) => Array.isArray(s) && s.every((n) => typeof n === "number"));

function isCellSet(x: unknown): x is CellSet {
  return (
    isObject(x) && x["kind"] === "set" && isCellAddress(x["address"]) && isSource(x["before"]) && isSource(x["after"]) &&
    (x["drawing"] === undefined || isDrawing(x["drawing"]))
  );
}

function isEdit(x: unknown): x is Edit {
  if (!isObject(x)) return false;
  if (x["kind"] === "set") return isCellSet(x);
  if (x["kind"] === "move") return isCellAddress(x["from"]) && isCellAddress(x["to"]);
  if (x["kind"] === "drawing") return isCellAddress(x["address"]) && isDrawing(x["before"]) && isDrawing(x["after"]);
  return (
    x["kind"] === "compound" &&
    Array.isArray(x["edits"]) &&
    x["edits"].every(isCellSet) &&
    isCellAddress(x["focus"]) &&
    (x["label"] === undefined || typeof x["label"] === "string")
  );
}

/**
 * Saves a sheet's history after each edit (an edit is small), in order, and loads it when the
 * sheet is opened. Never throws: a history that cannot be kept or read only costs the undo steps.
 */
export class HistoryKeeper {
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly records: HistoryRecords,
    private readonly now: () => number = Date.now,
  ) {}

  /** Keep `stacks`, which lead to `cells`, as sheet `sheetId`'s history; resolves once written (or given up). */
  save(sheetId: string, stacks: HistoryStacks, cells: readonly SourceCell[]): Promise<void> {
    const record = historyRecord(sheetId, stacks, cells, this.now());
    // One after another, so a slow write never lands after a newer one.
    this.writing = this.writing.then(() =>
      this.records.put(record).catch((e: unknown) => console.info(`The undo history was not kept: ${(e as Error).message}`)),
    );
    return this.writing;
  }

  /** The history kept for sheet `sheetId` if it fits its `cells`, else null (empty history). */
  async load(sheetId: string, cells: readonly SourceCell[]): Promise<HistoryStacks | null> {
    await this.writing;
    let record: HistoryRecord | null;
    try {
      record = await this.records.get(sheetId);
    } catch (e) {
      console.info(`The undo history could not be read, so it starts empty: ${(e as Error).message}`);
      return null;
    }
    if (record === null) return null;
    const stacks = restoredStacks(record, cells);
    if ("dropped" in stacks) {
      console.info(`The kept undo history of this sheet was dropped: ${stacks.dropped}.`);
      return null;
    }
    return stacks;
  }
}
