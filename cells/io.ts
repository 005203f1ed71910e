import type { Tensor } from "../engine/index.ts";
import { FORMAT_NAME, FORMAT_VERSION, type SheetDocument, type TensorRecord } from "./document.ts";
import { FormatError, parseSheetDocument, recordToTensor, serializeSheetDocument, tensorToRecord, type Problem } from "./format/index.ts";
import { Sheet, type SheetInit } from "./sheet.ts";

export interface ExportOptions {
  /** Include param values (`tensors`). Without them the file re-initializes params from the seed. */
  readonly includeTensors?: boolean;
  readonly layout?: SheetDocument["layout"];
  readonly training?: SheetDocument["training"];
}

export interface LoadedSheet {
  readonly sheet: Sheet;
  readonly document: SheetDocument;
}

/**
 * Validate a file and build its sheet, all or nothing: schema problems, and stored tensors that
 * name no param cell or disagree with their initializer's shape, refuse the whole file.
 */
export function importSheet(text: string | unknown, options: Pick<SheetInit, "dataset"> = {}): LoadedSheet {
  const document = parseSheetDocument(text);
  const sheet = sheetFromDocument(document, options.dataset);
  sheet.evaluate();
  const problems = storedTensorProblems(sheet, document);
  if (problems.length > 0) throw new FormatError(problems);
  return { sheet, document };
}

/** A sheet built from a validated document, its stored tensors as param values; not yet evaluated. */
export function sheetFromDocument(document: SheetDocument, dataset?: SheetInit["dataset"]): Sheet {
  const params = new Map<string, Tensor>();
  for (const [name, record] of Object.entries(document.tensors ?? {})) params.set(name, recordToTensor(record, `$.tensors.${name}`));
  return new Sheet({
    title: document.title,
    seed: document.seed,
    cells: document.cells,
    params,
    objective: document.objective ?? null,
    ...(dataset ? { dataset } : {}),
  });
}

function storedTensorProblems(sheet: Sheet, document: SheetDocument): Problem[] {
  const problems: Problem[] = [];
  for (const name of Object.keys(document.tensors ?? {})) {
    const path = `$.tensors.${name}`;
    const address = sheet.resolve(name);
    const result = address === undefined ? undefined : sheet.result(address);
    if (!result?.isParam) {
      problems.push({ path, reason: `there is no param cell named ${name} to hold this tensor` });
    } else if (result.error?.kind === "shape" && result.error.message.startsWith(`the stored value of ${name}`)) {
      problems.push({ path: `${path}.shape`, reason: `${result.error.message.split(";")[0]} (cell ${address}: ${sheet.source(address!)})` });
    }
  }
  return problems;
}

export function exportDocument(sheet: Sheet, options: ExportOptions = {}): SheetDocument {
  const tensors: Record<string, TensorRecord> = {};
  if (options.includeTensors) for (const [name, value] of sheet.paramValues()) tensors[name] = tensorToRecord(value);
  return {
    format: FORMAT_NAME,
    version: FORMAT_VERSION,
    title: sheet.title,
    seed: sheet.seed,
    ...(sheet.objective !== null ? { objective: sheet.objective } : {}),
    cells: sheet.cells(),
    ...(options.includeTensors && Object.keys(tensors).length > 0 ? { tensors } : {}),
    ...(options.layout ? { layout: options.layout } : {}),
    ...(options.training ? { training: options.training } : {}),
  };
}

export function exportSheet(sheet: Sheet, options: ExportOptions = {}): string {
  return serializeSheetDocument(exportDocument(sheet, options));
}
