import { For, Show, createSignal } from "solid-js";
import { EXAMPLES } from "../examples.ts";
import type { Workbook } from "../state/workbook.ts";
import { SheetsDialog } from "./SheetsDialog.tsx";

/** Title, sheets, examples, import/export, undo/redo and the save status. */
export function Toolbar(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const [includeTensors, setIncludeTensors] = createSignal(true);
  const [sheetsOpen, setSheetsOpen] = createSignal(false);
  let fileInput!: HTMLInputElement;
  let dataInput!: HTMLInputElement;

  const download = async () => {
    const { filename, text } = await wb.exportText(includeTensors());
    const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  const importFile = async (file: File | undefined) => {
    if (file) await wb.importText(await file.text(), file.name);
    fileInput.value = "";
  };

  const status = () => {
    const s = wb.storage[0]();
    if (wb.readOnly[0]() !== null) return "Read-only — another tab saves this sheet";
    if (s.kind === "unavailable") return `Not saved — storage unavailable: ${s.message ?? ""}`;
    if (s.kind === "unsaved") return s.message ?? "Unsaved changes…";
    return s.kind === "saving" ? "Saving…" : "All changes saved";
  };

  return (
    <header class="toolbar">
      <span class="brand">Tensorsheet</span>
      <label class="title-field">
        <span class="sr-only">Sheet title</span>
        <input data-testid="sheet-title" value={wb.title[0]()} readOnly={wb.readOnly[0]() !== null} onChange={(e) => wb.setTitle(e.currentTarget.value)} />
      </label>
      <button type="button" onClick={() => setSheetsOpen(true)} data-testid="open-sheets">Sheets…</button>
      <label class="menu">
        <span class="sr-only">Open an example</span>
        <select
          data-testid="examples-menu"
          onChange={(e) => {
            const file = e.currentTarget.value;
            e.currentTarget.value = "";
            if (file) void wb.openExample(file);
          }}
        >
          <option value="">Examples…</option>
          <For each={EXAMPLES}>{(ex) => <option value={ex.file}>{ex.title}</option>}</For>
        </select>
      </label>
      <button type="button" onClick={() => fileInput.click()} data-testid="import-button">Import…</button>
      <input ref={fileInput} type="file" accept=".json,application/json" class="sr-only" data-testid="import-input" onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
      <button type="button" onClick={() => dataInput.click()} data-testid="load-data-button" title='Load a NumPy .npy or MNIST IDX file, read in cells as dataset("name")'>Load data…</button>
      <input ref={dataInput} type="file" accept=".npy,.gz,.idx,.ubyte,application/octet-stream" class="sr-only" data-testid="load-data-input" onChange={(e) => {
        const file = e.currentTarget.files?.[0];
        e.currentTarget.value = "";
        if (file) void wb.loadDataset(file);
      }} />
      <button type="button" onClick={() => void download()} data-testid="export-button">Export</button>
      <label class="check">
        <input type="checkbox" checked={includeTensors()} onChange={(e) => setIncludeTensors(e.currentTarget.checked)} /> with trained values
      </label>
      <span class="spacer" />
      <button type="button" onClick={() => wb.undo()} disabled={(wb.historyVersion[0](), !wb.history.canUndo)} title="Undo (Ctrl+Z)" data-testid="undo">↶</button>
      <button type="button" onClick={() => wb.redo()} disabled={(wb.historyVersion[0](), !wb.history.canRedo)} title="Redo (Ctrl+Shift+Z)" data-testid="redo">↷</button>
      <span class="status" role="status" data-testid="save-status" classList={{ "status-warn": wb.storage[0]().kind === "unavailable" }}>{status()}</span>
      <Show when={sheetsOpen()}>
        <SheetsDialog workbook={wb} onClose={() => setSheetsOpen(false)} />
      </Show>
    </header>
  );
}
