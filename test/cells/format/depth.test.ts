import { describe, expect, it } from "vitest";
import { FormatError, parseSheetDocument, serializeSheetDocument } from "../../../cells/format/index.ts";
import { MAX_OPAQUE_DEPTH, jsonDepth } from "../../../cells/format/depth.ts";

function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let at = root;
  for (let i = 1; i < levels; i++) at = (at.a = {}) as Record<string, unknown>;
  return root;
}

const doc = (extra: object) => ({ format: "tensorsheet", version: 1, title: "t", seed: 0, cells: [], ...extra });

describe("opaque members' nesting depth", () => {
  it("measures depth without recursion, stopping past the limit", () => {
    expect(jsonDepth(3)).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [1, { b: [] }] })).toBe(4);
    expect(jsonDepth(nested(100_000))).toBe(MAX_OPAQUE_DEPTH + 1);
  });

  it("refuses a layout nested 100,000 levels deep, naming the field, instead of overflowing on save", () => {
    let error: unknown;
    try {
      parseSheetDocument(doc({ layout: nested(100_000) }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FormatError);
    expect((error as Error).message).toBe(`$.layout: layout is nested more than ${MAX_OPAQUE_DEPTH} levels deep; a layout this deep cannot be saved or sent to the sheet`);
  });

  it("keeps a layout at the limit, and it serializes", () => {
    const d = parseSheetDocument(doc({ layout: nested(MAX_OPAQUE_DEPTH), training: { fit: { step: 3 } } }));
    expect(jsonDepth(d.layout)).toBe(MAX_OPAQUE_DEPTH);
    expect(parseSheetDocument(serializeSheetDocument(d)).layout).toEqual(d.layout);
  });
});
