import { createSignal, onCleanup } from "solid-js";
import type { Workbook } from "../state/workbook.ts";
import { CopyLinkButton } from "../share/CopyLinkButton.tsx";
import { ExportPytorchButton } from "./ExportPytorchButton.tsx";

/**
 * Import, load data and export. Inline when the toolbar has room; otherwise (.toolbar-compact, see
 * toolbar-fit.ts) folded behind a "More" button that opens them as a menu.
 */
export function FileActions(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const [includeTensors, setIncludeTensors] = createSignal(true);
  const [open, setOpen] = createSignal(false);
  let root!: HTMLDivElement;
  let toggle!: HTMLButtonElement;
  let fileInput!: HTMLInputElement;
  let dataInput!: HTMLInputElement;

  const closeOnOutside = (e: Event) => {
    if (open() && !root.contains(e.target as Node)) setOpen(false);
  };
  document.addEventListener("pointerdown", closeOnOutside);
  onCleanup(() => document.removeEventListener("pointerdown", closeOnOutside));
  const closeOnEscape = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || !open()) return;
    setOpen(false);
    toggle.focus();
  };

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

  return (
    <div class="toolbar-more" ref={root} onKeyDown={closeOnEscape}>
      <button
        ref={toggle}
        type="button"
        class="toolbar-more-button"
        data-testid="toolbar-more"
        aria-expanded={open()}
        aria-controls="toolbar-file-actions"
        title="Import, load data, export"
        onClick={() => setOpen(!open())}
      >
        More <span aria-hidden="true">▾</span>
      </button>
      <div
        id="toolbar-file-actions"
        class="toolbar-file-actions"
        classList={{ "toolbar-file-actions-open": open() }}
        role="group"
        aria-label="File actions"
      >
        <button type="button" onClick={() => fileInput.click()} data-testid="import-button">Import…</button>
        <input ref={fileInput} type="file" accept=".json,application/json" class="sr-only" tabIndex={-1} aria-label="Import a sheet file" data-testid="import-input" onChange={(e) => void importFile(e.currentTarget.files?.[0])} />
        <button type="button" onClick={() => dataInput.click()} data-testid="load-data-button" title='Load a NumPy .npy or .npz, a CSV table or an MNIST IDX file, read in cells as dataset("name")'>Load data…</button>
        <input ref={dataInput} type="file" accept=".npy,.npz,.csv,.gz,.idx,.ubyte,application/octet-stream,text/csv" class="sr-only" tabIndex={-1} aria-label="Load a data file" data-testid="load-data-input" onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = "";
          if (file) void wb.loadDataset(file);
        }} />
        <button type="button" onClick={() => void download()} data-testid="export-button">Export</button>
        <ExportPytorchButton workbook={wb} />
        <CopyLinkButton workbook={wb} withValues={includeTensors} />
        <label class="check" title="For Export and Copy link. Unchecked, the file or link holds only the cells: no param values and no training state (step, loss history, optimizer), so it opens untrained">
          <input type="checkbox" data-testid="export-with-values" checked={includeTensors()} onChange={(e) => setIncludeTensors(e.currentTarget.checked)} /> with trained values
        </label>
      </div>
    </div>
  );
}
