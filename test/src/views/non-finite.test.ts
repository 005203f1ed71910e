import { describe, expect, it } from "vitest";
import { nonFiniteLabel, nonFiniteText } from "../../../src/views/non-finite.ts";

describe("non-finite badge text", () => {
  it("lists only the kinds present, in a fixed order", () => {
    expect(nonFiniteText({ nanCount: 1, posInfCount: 0, negInfCount: 1 })).toBe("1 NaN · 1 −Inf");
    expect(nonFiniteText({ nanCount: 0, posInfCount: 3, negInfCount: 0 })).toBe("3 +Inf");
    expect(nonFiniteText({ nanCount: 0, posInfCount: 0, negInfCount: 0 })).toBeNull();
  });

  it("spells the counts out for screen readers", () => {
    expect(nonFiniteLabel({ nanCount: 1, posInfCount: 0, negInfCount: 1 })).toBe("Not finite: 1 NaN (not a number), 1 negative infinity");
    expect(nonFiniteLabel({ nanCount: 2, posInfCount: 2, negInfCount: 0 })).toBe("Not finite: 2 NaNs (not a number), 2 positive infinities");
    expect(nonFiniteLabel({ nanCount: 0, posInfCount: 0, negInfCount: 0 })).toBeNull();
  });
});
