import { For, onMount } from "solid-js";
import type { Workbook } from "../state/workbook.ts";

/** Open, rename, duplicate and delete saved sheets. Deleting asks first. */
export function SheetsDialog(props: { readonly workbook: Workbook; readonly onClose: () => void }) {
  const wb = props.workbook;
  let dialog!: HTMLDialogElement;
  onMount(() => {
    dialog.showModal();
    void wb.refreshSheets();
  });
  return (
    <dialog ref={dialog} class="sheets-dialog" aria-label="Your sheets" onClose={() => props.onClose()} data-testid="sheets-dialog">
      <h2>Your sheets</h2>
      <ul>
        <For each={wb.sheets[0]()} fallback={<li>No saved sheets yet.</li>}>
          {(s) => (
            <li classList={{ current: s.id === wb.sheetId[0]() }}>
              <button type="button" class="link" onClick={() => void wb.openSheet(s.id).then(() => dialog.close())}>{s.title}</button>
              <span class="muted">{new Date(s.updatedAt).toLocaleString()}</span>
              <button type="button" onClick={() => { const t = prompt("Rename sheet", s.title); if (t) void wb.renameSheet(s.id, t); }}>Rename</button>
              <button type="button" onClick={() => void wb.duplicateSheet(s.id)}>Duplicate</button>
              <button type="button" class="danger" onClick={() => { if (confirm(`Delete “${s.title}”? This cannot be undone.`)) void wb.deleteSheet(s.id); }}>Delete</button>
            </li>
          )}
        </For>
      </ul>
      <form method="dialog"><button type="submit">Close</button></form>
    </dialog>
  );
}
