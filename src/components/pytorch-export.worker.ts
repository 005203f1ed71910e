// Builds the PyTorch script of a sheet off the main thread: the exporter needs the sheet evaluated
// (param values, the values random calls drew, the shapes training checks), and the first-look
// sheet's hidden layer alone is a 8000 × 784 × 512 product.
import {
  CellError, fetchMnistBytes, mnistProvider, pytorchScript, sheetFromDocument, Tensor, usesMnist, type DatasetProvider, type SheetDocument,
} from "../../cells/index.ts";
import { AppDatabase, IdbDatasetStore } from "../persistence/index.ts";

export interface PytorchExportRequest {
  readonly document: SheetDocument;
  readonly fileName: string;
}

export type PytorchExportAnswer = { readonly script: string; readonly error: null } | { readonly script: null; readonly error: string };

/** The built-in MNIST when the sheet reads it, and the datasets the user loaded (kept in IndexedDB), as the sheet worker serves them. */
async function datasets(document: SheetDocument): Promise<DatasetProvider> {
  const mnist = usesMnist(document.cells.map((c) => c.source))
    ? mnistProvider(await fetchMnistBytes(new URL(`${import.meta.env.BASE_URL}data/mnist.bin`, self.location.origin)))
    : null;
  const loaded = new Map<string, Tensor>();
  if (document.cells.some((c) => c.source.includes("dataset("))) {
    for (const d of await new IdbDatasetStore(new AppDatabase()).list().catch(() => [])) loaded.set(d.name, new Tensor(d.shape, d.data));
  }
  return (fn, arg) => {
    if (fn !== "dataset" && mnist !== null) return mnist(fn, arg);
    const value = loaded.get(arg);
    if (value === undefined) throw new CellError("name", `no dataset named "${arg}" is loaded here`);
    return value;
  };
}

self.onmessage = async (e: MessageEvent<PytorchExportRequest>) => {
  const { document, fileName } = e.data;
  let answer: PytorchExportAnswer;
  try {
    const sheet = sheetFromDocument(document, await datasets(document));
    sheet.evaluate();
    answer = { script: pytorchScript(sheet, { fileName }).script, error: null };
  } catch (err) {
    answer = { script: null, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(answer);
};
