import { describe, expect, it } from "vitest";
import { parseSheetDocument, serializeSheetDocument } from "../../../cells/format/index.ts";
import type { SheetDocument } from "../../../cells/document.ts";
import { SheetDraft } from "../../../src/state/sheet-draft.ts";
import { coveredAddresses, effectiveSpan, trackKey, trackSize, withTrackSize } from "../../../src/state/grid-layout.ts";

const doc: SheetDocument = { format: "tensorsheet", version: 1, title: "grid", seed: 0, cells: [{ address: "A1", source: "x = 1" }] };

describe("grid layout: sizes and spans as the sheet file keeps them", () => {
  it("names tracks the way the file does: column letters and 1-based rows", () => {
    expect([trackKey("columns", 0), trackKey("columns", 1), trackKey("columns", 27), trackKey("rows", 0), trackKey("rows", 41)]).toEqual(["A", "B", "AB", "1", "42"]);
  });

  it("sets a size (clamped to what files accept), keeps other members, and drops emptied tables", () => {
    const start = { views: { A1: "values" }, rows: { "2": 90 } };
    const wide = withTrackSize(start, "columns", 1, 320.4);
    expect(wide).toEqual({ views: { A1: "values" }, rows: { "2": 90 }, columns: { B: 320 } });
    expect(trackSize(wide, "columns", 1)).toBe(320);
    expect(trackSize(wide, "columns", 0)).toBeNull();
    expect(withTrackSize(wide, "columns", 2, 5)?.columns).toEqual({ B: 320, C: 40 });
    expect(withTrackSize(wide, "rows", 0, 99_999)?.rows).toEqual({ "1": 2000, "2": 90 });
    expect(withTrackSize(wide, "columns", 1, null)).toEqual({ views: { A1: "values" }, rows: { "2": 90 } });
    expect(withTrackSize({ columns: { B: 300 } }, "columns", 1, null)).toBeUndefined();
  });

  it("hides the slots a span covers, but never a filled cell", () => {
    const layout = { spans: { D1: { rows: 3, cols: 2 } } };
    const covered = coveredAddresses(layout, new Set(["D1"]));
    expect([...covered.keys()].sort()).toEqual(["D2", "D3", "E1", "E2", "E3"]);
    expect(new Set(covered.values())).toEqual(new Set(["D1"]));
    // Columns are taken first along the span's own row, then rows while every column is free.
    expect(effectiveSpan(layout, "D1", new Set(["D1", "E2"]))).toEqual({ rows: 1, cols: 2 });
    expect(effectiveSpan(layout, "D1", new Set(["D1", "E1"]))).toEqual({ rows: 3, cols: 1 });
    expect(effectiveSpan(layout, "D1", new Set(["D1", "E1", "D3"]))).toEqual({ rows: 2, cols: 1 });
    expect([...coveredAddresses(layout, new Set(["D1", "E1", "D3"])).keys()]).toEqual(["D2"]);
    expect(effectiveSpan(undefined, "A1", new Set(["A1"]))).toEqual({ rows: 1, cols: 1 });
  });

  it("a resize saved through the draft is in the document, and the file reads back the same", () => {
    const draft = new SheetDraft(doc);
    draft.layout = withTrackSize(draft.layout, "columns", 1, 300);
    draft.layout = withTrackSize(draft.layout, "rows", 2, 200);
    const saved = draft.document();
    expect(saved.layout).toEqual({ columns: { B: 300 }, rows: { "3": 200 } });
    expect(parseSheetDocument(serializeSheetDocument(saved))).toEqual(saved);
  });

  it("a sheet without layout saves without one", () => {
    expect("layout" in new SheetDraft(doc).document()).toBe(false);
  });
});
