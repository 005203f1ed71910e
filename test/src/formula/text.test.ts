import { describe, expect, it } from "vitest";
import { errorRange, hasNewline, stripNewlines } from "../../../src/formula/text.ts";

describe("stripNewlines", () => {
  it("turns every line break into one space", () => {
    expect(stripNewlines("a = 1\nb")).toBe("a = 1 b");
    expect(stripNewlines("x\r\ny\rz\u2028w")).toBe("x y z w");
    expect(stripNewlines("\n\n")).toBe("  ");
    expect(stripNewlines("no breaks")).toBe("no breaks");
  });

  it("keeps the length of text that CodeMirror normalized to \\n", () => {
    const t = "sum(\n  x,\n  0\n)";
    expect(stripNewlines(t)).toHaveLength(t.length);
  });

  it("detects line breaks", () => {
    expect(hasNewline("a\nb")).toBe(true);
    expect(hasNewline("a\r")).toBe(true);
    expect(hasNewline("ab")).toBe(false);
    expect(hasNewline("a\nb")).toBe(true); // no lastIndex leaking between calls
  });
});

describe("errorRange", () => {
  it("uses the span, clamped to the text", () => {
    expect(errorRange({ start: 2, end: 5 }, 10)).toEqual({ from: 2, to: 5 });
    expect(errorRange({ start: 8, end: 50 }, 10)).toEqual({ from: 8, to: 10 });
  });

  it("underlines the whole text without a span", () => {
    expect(errorRange(null, 7)).toEqual({ from: 0, to: 7 });
  });

  it("widens an empty span to one character, the last one at the end", () => {
    expect(errorRange({ start: 3, end: 3 }, 10)).toEqual({ from: 3, to: 4 });
    expect(errorRange({ start: 10, end: 10 }, 10)).toEqual({ from: 9, to: 10 });
    expect(errorRange({ start: 40, end: 41 }, 10)).toEqual({ from: 9, to: 10 });
  });

  it("has nothing to underline in an empty text", () => {
    expect(errorRange(null, 0)).toBeNull();
    expect(errorRange({ start: 0, end: 1 }, 0)).toBeNull();
  });
});
