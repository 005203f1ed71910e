import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { importSheet } from "../../../cells/io.ts";
import { checkTrainingStates } from "../../../cells/training/file-state.ts";
import { FormatError } from "../../../cells/format/index.ts";
import { trainedRegressionDocument } from "../../support/training.ts";

const OPTIONS = '{optimizer: "adam", lr: 0.1, batch: 16, epochs: 4, feed: [x, y], metrics: [mse_all]}';

/** A regression sheet trained for 10 steps, exported with its full training state (as `train --out` writes it). */
const trainedDocument = (): SheetDocument => trainedRegressionDocument("regression", OPTIONS);

function problemOf(document: SheetDocument): string {
  const { sheet } = importSheet(document);
  try {
    checkTrainingStates(sheet, document);
  } catch (e) {
    expect(e).toBeInstanceOf(FormatError);
    return (e as Error).message;
  }
  return "accepted";
}

const withState = (d: SheetDocument, change: Record<string, unknown>): SheetDocument => ({
  ...d,
  training: { fit: { ...(d.training!.fit as object), ...change } },
});

describe("training states in an imported file", () => {
  it("accepts a whole state, and a bare loss history", () => {
    const d = trainedDocument();
    expect(problemOf(d)).toBe("accepted");
    expect(problemOf({ ...d, training: { fit: { step: 3, lossHistory: "AAAAAAAAAAAAAAAA" } } })).toBe("accepted");
  });

  it("refuses a state that does not fit the sheet, naming the field", () => {
    const d = trainedDocument();
    expect(problemOf(withState(d, { metricHistory: "boom" }))).toMatch(/\$\.training\.fit\.metricHistory/);
    expect(problemOf(withState(d, { stepInEpoch: 9999 }))).toMatch(/\$\.training\.fit\.stepInEpoch: 9999 is past the 7 steps of an epoch/);
    expect(problemOf(withState(d, { epoch: 1e300 }))).toMatch(/\$\.training\.fit\.epoch/);
  });

  it("keeps a state trained past the cell's epochs (the CLI's --epochs) as whole", () => {
    const d = trainedDocument();
    const state = d.training!.fit as { epoch: number; stepInEpoch: number; step: number };
    // 10 steps at 7 an epoch: epoch 1, step 3 of it. Claim 5 epochs more, consistently.
    const moved = withState(d, { epoch: 6, step: 6 * 7 + state.stepInEpoch });
    expect(problemOf(moved)).not.toMatch(/epochs of the plan/);
  });
});
