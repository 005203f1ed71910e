import { describe, expect, it } from "vitest";
import { NO_RERUNS, evaluationBaseline, formatMs, rerunLegend, rerunsSince } from "../../../src/components/dependency-reruns.ts";

const cell = (address: string, evaluations: number, ms: number) => ({ address, evaluations, ms });

describe("cells that re-ran", () => {
  it("are those whose evaluation count changed since the last settled pass, with their summed times", () => {
    const before = evaluationBaseline([cell("A1", 1, 500), cell("B2", 1, 0.5), cell("C1", 1, 40)]);
    const after = [cell("A1", 1, 500), cell("B2", 2, 0.25), cell("C1", 2, 812.5), cell("C2", 1, 3)];
    expect(rerunsSince(before, after)).toEqual({ addresses: ["B2", "C1", "C2"], ms: 815.75 });
    expect(rerunsSince(evaluationBaseline(after), after)).toEqual(NO_RERUNS);
  });

  it("are summed up in the legend's words", () => {
    expect(rerunLegend({ addresses: ["B2", "C1", "C2"], ms: 815.75 })).toBe("re-ran after the last edit: 3 cells, 816 ms");
    expect(rerunLegend({ addresses: ["B2"], ms: 0.25 })).toBe("re-ran after the last edit: 1 cell, 0.3 ms");
    expect(rerunLegend(NO_RERUNS)).toBe("re-ran after the last edit: 0 cells, 0.0 ms");
    expect(formatMs(1234.4)).toBe("1,234 ms");
  });
});
