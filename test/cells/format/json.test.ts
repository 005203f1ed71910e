import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonErrorOffset, parseJsonText } from "../../../cells/format/json.ts";
import { formatError } from "./helpers.ts";

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

describe("jsonErrorOffset", () => {
  it("agrees with JSON.parse on valid JSON", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 1, 2, "\t"), (value, indent) => {
        expect(jsonErrorOffset(JSON.stringify(value, null, indent))).toBeNull();
      }),
    );
  });

  it("agrees with JSON.parse on mutated JSON", () => {
    const mutated = fc
      .tuple(fc.json(), fc.nat(), fc.constantFrom("", "{", "}", "[", "]", ",", ":", '"', "\\", "-", "0", "01", ".", "e", "tru", "\n", "\u0001", " "))
      .map(([text, at, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + (at % 2));
      });
    fc.assert(
      fc.property(mutated, (text) => {
        expect(jsonErrorOffset(text) === null).toBe(parses(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("finds the offending character", () => {
    const cases: [string, number][] = [
      ['{"a": }', 6],
      ['{"a": 1,}', 8],
      ["[1, 2", 5],
      ["", 0],
      ["  ", 2],
      ["nul", 0],
      ["01", 1],
      ['{"a" 1}', 5],
      ['"a\\x"', 3],
      ['"tab\there"', 4],
      ["[1] 2", 4],
      ["-", 0],
      ["1.", 1],
    ];
    for (const [text, offset] of cases) expect([text, jsonErrorOffset(text)]).toEqual([text, offset]);
  });

  it("handles deep nesting without recursion", () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    expect(jsonErrorOffset(deep)).toBeNull();
    expect(jsonErrorOffset(deep + "]")).toBe(200_000);
  });
});

describe("parseJsonText", () => {
  it("reports line and column, counted from 1", () => {
    const e = formatError(() => parseJsonText('{\n  "a": 1,\n  "b": tru\n}'));
    expect(e.path).toBe("$");
    expect(e.reason).toMatch(/^not valid JSON at line 3, column 8: /);
  });
});
