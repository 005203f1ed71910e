import { describe, expect, it } from "vitest";
import { buildGraph, type CellNode } from "../../cells/graph.ts";
import { Sheet } from "../../cells/sheet.ts";

const N = 10_000;
const address = (i: number) => `A${i}`;

/** A(i) = A(i+1) + 1 for i < N; the last cell is `last`. */
function chainSheet(last: string): Sheet {
  const cells = Array.from({ length: N }, (_, k) => ({ address: address(k + 1), source: k + 1 < N ? `${address(k + 2)} + 1` : last }));
  const sheet = new Sheet({ cells });
  sheet.evaluate();
  return sheet;
}

/** The graph of named cells `name → refs`, for checking routes without evaluating anything. */
function graphOf(refs: Record<string, string[]>) {
  const nodes: CellNode[] = Object.entries(refs).map(([name, rs], i) => ({
    address: address(i + 1), name, refs: new Map(rs.map((r) => [r, null])),
  }));
  return { graph: buildGraph(nodes), address: (name: string) => address(Object.keys(refs).indexOf(name) + 1) };
}

/** What is wrong with a route's text: an arrow that is no reference, or not starting and ending at the cell. */
function routeProblems(refs: Record<string, string[]>, name: string, text: string): string[] {
  const parts = text.replace(/ \([\d,]+ cells\)$/, "").split(" → ");
  const problems = parts[0] === name && parts[parts.length - 1] === name ? [] : [`${name}: ${text}`];
  for (let i = 0; i + 1 < parts.length; i++) {
    const [from, to] = [parts[i]!, parts[i + 1]!];
    if (from !== "…" && to !== "…" && !refs[from]!.includes(to)) problems.push(`${name}: ${from} → ${to}`);
  }
  return problems;
}

describe("cycles", () => {
  it("reports a 10,000-cell cycle on every cell, naming both ends of the route and its length", () => {
    const sheet = chainSheet(`${address(1)} + 1`);
    for (let i = 1; i <= N; i++) {
      const at = (k: number) => address(((i - 1 + k) % N) + 1);
      const head = [0, 1, 2, 3, 4].map(at);
      const tail = [N - 4, N - 3, N - 2, N - 1, N].map(at);
      const error = sheet.result(address(i))!.error!;
      expect(error.kind).toBe("cycle");
      expect(error.message).toBe(`circular reference: ${[...head, "…", ...tail].join(" → ")} (10,000 cells)`);
    }
    expect(sheet.result("A1")!.error!.message).toBe(
      "circular reference: A1 → A2 → A3 → A4 → A5 → … → A9997 → A9998 → A9999 → A10000 → A1 (10,000 cells)",
    );
  });

  it("evaluates a 10,000-cell chain without a cycle, and differentiates along it", () => {
    const sheet = chainSheet("2");
    expect(sheet.result("A1")!.value!.toArray()).toBe(2 + N - 1);
    sheet.setCell("B1", `grad(A1, ${address(N)})`);
    sheet.evaluate();
    expect(sheet.result("B1")!.value!.toArray()).toBe(1);
  });

  it("writes routes of up to 10 references in full", () => {
    const refs: Record<string, string[]> = {};
    for (let i = 0; i < 10; i++) refs[`c${i}`] = [`c${(i + 1) % 10}`];
    const { graph, address } = graphOf(refs);
    expect(graph.cycles.get(address("c3"))!.text).toBe("c3 → c4 → c5 → c6 → c7 → c8 → c9 → c0 → c1 → c2 → c3");
  });

  it("gives cells off the first cycle found a route through it and back", () => {
    // a ⇄ b is the shortest cycle through a; c, d and e reach it and are reached from it.
    const refs = { a: ["b"], b: ["a", "c"], c: ["d"], d: ["e"], e: ["a"] };
    const { graph, address } = graphOf(refs);
    expect(graph.cycles.get(address("a"))!.text).toBe("a → b → a");
    expect(graph.cycles.get(address("b"))!.text).toBe("b → a → b");
    expect(graph.cycles.get(address("c"))!.text).toBe("c → d → e → a → b → c");
    expect(graph.cycles.get(address("e"))!.text).toBe("e → a → b → c → d → e");
  });

  it("keeps long detours through a component real at both ends", () => {
    // A short cycle x0 ⇄ y, and a long loop x0 → x1 → … → x999 → x0 whose cells also refer to x0.
    const refs: Record<string, string[]> = { x0: ["y", "x1"], y: ["x0"] };
    for (let i = 1; i < 1000; i++) refs[`x${i}`] = i + 1 < 1000 ? ["x0", `x${i + 1}`] : ["x0"];
    const { graph, address } = graphOf(refs);
    expect(Object.keys(refs).flatMap((name) => routeProblems(refs, name, graph.cycles.get(address(name))!.text))).toEqual([]);
    expect(graph.cycles.get(address("x500"))!.text).toBe("x500 → x0 → x1 → x2 → x3 → … → x496 → x497 → x498 → x499 → x500 (501 cells)");
    expect(graph.cycles.get(address("x999"))!.text).toBe("x999 → x0 → x1 → x2 → x3 → … → x995 → x996 → x997 → x998 → x999 (1,000 cells)");
    expect(graph.cycles.get(address("x2"))!.text).toBe("x2 → x0 → x1 → x2");
  });
});
