import { beforeAll, describe, expect, it } from "vitest";
import {
  CHAIN_LENGTH, buildSheetChain, chainReference, editCell, evaluationCounts, headSource, headValues, midIndex, scalarSource,
  type SheetChain,
} from "../../bench/sheet-chain.ts";
import { Sheet } from "../../cells/sheet.ts";

const mid = midIndex(CHAIN_LENGTH);
const last = CHAIN_LENGTH - 1;

/** float32 through a thousand steps against float64: the maps are near the identity, so errors stay small. */
function expectClose(got: ArrayLike<number>, want: readonly number[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!)).toBeLessThan(1e-4 * Math.max(1, Math.abs(want[i]!)));
}

const values = (c: SheetChain, i: number) => c.sheet.result(c.chain[i]!)!.value!.data;
const scalarOf = (c: SheetChain, address: string) => c.sheet.result(address)!.value!.item();
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("a 1,000-cell chain of small tensors", () => {
  let c: SheetChain;
  beforeAll(() => {
    c = buildSheetChain();
  });

  it("evaluates every cell once when loaded, to the directly computed values", () => {
    const counts = evaluationCounts(c.sheet);
    expect(counts.size).toBe(CHAIN_LENGTH + 5);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    for (const a of counts.keys()) expect(c.sheet.result(a)!.error).toBeNull();
    const ref = chainReference(CHAIN_LENGTH, headValues(), 0.5);
    for (const i of [0, 1, 2, 3, mid - 1, mid, mid + 1, last]) expectClose(values(c, i), ref[i]!);
    expect(c.sheet.result(c.chain[0]!)!.shape).toEqual([4, 4]);
    expect(scalarOf(c, c.side.total)).toBeCloseTo(mean(ref[last]!), 4);
  });

  it("editing the scalar in the middle re-evaluates exactly the cells downstream of it, once each, in order", async () => {
    const before = evaluationCounts(c.sheet);
    const upstreamValues = c.chain.slice(0, mid).map((a) => c.sheet.result(a)!.value);
    const sideValues = [c.side.k, c.side.early, c.side.quarter].map((a) => c.sheet.result(a)!.value);
    const oldLast = Float32Array.from(values(c, last));

    const report = await editCell(c.sheet, c.scalar, scalarSource(0.75));

    expect(report.cancelled).toBe(false);
    expect(report.evaluated).toHaveLength(2 + CHAIN_LENGTH - mid);
    expect(new Set(report.evaluated)).toEqual(c.midDownstream);
    // Dependencies first: the scalar, then c500 … c999 in chain order, then the mean of c999.
    expect(report.evaluated[0]).toBe(c.scalar);
    expect(report.evaluated.slice(1, -1)).toEqual(c.chain.slice(mid));
    expect(report.evaluated.at(-1)).toBe(c.side.total);

    // The sheet's own counters agree: +1 for each downstream cell, nothing for the rest.
    for (const [a, n] of before) expect(c.sheet.result(a)!.evaluations, a).toBe(n + (c.midDownstream.has(a) ? 1 : 0));
    c.chain.slice(0, mid).forEach((a, i) => expect(c.sheet.result(a)!.value).toBe(upstreamValues[i]));
    [c.side.k, c.side.early, c.side.quarter].forEach((a, i) => expect(c.sheet.result(a)!.value).toBe(sideValues[i]));
    expect(c.chain.every((a) => !c.sheet.isDirty(a))).toBe(true);

    const ref = chainReference(CHAIN_LENGTH, headValues(), 0.75);
    expect(scalarOf(c, c.scalar)).toBe(0.75);
    for (const i of [mid - 1, mid, mid + 1, mid + 250, last]) expectClose(values(c, i), ref[i]!);
    expect(scalarOf(c, c.side.total)).toBeCloseTo(mean(ref[last]!), 4);
    // The change reaches the far end of the chain.
    expect(Math.abs(values(c, last)[0]! - oldLast[0]!)).toBeGreaterThan(0.1);
  });

  it("re-running the same source evaluates nothing", async () => {
    const report = await editCell(c.sheet, c.scalar, scalarSource(0.75));
    expect(report.evaluated).toEqual([]);
  });

  it("editing the head re-evaluates the whole chain and the side cells that read it, not k", async () => {
    const before = evaluationCounts(c.sheet);
    const head = headValues(1.5);
    const report = await editCell(c.sheet, c.chain[0]!, headSource(head));
    expect(report.evaluated).toHaveLength(CHAIN_LENGTH + 3);
    expect(new Set(report.evaluated)).toEqual(c.headDownstream);
    for (const [a, n] of before) expect(c.sheet.result(a)!.evaluations, a).toBe(n + (c.headDownstream.has(a) ? 1 : 0));
    expect(c.sheet.result(c.scalar)!.evaluations).toBe(before.get(c.scalar));
    expect(c.sheet.result(c.side.k)!.evaluations).toBe(1);

    const ref = chainReference(CHAIN_LENGTH, head, 0.75);
    for (const i of [0, 1, mid, last]) expectClose(values(c, i), ref[i]!);
    expect(scalarOf(c, c.side.early)).toBeCloseTo(sum(ref[Math.floor(CHAIN_LENGTH / 8)]!), 3);
    expectClose(c.sheet.result(c.side.quarter)!.value!.data, ref[CHAIN_LENGTH / 4]!.map((x) => 2 * x));
  });

  it("renaming the scalar still re-resolves the graph: c500 fails, and recovers when the name comes back", async () => {
    const renamed = await editCell(c.sheet, c.scalar, "t = 0.75");
    expect(new Set(renamed.evaluated)).toEqual(c.midDownstream);
    expect(c.sheet.result(c.chain[mid]!)!.error?.message).toMatch(/unknown name s/);
    expect(c.sheet.result(c.chain[last]!)!.error?.kind).toBe("upstream");
    expect(c.sheet.dependencies(c.chain[mid]!)).toEqual([c.chain[mid - 1]]);

    const back = await editCell(c.sheet, c.scalar, scalarSource(0.5));
    expect(new Set(back.evaluated)).toEqual(c.midDownstream);
    expect(c.sheet.dependencies(c.chain[mid]!)).toEqual([c.chain[mid - 1], c.scalar]);
    const ref = chainReference(CHAIN_LENGTH, headValues(1.5), 0.5);
    expectClose(values(c, last), ref[last]!);
  });
});

describe("edits that keep a cell's name and references", () => {
  it("move the spans of reference errors with the text", () => {
    const s = new Sheet({ cells: [{ address: "A1", source: "a = 1" }, { address: "A2", source: "b = a + zz" }] });
    s.evaluate();
    expect(s.result("A2")!.error!.span).toEqual({ start: 8, end: 10 });
    s.setCell("A2", "b = a   + zz");
    expect(s.evaluate().evaluated).toEqual(["A2"]);
    expect(s.result("A2")!.error!.span).toEqual({ start: 10, end: 12 });
  });

  it("still mark every dependent dirty before the pass", () => {
    const s = new Sheet({ cells: [{ address: "A1", source: "a = 1" }, { address: "A2", source: "b = a * 2" }, { address: "A3", source: "c = 7" }] });
    s.evaluate();
    s.setCell("A1", "a = 2");
    expect([s.isDirty("A1"), s.isDirty("A2"), s.isDirty("A3")]).toEqual([true, true, false]);
    expect(s.evaluate().evaluated).toEqual(["A1", "A2"]);
    expect(s.result("A2")!.value!.item()).toBe(4);
  });

  it("keep cells(), addresses() and note() current through edits, notes, moves and deletes", () => {
    const s = new Sheet({ cells: [{ address: "B1", source: "a = 1" }, { address: "A1", source: "b = a" }] });
    expect(s.addresses()).toEqual(["A1", "B1"]);
    s.setCell("B1", "a = 2", "two");
    expect(s.cells()).toEqual([{ address: "A1", source: "b = a" }, { address: "B1", source: "a = 2", note: "two" }]);
    expect(s.note("B1")).toBe("two");
    const copy = s.cells();
    copy.pop();
    expect(s.cells()).toHaveLength(2);
    s.setCell("A2", "c = b + 1");
    expect(s.addresses()).toEqual(["A1", "B1", "A2"]);
    s.moveCell("B1", "C3");
    expect(s.addresses()).toEqual(["A1", "A2", "C3"]);
    expect(s.note("C3")).toBe("two");
    expect(s.note("B1")).toBeUndefined();
    s.deleteCell("A2");
    expect(s.cells().map((r) => r.address)).toEqual(["A1", "C3"]);
    s.evaluate();
    expect(s.result("A1")!.value!.item()).toBe(2);
  });
});
