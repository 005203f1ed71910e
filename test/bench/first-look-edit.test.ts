import { describe, expect, it } from "vitest";
import { firstLookEditRow, measureFirstLookEdit } from "../../bench/first-look-edit.ts";

describe("bench: first-look sheet, b1 edit to updated", () => {
  it("re-runs exactly b1 and what reads it, hidden once per edit, and reports a table row", async () => {
    const r = await measureFirstLookEdit(2);
    // b1, hidden, probs, loss, test_probs, test_acc, confusion, fit, and the drawn digit's my_probs
    // and guess; never the data, the drawing or the other params.
    expect(r.evaluatedPerEdit).toBe(10);
    expect(r.hiddenRuns).toBe(2);
    // Incremental evaluation: dot(x_train, W1) does not read b1.
    expect(r.hiddenReused).toBe(1);
    expect(r.samples).toBe(2);
    expect(r.msPerEdit).toBeGreaterThan(0);
    expect(firstLookEditRow({ msPerEdit: 176.24, samples: 5, evaluatedPerEdit: 7, hiddenRuns: 5, hiddenReused: 1 })).toBe(
      "| Node: setCell, then evaluation of everything downstream | 176.2 ms (median of 5) | 7 cells evaluated per edit; hidden ran 5×, reusing 1 sub-expression |",
    );
  }, 60_000);
});
