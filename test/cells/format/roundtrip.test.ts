import { existsSync, readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { parseSheetDocument, serializeSheetDocument } from "../../../cells/format/index.ts";
import { loadRefCases } from "../../support/refcases.ts";
import { fullDoc, validDoc } from "./helpers.ts";

const refcases = loadRefCases();

function expectRoundTrip(doc: SheetDocument): string {
  const text = serializeSheetDocument(doc);
  const parsed = parseSheetDocument(text);
  expect(parsed).toEqual(parseSheetDocument(doc));
  expect(serializeSheetDocument(parsed)).toBe(text);
  return text;
}

describe("reference cases", () => {
  it("finds the reference cases", () => {
    expect(refcases.length).toBeGreaterThanOrEqual(10);
  });

  for (const c of refcases) {
    it(`${c.name}: parses, and serializes back to identical text`, () => {
      const doc = parseSheetDocument(c.sheet);
      expect(doc.title).toBe(c.sheet.title);
      expect(doc.cells).toEqual(c.sheet.cells);
      expect(doc.tensors).toEqual(c.sheet.tensors);
      const text = expectRoundTrip(doc);
      expect(JSON.parse(text)).toEqual(c.sheet); // nothing lost or changed
    });
  }
});

describe("bundled examples", () => {
  const dir = new URL("../../../public/examples/", import.meta.url);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".tensorsheet.json")) : [];
  for (const file of files) {
    it(`${file}: parses and round trips`, () => {
      expectRoundTrip(parseSheetDocument(readFileSync(new URL(file, dir), "utf8")));
    });
  }
});

describe("serializeSheetDocument", () => {
  it("round trips a document with notes, objective, layout and training", () => {
    const text = expectRoundTrip(fullDoc());
    expect(parseSheetDocument(text)).toEqual(fullDoc());
  });

  it("writes a fixed layout: member order, sorted tensors, inline shapes, 2 spaces, trailing newline", () => {
    const doc = fullDoc();
    // Same document, members and tensors given in another order.
    const shuffled = {
      training: doc.training,
      layout: doc.layout,
      tensors: { scalar: doc.tensors!.scalar!, x: doc.tensors!.x!, empty: doc.tensors!.empty! },
      cells: doc.cells.map((c) => (c.note === undefined ? { source: c.source, address: c.address } : { note: c.note, source: c.source, address: c.address })),
      objective: doc.objective,
      seed: doc.seed,
      title: doc.title,
      version: doc.version,
      format: doc.format,
    } as SheetDocument;
    const text = serializeSheetDocument(doc);
    expect(serializeSheetDocument(shuffled)).toBe(text);
    expect(text.endsWith("}\n")).toBe(true);
    expect(text.endsWith("\n\n")).toBe(false);
    expect(Object.keys(JSON.parse(text))).toEqual(["format", "version", "title", "seed", "objective", "cells", "tensors", "layout", "training"]);
    expect(Object.keys(JSON.parse(text).tensors)).toEqual(["empty", "scalar", "x"]);
    expect(Object.keys(JSON.parse(text).cells[0])).toEqual(["address", "source", "note"]);
    expect(text).toContain('\n  "seed": 4294967295,\n');
    expect(text).toContain('\n      "shape": [4, 2],\n');
    expect(text).toContain('\n      "shape": [],\n');
    expect(text).toContain('\n    {\n      "address": "A1",\n      "source": "x = param(randn([4, 2]))",\n      "note": "inputs"\n    },\n');
    expect(text).toContain('\n  "layout": {\n    "2": [\n      1,\n');
    for (const line of text.split("\n")) expect(line).toMatch(/^(  )*\S|^$/);
  });

  it("writes the minimal document", () => {
    const doc: SheetDocument = { format: "tensorsheet", version: 1, title: "", seed: 0, cells: [] };
    expect(serializeSheetDocument(doc)).toBe('{\n  "format": "tensorsheet",\n  "version": 1,\n  "title": "",\n  "seed": 0,\n  "cells": []\n}\n');
    expectRoundTrip({ ...doc, tensors: {}, layout: {}, training: {} });
  });

  it("round trips generated documents", () => {
    const address = fc
      .tuple(fc.stringMatching(/^[A-Z]{1,3}$/), fc.integer({ min: 1, max: 99999 }))
      .map(([col, row]) => `${col}${row}`);
    const cell = fc.record({ address, source: fc.string({ maxLength: 40 }), note: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }, { requiredKeys: ["address", "source"] });
    const tensor = fc
      .array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 })
      .chain((shape) => fc.float32Array({ minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) }).map((values) => ({ shape, values })))
      .map(({ shape, values }) => ({ dtype: "float32" as const, shape, data: Buffer.from(values.buffer).toString("base64") }));
    const doc = fc.record(
      {
        format: fc.constant("tensorsheet" as const),
        version: fc.constant(1 as const),
        title: fc.string({ maxLength: 200 }),
        seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        objective: fc.string({ maxLength: 10 }),
        cells: fc.uniqueArray(cell, { selector: (c) => c.address, maxLength: 8 }),
        tensors: fc.dictionary(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), tensor, { maxKeys: 4 }),
        layout: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
        training: fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
      },
      { requiredKeys: ["format", "version", "title", "seed", "cells"] },
    );
    fc.assert(
      fc.property(doc, (d) => {
        fc.pre(!Object.keys(d.tensors ?? {}).some((k) => k === "__proto__" || k === "constructor" || k === "prototype"));
        // jsonValue can produce -0, which JSON writes as 0; normalize opaque members through JSON first.
        const normalized = JSON.parse(JSON.stringify(d)) as SheetDocument;
        expectRoundTrip(normalized);
      }),
      { numRuns: 200 },
    );
  });

  it("round trips the small test document", () => {
    expectRoundTrip(parseSheetDocument(validDoc()));
  });
});
