import { createSignal } from "solid-js";
import { shellWord } from "../../cells/index.ts";
import type { Workbook } from "../state/workbook.ts";
import type { PytorchExportAnswer, PytorchExportRequest } from "./pytorch-export.worker.ts";

/** A file name from the sheet's title, as Export names its JSON. */
function scriptFilename(title: string): string {
  return `${title.replace(/[^\w\- ]+/g, "").trim() || "sheet"}.py`;
}

/** Runs the exporter in a worker of its own, once per click, so a large sheet never blocks the page. */
function buildScript(request: PytorchExportRequest): Promise<PytorchExportAnswer> {
  const worker = new Worker(new URL("./pytorch-export.worker.ts", import.meta.url), { type: "module", name: "pytorch-export" });
  return new Promise<PytorchExportAnswer>((resolve) => {
    worker.onmessage = (e: MessageEvent<PytorchExportAnswer>) => resolve(e.data);
    worker.onerror = (e) => resolve({ script: null, error: e.message || "the export worker failed" });
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/**
 * "PyTorch script": downloads the open sheet as a plain PyTorch program with its current values
 * embedded (the command line's `tensorsheet export --to pytorch` also writes large values and
 * MNIST as .npy files beside the script).
 */
export function ExportPytorchButton(props: { readonly workbook: Workbook }) {
  const wb = props.workbook;
  const [busy, setBusy] = createSignal(false);
  /** The last script's file name, on the button (data-exported) so tests can see it was made. */
  const [exported, setExported] = createSignal<string | null>(null);

  const exportScript = async () => {
    setBusy(true);
    try {
      const { text } = await wb.exportText(true);
      const document = JSON.parse(text) as PytorchExportRequest["document"];
      const fileName = scriptFilename(document.title);
      const answer = await buildScript({ document, fileName });
      if (answer.error !== null) {
        wb.notice[1]({ kind: "error", text: `The PyTorch script was not written: ${answer.error}` });
        return;
      }
      const url = URL.createObjectURL(new Blob([answer.script], { type: "text/x-python" }));
      const a = window.document.createElement("a");
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      setExported(fileName);
      // MNIST and loaded datasets stay out of the one file: say where the script will look for them.
      const data = /^def (mnist_images|dataset)\(/m.test(answer.script)
        ? " It reads its data from .npy files beside it: npx tensorsheet export … --to pytorch writes MNIST's, and a loaded dataset is NAME.npy."
        : "";
      wb.notice[1]({ kind: "info", text: `Wrote ${fileName}: run it with python3 ${shellWord(fileName)}; it holds the sheet's current values.${data}` });
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
