// A training state carried in a sheet file (`$.training.<cell>`), as the CLI writes it: read back
// into a checkpoint, checked against the sheet it came with. Import and `tensorsheet train` both
// go through here, so a state that does not fit its sheet is refused before anything runs on it.
import type { SheetDocument } from "../document.ts";
import { CellError } from "../errors.ts";
import { FormatError } from "../format/index.ts";
import type { Sheet } from "../sheet.ts";
import type { TrainingCheckpoint } from "./checkpoint.ts";
import { checkpointExpectations } from "./checkpoint-check.ts";
import { checkpointFromJSON } from "./checkpoint-json.ts";
import { planTraining, type PlanOverrides } from "./plan.ts";
import { TrainingError } from "./run.ts";

/**
 * Whether `state` is only a loss history (`{step, lossHistory}`), what the app exports for a run
 * it trained itself: it shows on the chart, but a run starts afresh from it.
 */
export function isBareHistory(state: unknown): boolean {
  return typeof state === "object" && state !== null && Object.keys(state).every((k) => k === "step" || k === "lossHistory");
}

/**
 * The checkpoint the file's state for `key` continues from (null: none, or a bare history),
 * checked field by field; a FormatError names every field that is wrong.
 */
export function checkpointFromFile(
  sheet: Sheet, document: SheetDocument, address: string, key: string, overrides: PlanOverrides = {},
): TrainingCheckpoint | null {
  const state = document.training?.[key];
  if (state === undefined || isBareHistory(state)) return null;
  const stored = new Map([...sheet.paramValues()].filter(([name]) => Object.hasOwn(document.tensors ?? {}, name)));
  const expected = checkpointExpectations(sheet, planTraining(sheet, address, overrides));
  return checkpointFromJSON(state, stored, key, `$.training.${key}`, expected);
}

/**
 * Check every training state of a file against its evaluated sheet, throwing a FormatError for
 * the first one that does not fit. A state whose training cell has an error of its own cannot be
 * checked yet and is kept as it is; so is one that names no training cell.
 */
export function checkTrainingStates(sheet: Sheet, document: SheetDocument): void {
  for (const [key, state] of Object.entries(document.training ?? {})) {
    const address = sheet.resolve(key);
    if (address === undefined || !sheet.result(address)?.isTraining || isBareHistory(state)) continue;
    const epoch = (state as { epoch?: unknown } | null)?.epoch;
    try {
      // A state trained for more epochs than the cell asks for (the CLI's --epochs) is still whole.
      const trainedPast = Number.isSafeInteger(epoch) && (epoch as number) > planTraining(sheet, address).epochs;
      checkpointFromFile(sheet, document, address, key, trainedPast ? { epochs: epoch as number } : {});
    } catch (e) {
      if (e instanceof FormatError) throw e;
      if (e instanceof CellError || e instanceof TrainingError) continue;
      throw e;
    }
  }
}
