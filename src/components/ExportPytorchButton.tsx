import { createSignal } from "solid-js";
import { shellWord } from "../../cells/index.ts";
import { fileStem } from "../state/sheet-export.ts";
import type { Workbook } from "../state/workbook.ts";
import type { PytorchExportAnswer, PytorchExportFile, PytorchExportRequest } from "./pytorch-export.worker.ts";
import { saveBlob } from "./save-blob.ts";

/** What the notice says: how to run what was written. */
function exportNotice(file: PytorchExportFile, scriptName: string): string {
  const run = `python3 ${shellWord(scriptName)}`;
  if (file.dataFiles.length === 0) return `Wrote ${file.name}: run it with ${run}; it holds the sheet's current values.`;
  return `Wrote ${file.name}: unzip it and run ${run} in its folder; beside the script are the data it reads and its large values as .npy files (${file.dataFiles.join(", ")}).`;
}

/** Runs the exporter in a worker of its own, once per click, so a large sheet never blocks the page. */
function buildScript(request: PytorchExportRequest): Promise<PytorchExportAnswer> {
  const worker = new Worker(new URL("./pytorch-export.worker.ts", import.meta.url), { type: "module", name: "pytorch-export" });
  return new Promise<PytorchExportAnswer>((resolve) => {
    worker.onmessage = (e: MessageEvent<PytorchExportAnswer>) => resolve(e.data);
    worker.onerror = (e) => resolve({ file: null, error: e.message || "the export worker failed" });
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/**
 * "PyTorch script": downloads the open sheet as a plain PyTorch program with its current values
 * embedded; a sheet that reads MNIST or loaded data downloads as a .zip of the script with that
 * data beside it, as `tensorsheet export --to pytorch` writes it.
 */
export function ExportPytorchButton(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const [busy, setBusy] = createSignal(false);
  /** The last script's file name, on the button (data-exported) so tests can see it was made. */
  const [exported, setExported] = createSignal<string | null>(null);

  const exportScript = async () => {
    setBusy(true);
    try {
      const { document } = await wb.exportText(true);
      // Named from the sheet's title, as Export names its file.
      const fileName = `${fileStem(document.title)}.py`;
      const answer = await buildScript({ document, fileName });
      if (answer.error !== null) {
        wb.notice[1]({ kind: "error", text: `The PyTorch script was not written: ${answer.error}` });
        return;
      }
      const file = answer.file;
      saveBlob(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.type }), file.name);
      setExported(file.name);
      wb.notice[1]({ kind: "info", text: exportNotice(file, fileName) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <button
      type="button"
      data-testid="export-pytorch-button"
      data-exported={exported() ?? undefined}
      aria-busy={busy()}
      disabled={busy()}
      title="Download the sheet as a PyTorch script: one statement per cell, current values embedded, training as a standard loop (torchrun for several processes or machines)"
      onClick={() => void exportScript()}
    >
      {busy() ? "Writing script…" : "PyTorch script"}
    </button>
  );
}
