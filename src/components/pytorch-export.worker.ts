// Builds the PyTorch export of a sheet off the main thread: the exporter needs the sheet evaluated
// (param values, the values random calls drew, the shapes training checks), and the first-look
// sheet's hidden layer alone is a 8000 × 784 × 512 product.
//
// A sheet that reads no data downloads as one .py file with every value embedded. A sheet that
// reads MNIST or a loaded dataset downloads as a .zip: a folder with the script and, beside it, the
// data as .npy files (MNIST's fixed split, each dataset("name") as name.npy) and its large values,
// exactly what `tensorsheet export --to pytorch` writes, so the script runs as unzipped.
import { strToU8, zipSync } from "fflate";
import {
  CellError, encodeNpy, fetchMnistBytes, mnistProvider, pytorchScript, sheetFromDocument, Tensor, usesMnist, type DatasetProvider, type SheetDocument,
} from "../../cells/index.ts";
import { AppDatabase, IdbDatasetStore } from "../persistence/index.ts";

export interface PytorchExportRequest {
  readonly document: SheetDocument;
  /** The script's file name, e.g. `First look.py`; a zip is named after it. */
  readonly fileName: string;
}

export interface PytorchExportFile {
  readonly name: string;
  readonly type: "text/x-python" | "application/zip";
  readonly bytes: Uint8Array;
  /** The data files beside the script in a zip, by name (none for a lone script). */
  readonly dataFiles: readonly string[];
}

export type PytorchExportAnswer = { readonly file: PytorchExportFile; readonly error: null } | { readonly file: null; readonly error: string };

/** The data a sheet reads, served as the sheet worker serves it, remembering which datasets were asked for. */
interface SheetData {
  readonly provider: DatasetProvider;
  readonly mnist: Uint8Array | null;
  readonly datasetsRead: Map<string, Tensor>;
}

async function sheetData(document: SheetDocument): Promise<SheetData> {
  const mnist = usesMnist(document.cells.map((c) => c.source))
    ? await fetchMnistBytes(new URL(`${import.meta.env.BASE_URL}data/mnist.bin`, self.location.origin))
    : null;
  const builtIn = mnist === null ? null : mnistProvider(mnist);
  const loaded = new Map<string, Tensor>();
  if (document.cells.some((c) => c.source.includes("dataset("))) {
    for (const d of await new IdbDatasetStore(new AppDatabase()).list().catch(() => [])) loaded.set(d.name, new Tensor(d.shape, d.data));
  }
  const datasetsRead = new Map<string, Tensor>();
  const provider: DatasetProvider = (fn, arg) => {
    if (fn !== "dataset" && builtIn !== null) return builtIn(fn, arg);
    const value = loaded.get(arg);
    if (value === undefined) throw new CellError("name", `no dataset named "${arg}" is loaded here`);
    datasetsRead.set(arg, value);
    return value;
  };
  return { provider, mnist, datasetsRead };
}

function exportFile(document: SheetDocument, fileName: string, data: SheetData): PytorchExportFile {
  const sheet = sheetFromDocument(document, data.provider);
  sheet.evaluate();
  const readsData = data.mnist !== null || data.datasetsRead.size > 0;
  const exported = pytorchScript(sheet, { fileName, writeFiles: readsData, ...(data.mnist ? { mnist: data.mnist } : {}) });
  if (!readsData) return { name: fileName, type: "text/x-python", bytes: strToU8(exported.script), dataFiles: [] };
  const files = [
    ...exported.files,
    ...[...data.datasetsRead].map(([name, t]) => ({ name: `${name}.npy`, bytes: encodeNpy({ shape: t.shape, data: Float32Array.from(t.data) }, name) })),
  ];
  const folder = fileName.replace(/\.py$/, "");
  const entries: Record<string, Uint8Array> = { [`${folder}/${fileName}`]: strToU8(exported.script) };
  for (const f of files) entries[`${folder}/${f.name}`] = f.bytes;
  const zip = zipSync(entries);
  return { name: `${folder}.zip`, type: "application/zip", bytes: zip, dataFiles: files.map((f) => f.name) };
}

self.onmessage = async (e: MessageEvent<PytorchExportRequest>) => {
  const { document, fileName } = e.data;
  let answer: PytorchExportAnswer;
  try {
    answer = { file: exportFile(document, fileName, await sheetData(document)), error: null };
  } catch (err) {
    answer = { file: null, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(answer, answer.file ? [answer.file.bytes.buffer as ArrayBuffer] : []);
};
