// Builds the PyTorch script of a sheet off the main thread: the exporter needs the sheet evaluated
// (param values, the values random calls drew, the shapes training checks), and the first-look
// sheet's hidden layer alone is a 8000 × 784 × 512 product.
import { fetchMnistBytes, mnistProvider, pytorchScript, sheetFromDocument, usesMnist, type SheetDocument } from "../../cells/index.ts";

export interface PytorchExportRequest {
  readonly document: SheetDocument;
  readonly fileName: string;
}

export type PytorchExportAnswer = { readonly script: string; readonly error: null } | { readonly script: null; readonly error: string };

self.onmessage = async (e: MessageEvent<PytorchExportRequest>) => {
  const { document, fileName } = e.data;
  let answer: PytorchExportAnswer;
  try {
    const mnist = usesMnist(document.cells.map((c) => c.source))
      ? mnistProvider(await fetchMnistBytes(new URL(`${import.meta.env.BASE_URL}data/mnist.bin`, self.location.origin)))
      : undefined;
    const sheet = sheetFromDocument(document, mnist);
    sheet.evaluate();
    answer = { script: pytorchScript(sheet, { fileName }).script, error: null };
  } catch (err) {
    answer = { script: null, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(answer);
};
