import { describe, expect, it } from "vitest";
import { affectedCells } from "../../../src/state/affected-cells.ts";
import type { CellView } from "../../../src/worker/protocol.ts";

function view(address: string, deps: string[]): CellView {
  return {
    address, source: "", name: address.toLowerCase(), shape: [], error: null, notes: [], ms: 0, evaluations: 1, reused: 0,
    isParam: false, isTraining: false, preview: null, adjointAvailable: false, adjoint: null, pending: false, deps,
  };
}

// The first-look sheet's shape: data and W1 feed hidden, b1 too; hidden feeds probs, which feeds loss.
const cells = Object.fromEntries(
  [view("A1", []), view("A2", []), view("B1", []), view("B2", ["A1", "A2", "B1"]), view("C1", ["B2"]), view("C2", ["C1", "A1"]), view("D1", [])].map((c) => [c.address, c]),
);

describe("cells an edit makes stale", () => {
  it("are the edited cell and everything downstream of it, nothing upstream or beside", () => {
    expect([...affectedCells(cells, ["B1"])].sort()).toEqual(["B1", "B2", "C1", "C2"]);
  });

  it("reach a join once through either path", () => {
    expect([...affectedCells(cells, ["A1"])].sort()).toEqual(["A1", "B2", "C1", "C2"]);
  });

  it("include an address that holds no cell yet, alone", () => {
    expect([...affectedCells(cells, ["E5"])]).toEqual(["E5"]);
    expect([...affectedCells(cells, ["D1"])]).toEqual(["D1"]);
  });
});
