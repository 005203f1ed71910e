import { For, onMount } from "solid-js";
import type { Workbook } from "../state/workbook.ts";

/**
 * Open, create, rename, duplicate and delete saved sheets. A modal <dialog>: Escape closes it, and
 * the opener gets focus back (the toolbar does that in onClose). The list scrolls inside it, so its
 * header and Close stay in view however many sheets there are. Deleting asks first.
 */
export function SheetsDialog(props: { readonly workbook: Workbook; readonly onClose: () => void }) {
  const wb = props.workbook;
  let dialog!: HTMLDialogElement;
  onMount(() => {
    dialog.showModal();
    void wb.library.refresh();
  });
  const openSheet = (id: string) => void wb.openSheet(id).then(() => dialog.close());
  const newSheet = () => void wb.newSheet().then(() => dialog.close());
  return (
    <dialog ref={dialog} class="sheets-dialog" aria-labelledby="sheets-dialog-title" onClose={() => props.onClose()} data-testid="sheets-dialog">
      <header class="sheets-dialog-head">
        <h2 id="sheets-dialog-title">Your sheets</h2>
        <button type="button" onClick={newSheet} data-testid="sheets-new">New sheet</button>
      </header>
      <ul class="sheets-dialog-list" data-testid="sheets-list">
        <For each={wb.library.sheets[0]()} fallback={<li>No saved sheets yet.</li>}>
          {(s) => (
            <li classList={{ current: s.id === wb.sheetId[0]() }} data-sheet-id={s.id}>
              <button type="button" class="link" aria-current={s.id === wb.sheetId[0]() ? "page" : undefined} onClick={() => openSheet(s.id)}>{s.title}</button>
              <span class="muted">{new Date(s.updatedAt).toLocaleString()}</span>
              <button type="button" aria-label={`Rename ${s.title}`} onClick={() => { const t = prompt("Rename sheet", s.title); if (t) void wb.library.rename(s.id, t); }}>Rename</button>
              <button type="button" aria-label={`Duplicate ${s.title}`} onClick={() => void wb.library.duplicate(s.id)}>Duplicate</button>
              <button type="button" class="danger" aria-label={`Delete ${s.title}`} onClick={() => { if (confirm(`Delete “${s.title}”? This cannot be undone.`)) void wb.library.delete(s.id); }}>Delete</button>
            </li>
          )}
        </For>
      </ul>
      <form method="dialog" class="sheets-dialog-foot"><button type="submit">Close</button></form>
    </dialog>
  );
}
