// Opening a shared link: the sheet is shown as a preview — evaluated like any sheet, editable, but
// never saved (nor its undo history) — until the user presses "Save a copy". A link that holds no
// valid sheet is refused with the same kind of message as a bad file, and the user's sheets are
// left as they were.
import { createSignal } from "solid-js";
import type { SheetDocument } from "../../cells/index.ts";
import { randomId } from "../persistence/index.ts";
import { freeTitle } from "../state/sheet-titles.ts";
import { sheetIdFromHash, showSheetInUrl } from "../state/sheet-route.ts";
import type { Workbook } from "../state/workbook.ts";
import { decodeSharePayload } from "./share-codec.ts";
import { sharePayloadFromHash } from "./share-route.ts";

/** What the banner says of the previewed sheet. */
export interface SharedSheet {
  readonly title: string;
  /** The link carried param values (and training state), not only the cells. */
  readonly withValues: boolean;
}

/** The toolbar's status while a preview is shown (saveStatusText shows an "unsaved" message as is). */
export const PREVIEW_STATUS = "Not saved — preview of a shared link";

const REFUSED = "The shared link was not opened: ";

export function refusedLinkMessage(reason: string): string {
  return `${REFUSED}${reason}`;
}

export class SharePreview {
  /** The link's sheet, while the open sheet is its preview (see shown()). */
  readonly sheet = createSignal<SharedSheet | null>(null);

  constructor(private readonly wb: Workbook) {}

  /** The previewed sheet, or null once another sheet is open or the preview was saved. */
  shown(): SharedSheet | null {
    return this.wb.previewing() ? this.sheet[0]() : null;
  }

  /** Show the sheet in link payload `payload`; false (saying why, changing nothing) if it holds none. */
  async open(payload: string): Promise<boolean> {
    let document: SheetDocument;
    try {
      document = await decodeSharePayload(payload);
    } catch (e) {
      this.refuse((e as Error).message);
      return false;
    }
    // The Sheets dialog and "Save a copy" need the user's sheets even when nothing of theirs opens.
    await this.wb.library.refresh();
    this.wb.unsavedId[1](randomId());
    const error = await this.wb.open(this.wb.unsavedId[0]()!, document, true);
    if (error !== null) {
      this.refuse(error);
      return false;
    }
    this.sheet[1]({ title: document.title, withValues: document.tensors !== undefined });
    // An earlier link's refusal is not about this one.
    if (this.wb.notice[0]()?.text.startsWith(REFUSED)) this.wb.notice[1](null);
    this.wb.storage[1]({ kind: "unsaved", message: PREVIEW_STATUS });
    return true;
  }

  /** Add the previewed sheet, as it is now (edits and values), to the user's sheets, and name it in the URL. */
  async saveCopy(): Promise<void> {
    const id = this.wb.sheetId[0]();
    if (id === null || !this.wb.previewing()) return;
    await this.wb.library.refresh();
    const title = freeTitle(this.wb.title[0](), this.wb.library.sheets[0]().map((s) => s.title), "parens");
    this.wb.unsavedId[1](null);
    // The export absorbs the worker's current param values into the page's copy, so the copy holds what is shown.
    await this.wb.exportText(true);
    this.wb.setTitle(title);
    await this.wb.saveNow();
    showSheetInUrl(id, "replace");
    this.wb.notice[1]({ kind: "info", text: `Saved a copy of the shared sheet to your sheets as “${title}”.` });
  }

  private refuse(reason: string): void {
    this.wb.notice[1]({ kind: "error", text: refusedLinkMessage(reason) });
  }
}

/**
 * Open what the URL names on load: a shared link's preview, else (as before) the saved sheet
 * `#sheet=<id>` or the most recent one — also when the link is refused.
 */
export async function startFromUrl(wb: Workbook, preview: SharePreview): Promise<void> {
  const payload = sharePayloadFromHash(location.hash);
  if (payload !== null && (await preview.open(payload))) return;
  await wb.start(sheetIdFromHash(location.hash));
}

/**
 * A shared link pasted into the address bar of an open page changes only the hash: open it as a
 * preview then too. A refused link leaves the URL naming the open sheet again. Returns the removal.
 */
export function followShareUrl(wb: Workbook, preview: SharePreview): () => void {
  const onHashChange = () => {
    const payload = sharePayloadFromHash(location.hash);
    if (payload === null) return;
    void (async () => {
      await wb.flushSave();
      const opened = await preview.open(payload);
      const shown = wb.sheetId[0]();
      if (!opened && shown !== null && !wb.previewing()) showSheetInUrl(shown, "replace");
    })();
  };
  window.addEventListener("hashchange", onHashChange);
  return () => window.removeEventListener("hashchange", onHashChange);
}
