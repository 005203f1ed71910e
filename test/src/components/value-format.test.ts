import { describe, expect, it } from "vitest";
import { elementName, exactText, formatCell } from "../../../src/components/value-format.ts";

describe("value table numbers", () => {
  it("fits a value in a column", () => {
    expect(formatCell(0)).toBe("0");
    expect(formatCell(255)).toBe("255");
    expect(formatCell(-3)).toBe("-3");
    expect(formatCell(Math.fround(0.0123456789))).toBe("0.012346");
    expect(formatCell(Math.fround(-0.00012345678))).toBe("-0.00012346");
    expect(formatCell(Math.fround(1.5e-7))).toBe("1.5e-7");
    expect(formatCell(12345678)).toBe("1.235e+7");
    expect(formatCell(Math.fround(2.5))).toBe("2.5");
  });

  it("spells out nan and the infinities", () => {
    expect(formatCell(NaN)).toBe("nan");
    expect(formatCell(Infinity)).toBe("inf");
    expect(formatCell(-Infinity)).toBe("-inf");
    expect(exactText(-Infinity)).toBe("-inf");
  });

  it("copies the shortest text that reads back as the same float32", () => {
    expect(exactText(Math.fround(0.0123))).toBe("0.0123");
    expect(exactText(Math.fround(0.1))).toBe("0.1");
    expect(exactText(Math.fround(1 / 3))).toBe("0.33333334");
    expect(exactText(Math.fround(-0.06801))).toBe("-0.06801");
    expect(exactText(16777216)).toBe("16777216");
    const v = Math.fround(Math.PI);
    expect(Math.fround(Number(exactText(v)))).toBe(v);
  });

  it("names an element the way a formula indexes it", () => {
    expect(elementName("x", 0, [], 0, 0)).toBe("x");
    expect(elementName("v", 1, [], 3, 0)).toBe("v[3]");
    expect(elementName("W1", 2, [], 3, 41)).toBe("W1[3, 41]");
    expect(elementName("T", 3, [1], 2, 3)).toBe("T[1, 2, 3]");
  });
});
