import { Tensor } from "../engine/index.ts";
import { FORMAT_NAME, FORMAT_VERSION, type SheetDocument, type TensorRecord } from "./document.ts";
import {
  FormatError, decodeFloat32, encodeFloat32, parseSheetDocument, recordToTensor, serializeSheetDocument, tensorToRecord, type Problem,
} from "./format/index.ts";
import { StoredShapeError } from "./params.ts";
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
  const sheet = new Sheet({
    title: document.title,
    seed: document.seed,
    cells: document.cells,
    params,
    objective: document.objective ?? null,
    ...(dataset ? { dataset } : {}),
  });
  for (const [key, state] of Object.entries(document.training ?? {})) {
    const history = (state as { lossHistory?: unknown } | null)?.lossHistory;
    const address = sheet.resolve(key);
    if (typeof history !== "string" || address === undefined) continue;
    try {
      const losses = decodeFloat32(history);
      sheet.setTrainingHistory(address, new Tensor([losses.length], losses));
    } catch (e) {
      throw new FormatError(`$.training.${key}.lossHistory`, (e as Error).message);
    }
  }
  return sheet;
}

function storedTensorProblems(sheet: Sheet, document: SheetDocument): Problem[] {
  const problems: Problem[] = [];
  for (const name of Object.keys(document.tensors ?? {})) {
    const path = `$.tensors.${name}`;
    const address = sheet.resolve(name);
    const result = address === undefined ? undefined : sheet.result(address);
    if (!result?.isParam) {
      problems.push({ path, reason: `there is no param cell named ${name} to hold this tensor` });
    } else if (result.error instanceof StoredShapeError && result.error.param === name) {
      problems.push({ path: `${path}.shape`, reason: `${result.error.mismatch} (cell ${address}: ${sheet.source(address!)})` });
    }
  }
  return problems;
}

export function exportDocument(sheet: Sheet, options: ExportOptions = {}): SheetDocument {
  // Every training cell's loss history is part of the sheet; a fuller training state given by
  // the caller (optimizer, counters: what the CLI resumes from) wins over the bare history.
  const training: Record<string, unknown> = {};
  for (const [address, history] of sheet.trainingHistories()) {
    if (history.size > 0) training[sheet.result(address)?.name ?? address] = { step: history.size, lossHistory: encodeFloat32(history.data) };
  }
  Object.assign(training, options.training ?? {});
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
    ...(Object.keys(training).length > 0 ? { training } : {}),
  };
}

export function exportSheet(sheet: Sheet, options: ExportOptions = {}): string {
  return serializeSheetDocument(exportDocument(sheet, options));
}
