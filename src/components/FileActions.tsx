import type { Workbook } from "../state/workbook.ts";
import { createDisclosure } from "./disclosure.ts";
import { ExportMenu } from "./ExportMenu.tsx";

/**
 * Import, load data and the Export menu. Inline when the toolbar has room; otherwise
 * (.toolbar-compact, see toolbar-fit.ts) folded behind a "More" button that opens them as a menu.
 */
export function FileActions(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const more = createDisclosure();
  let fileInput!: HTMLInputElement;
  let dataInput!: HTMLInputElement;

  const importFile = async (file: File | undefined) => {
    if (file) await wb.importText(await file.text(), file.name);
    fileInput.value = "";
  };

  return (
    <div class="toolbar-more" ref={more.rootRef} onKeyDown={more.onKeyDown}>
      <button
        ref={more.toggleRef}
        type="button"
        class="toolbar-more-button"
        data-testid="toolbar-more"
        aria-expanded={more.open()}
        aria-controls="toolbar-file-actions"
        title="Import, load data, export"
        onClick={() => more.setOpen(!more.open())}
      >
        More <span aria-hidden="true">▾</span>
      </button>
      <div
        id="toolbar-file-actions"
        class="toolbar-file-actions"
        classList={{ "toolbar-file-actions-open": more.open() }}
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
        <ExportMenu workbook={wb} />
      </div>
    </div>
  );
}
