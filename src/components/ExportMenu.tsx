import { createSignal } from "solid-js";
import { CopyLinkButton } from "../share/CopyLinkButton.tsx";
import type { Workbook } from "../state/workbook.ts";
import { createDisclosure } from "./disclosure.ts";
import { ExportPytorchButton } from "./ExportPytorchButton.tsx";
import { saveBlob } from "./save-blob.ts";

/**
 * Every way out of the app, behind one "Export" button: the sheet file, a PyTorch script, a link,
 * and whether the file and the link carry trained values. Inside the folded toolbar ("More") the
 * items show in its menu directly, without a second level (app.css, .toolbar-compact).
 */
export function ExportMenu(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const [includeTensors, setIncludeTensors] = createSignal(true);
  const menu = createDisclosure();

  const download = async () => {
    const { filename, text } = await wb.exportText(includeTensors());
    saveBlob(new Blob([text], { type: "application/json" }), filename);
  };

  return (
    <div class="export-menu" ref={menu.rootRef} onKeyDown={menu.onKeyDown}>
      <button
        ref={menu.toggleRef}
        type="button"
        class="export-menu-toggle"
        data-testid="export-menu-button"
        aria-expanded={menu.open()}
        aria-controls="export-menu-items"
        title="Download the sheet as a file or a PyTorch script, or copy a link to it"
        onClick={() => menu.setOpen(!menu.open())}
      >
        Export <span aria-hidden="true">▾</span>
      </button>
      <div id="export-menu-items" class="export-menu-items" classList={{ "export-menu-open": menu.open() }} role="group" aria-label="Export">
        <button type="button" onClick={() => void download()} data-testid="export-button" title="Download the sheet as a .json file that Import… opens">
          Sheet file (.json)
        </button>
        <ExportPytorchButton workbook={wb} />
        <CopyLinkButton workbook={wb} withValues={includeTensors} />
        <label class="check" title="For the sheet file and the link. Unchecked, they hold only the cells: no param values and no training state (step, loss history, optimizer), so the sheet opens untrained">
          <input type="checkbox" data-testid="export-with-values" checked={includeTensors()} onChange={(e) => setIncludeTensors(e.currentTarget.checked)} /> with trained values
        </label>
      </div>
    </div>
  );
}
