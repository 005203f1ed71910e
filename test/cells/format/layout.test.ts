import { describe, expect, it } from "vitest";
import { parseSheetDocument, serializeSheetDocument } from "../../../cells/format/index.ts";
import { formatError, validDoc } from "./helpers.ts";

function withLayout(layout: unknown): Record<string, unknown> {
  return { ...validDoc(), layout };
}

describe("layout: sizes and spans", () => {
  it("loads widths, heights and spans, keeps other members as given, and round trips", () => {
    const layout = { columns: { B: 320, AA: 40 }, rows: { "3": 200, "99999": 2000 }, spans: { E1: { rows: 2, cols: 3 }, A2: { cols: 1 } }, views: { A1: "values" } };
    const doc = parseSheetDocument(withLayout(layout));
    expect(doc.layout).toBe(layout);
    expect(parseSheetDocument(serializeSheetDocument(doc)).layout).toEqual(layout);
  });

  it("loads a file without layout exactly as before", () => {
    const doc = parseSheetDocument(validDoc());
    expect("layout" in doc).toBe(false);
    expect(doc).toEqual(validDoc());
  });

  it("names the field and the value of a bad width", () => {
    const e = formatError(() => parseSheetDocument(withLayout({ columns: { B: -3 } })));
    expect(e.message).toBe("$.layout.columns.B: expected a width in pixels between 40 and 2000, got -3");
  });

  it("refuses fractional, huge and non-number heights, each by its row", () => {
    const e = formatError(() => parseSheetDocument(withLayout({ rows: { "1": 80.5, "2": 2001, "3": "90" } })));
    expect(e.problems).toEqual([
      { path: "$.layout.rows[\"1\"]", reason: "expected a height in pixels between 40 and 2000, got 80.5" },
      { path: "$.layout.rows[\"2\"]", reason: "expected a height in pixels between 40 and 2000, got 2001" },
      { path: "$.layout.rows[\"3\"]", reason: 'expected a height in pixels between 40 and 2000, got the string "90"' },
    ]);
  });

  it("refuses keys that are not columns, rows or addresses", () => {
    expect(formatError(() => parseSheetDocument(withLayout({ columns: { b: 100 } }))).reason).toBe('"b" is not a column: expected 1 to 3 capital letters, like "B"');
    expect(formatError(() => parseSheetDocument(withLayout({ rows: { "0": 100 } }))).reason).toBe('"0" is not a row: expected a row number from 1 to 99999, like "3"');
    expect(formatError(() => parseSheetDocument(withLayout({ spans: { e1: { rows: 2 } } }))).reason).toBe('"e1" is not a cell address, like "E1"');
  });

  it("refuses bad spans and a columns member that is not an object", () => {
    const bad = (layout: unknown) => formatError(() => parseSheetDocument(withLayout(layout))).message;
    expect(bad({ spans: { E1: { rows: 0 } } })).toBe("$.layout.spans.E1: rows must be a whole number from 1 to 20, got 0");
    expect(bad({ spans: { E1: { cols: 2, wide: true } } })).toBe('$.layout.spans.E1: unknown member "wide"; a span has only rows and cols');
    expect(bad({ spans: { E1: 2 } })).toBe('$.layout.spans.E1: expected a span such as { "rows": 2, "cols": 2 }, got 2');
    expect(bad({ columns: [300] })).toBe("$.layout.columns: layout.columns must be a JSON object, got an array");
  });
});
