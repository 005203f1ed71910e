// What "New sheet" and the Examples menu open. Picking an example goes to a copy the user already
// has and has not changed, rather than making another identical one (a session used to end with 19
// copies of the same example); new sheets and new copies get titles no other sheet has.
import type { SheetDocument } from "../../cells/index.ts";
import type { SheetRecord, SheetSummary } from "../persistence/index.ts";
import { blankDocument, freeTitle, isCopyTitle, sameContent, UNTITLED } from "./sheet-titles.ts";

/** The part of the sheet store this needs. */
export interface SavedSheets {
  list(): Promise<SheetSummary[]>;
  get(id: string): Promise<SheetRecord | null>;
}

/** Open saved sheet `open`, or create `create` as a new one. */
export type SheetTarget = { readonly open: string } | { readonly create: SheetDocument };

/**
 * The id of the most recently saved sheet that is `example` unchanged (titled like it, or one of its
 * numbered copies, with the same content), or null when there is none.
 */
export async function findUnchangedCopy(saved: SavedSheets, example: SheetDocument, list: readonly SheetSummary[]): Promise<string | null> {
  for (const summary of list) {
    if (!isCopyTitle(summary.title, example.title)) continue;
    const record = await saved.get(summary.id);
    if (record && sameContent(record.document, example)) return record.id;
  }
  return null;
}

/** Where picking `example` leads. Storage that cannot be read leads to a new copy, as before there was any. */
export async function exampleTarget(saved: SavedSheets, example: SheetDocument): Promise<SheetTarget> {
  const list = await saved.list().catch(() => []);
  const copy = await findUnchangedCopy(saved, example, list).catch(() => null);
  if (copy !== null) return { open: copy };
  return { create: { ...example, title: freeTitle(example.title, list.map((s) => s.title), "parens") } };
}

/** A blank sheet titled "Untitled sheet", numbered when that title is taken. */
export async function blankSheet(saved: SavedSheets): Promise<SheetDocument> {
  const list = await saved.list().catch(() => []);
  return blankDocument(freeTitle(UNTITLED, list.map((s) => s.title), "suffix"));
}
