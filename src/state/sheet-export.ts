// What "Export" writes. With trained values: the document as saved. Without: only what the user
// wrote (cells, title, seed, objective, layout) — no param values and no training state, so a file
// that imports as untrained never claims a step or a loss history it does not have.
import { serializeSheetDocument, type SheetDocument } from "../../cells/index.ts";

export interface ExportFile {
  readonly filename: string;
  readonly text: string;
  /** What `text` holds, for exporters that read the document itself (the PyTorch script). */
  readonly document: SheetDocument;
}

/** The document an export writes: without trained values, neither `tensors` nor `training`. */
export function exportedDocument(document: SheetDocument, withTrainedValues: boolean): SheetDocument {
  if (withTrainedValues) return document;
  const { tensors: _tensors, training: _training, ...written } = document;
  return written;
}

/** A file name's stem from the title: characters a file system may refuse are left out. */
export function fileStem(title: string): string {
  return title.replace(/[^\w\- ]+/g, "").trim() || "sheet";
}

export function exportFilename(title: string): string {
  return `${fileStem(title)}.tensorsheet.json`;
}

export function exportFile(document: SheetDocument, withTrainedValues: boolean): ExportFile {
  const written = exportedDocument(document, withTrainedValues);
  return { filename: exportFilename(document.title), text: serializeSheetDocument(written), document: written };
}
