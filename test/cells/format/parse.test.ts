import { describe, expect, it } from "vitest";
import { FormatError } from "../../../cells/format/errors.ts";
import { migrate, parseSheetDocument, serializeSheetDocument, sheetDocumentProblems } from "../../../cells/format/index.ts";
import { encodeFloat32 } from "../../../cells/format/base64.ts";
import { formatError, fullDoc, validDoc } from "./helpers.ts";

/** Parses `doc` both as a value and as JSON text; both must fail the same way. Returns the error. */
function failure(doc: unknown): FormatError {
  const fromValue = formatError(() => parseSheetDocument(doc));
  const fromText = formatError(() => parseSheetDocument(JSON.stringify(doc)));
  expect(fromText.problems).toEqual(fromValue.problems);
  return fromValue;
}

/** The one problem parsing `doc` reports, checked for its path and for every fact in `facts`. */
function expectProblem(doc: unknown, path: string, ...facts: (string | RegExp)[]): FormatError {
  const e = failure(doc);
  expect(e.problems, e.message).toHaveLength(1);
  expect(e.path).toBe(path);
  for (const fact of facts) expect(e.reason).toMatch(fact);
  expect(e.message).toBe(`${path}: ${e.reason}`);
  return e;
}

describe("parseSheetDocument accepts", () => {
  it("a valid document, as a value and as text", () => {
    const doc = validDoc();
    expect(parseSheetDocument(doc)).toEqual(doc);
    expect(parseSheetDocument(JSON.stringify(doc, null, 2))).toEqual(doc);
  });

  it("every optional member", () => {
    const doc = fullDoc();
    expect(parseSheetDocument(doc)).toEqual(doc);
  });

  it("text starting with a byte-order mark", () => {
    expect(parseSheetDocument("\ufeff" + JSON.stringify(validDoc()))).toEqual(validDoc());
  });

  it("a document without tensors and with no cells", () => {
    const doc = { format: "tensorsheet", version: 1, title: "", seed: 0, cells: [] };
    expect(parseSheetDocument(doc)).toEqual(doc);
  });

  it("returns a fresh object with members in canonical order and undefined members dropped", () => {
    const doc = { training: { a: 1 }, cells: [{ source: "1", address: "A1", note: undefined }], seed: 0, title: "t", version: 1, format: "tensorsheet", objective: undefined };
    const parsed = parseSheetDocument(doc);
    expect(parsed).not.toBe(doc);
    expect(Object.keys(parsed)).toEqual(["format", "version", "title", "seed", "cells", "training"]);
    expect(Object.keys(parsed.cells[0]!)).toEqual(["address", "source"]);
  });
});

describe("parseSheetDocument rejects, with the exact path and the key facts", () => {
  it("a wrong format", () => {
    expectProblem({ ...validDoc(), format: "excel" }, "$.format", /not a Tensorsheet file/, /"excel"/);
    expectProblem({ name: "package.json" }, "$", /not a Tensorsheet file/, /no "format"/);
  });

  it("a newer version, reporting only that", () => {
    expectProblem({ ...validDoc(), version: 2, futureMember: true }, "$.version", "made by a newer Tensorsheet (version 2); this app reads version 1");
  });

  it("an unsupported or non-numeric version", () => {
    expectProblem({ ...validDoc(), version: 0 }, "$.version", /unsupported version 0/, /reads version 1/);
    expectProblem({ ...validDoc(), version: 1.5 }, "$.version", /unsupported version 1.5/);
    expectProblem({ ...validDoc(), version: "1" }, "$.version", /the number 1/, /the string "1"/);
  });

  it("a newer version through the schema alone, too", () => {
    expect(sheetDocumentProblems({ ...validDoc(), version: 7 })).toEqual([
      { path: "$.version", reason: "made by a newer Tensorsheet (version 7); this app reads version 1" },
    ]);
    expect(sheetDocumentProblems({ ...validDoc(), format: "other" })[0]!.reason).toMatch(/not a Tensorsheet file/);
  });

  it("a missing version, at $", () => {
    const { version: _, ...doc } = validDoc();
    expectProblem(doc, "$", /missing "version"/);
  });

  it("a value that is not an object, at $", () => {
    for (const value of [null, 3, [1, 2], true]) expectProblem(value, "$", /expected a Tensorsheet document \(a JSON object\)/);
    expect(() => migrate("text")).toThrow(FormatError);
  });

  it("a duplicate address, naming the address and both indices", () => {
    const doc = validDoc();
    doc.cells.push({ address: "A2", source: "c = 3" });
    expectProblem(doc, "$.cells[3].address", /"A2"/, /cells\[1\]/, /cells\[3\]/);
  });

  it("a bad address", () => {
    for (const address of ["a1", "A0", "AAAA1", "A123456", "1A", "A1 ", ""]) {
      const doc = validDoc();
      doc.cells[2]!.address = address;
      expectProblem(doc, "$.cells[2].address", JSON.stringify(address), /not a cell address/);
    }
  });

  it("data whose length does not fit the shape, stating expected and actual value counts", () => {
    const doc = validDoc();
    doc.tensors.W!.data = encodeFloat32(new Float32Array(5));
    expectProblem(doc, "$.tensors.W.data", /holds 5 float32 values/, /shape \[2, 3\] needs 6 values/);
    doc.tensors.W!.data = "AAAAAAAAAAA="; // 8 bytes? no: 11 chars + pad → 8 bytes
    expectProblem(doc, "$.tensors.W.data", /holds 2 float32 values/, /needs 6/);
    doc.tensors.W!.data = "AAAAAA=="; // 4 bytes
    doc.tensors.W!.shape = [];
    expect(parseSheetDocument(doc).tensors!.W!.shape).toEqual([]);
    doc.tensors.W!.data = "AAAA"; // 3 bytes
    expectProblem(doc, "$.tensors.W.data", /3 bytes/, /needs 1 values/);
  });

  it("data that is not base64", () => {
    const doc = validDoc();
    doc.tensors.b!.data = "AAAA AAAAAAAAAAA";
    expectProblem(doc, "$.tensors.b.data", /invalid base64/, /offset 4/);
    doc.tensors.b!.data = 12;
    expectProblem(doc, "$.tensors.b.data", /base64 string/, /the number 12/);
  });

  it("a bad dtype", () => {
    const doc = validDoc();
    doc.tensors.W!.dtype = "float64";
    expectProblem(doc, "$.tensors.W.dtype", /"float64"/, /"float32"/);
  });

  it("a negative, fractional or non-numeric dimension, and too high a rank", () => {
    const doc = validDoc();
    doc.tensors.W!.shape = [2, -3];
    expectProblem(doc, "$.tensors.W.shape[1]", /-3/, /negative/);
    doc.tensors.W!.shape = [2.5, 3];
    expectProblem(doc, "$.tensors.W.shape[0]", /2.5/, /not an integer/);
    doc.tensors.W!.shape = ["2", 3];
    expectProblem(doc, "$.tensors.W.shape[0]", /the string "2"/);
    doc.tensors.W!.shape = [1, 1, 1, 1, 1, 1, 1, 1, 6];
    expectProblem(doc, "$.tensors.W.shape", /rank 9/, /8/);
  });

  it("a non-integer or out-of-range seed", () => {
    expectProblem({ ...validDoc(), seed: 1.5 }, "$.seed", /1\.5/, /integer in \[0, 2\^32\)/);
    expectProblem({ ...validDoc(), seed: -1 }, "$.seed", /-1/);
    expectProblem({ ...validDoc(), seed: 2 ** 32 }, "$.seed", /4294967296/);
    expectProblem({ ...validDoc(), seed: "7" }, "$.seed", /the string "7"/);
  });

  it("invalid JSON text, at $ with the parser's message and the position", () => {
    const text = '{\n  "format": "tensorsheet",\n  "version": 1,\n}';
    let parserMessage = "";
    try {
      JSON.parse(text);
    } catch (e) {
      parserMessage = (e as Error).message;
    }
    const e = formatError(() => parseSheetDocument(text));
    expect(e.path).toBe("$");
    expect(e.reason).toContain("not valid JSON");
    expect(e.reason).toContain("line 4, column 1");
    expect(e.reason).toContain(parserMessage);
    expect(formatError(() => parseSheetDocument("")).reason).toMatch(/end of text/);
    expect(formatError(() => parseSheetDocument('{"title": "unterminated')).reason).toMatch(/line 1, column 24 \(end of text\)/);
    expect(formatError(() => parseSheetDocument("{'single': 1}")).reason).toMatch(/line 1, column 2/);
  });

  it("an unknown top-level member, suggesting the likely one", () => {
    const { title: _, ...rest } = validDoc();
    const e = failure({ ...rest, titel: "typo" });
    expect(e.problems).toEqual([
      { path: "$", reason: expect.stringMatching(/missing "title"/) as unknown as string },
      { path: "$.titel", reason: expect.stringMatching(/unknown member "titel" \(did you mean "title"\?\)/) as unknown as string },
    ]);
    expectProblem({ ...validDoc(), extra: 1 }, "$.extra", /unknown member "extra"/, /format, version, title/);
    expectProblem({ ...validDoc(), "odd key": 1 }, '$["odd key"]', /unknown member "odd key"/);
  });

  it("unknown members in cells and tensor records", () => {
    const doc = validDoc();
    doc.cells[1] = { address: "A2", sourc: "b = 1" };
    const e = failure(doc);
    expect(e.problems.map((p) => p.path)).toEqual(["$.cells[1]", "$.cells[1].sourc"]);
    expect(e.problems[0]!.reason).toMatch(/missing "source"/);
    expect(e.problems[1]!.reason).toMatch(/did you mean "source"/);
    const doc2 = validDoc();
    doc2.tensors.W!.strides = [3, 1];
    expectProblem(doc2, "$.tensors.W.strides", /unknown member "strides"/, /dtype, shape, data/);
  });

  it("other malformed members", () => {
    expectProblem({ ...validDoc(), title: 3 }, "$.title", /title must be a string/);
    expectProblem({ ...validDoc(), title: "x".repeat(201) }, "$.title", /201/, /200/);
    expectProblem({ ...validDoc(), objective: 3 }, "$.objective", /objective must be a string/);
    expectProblem({ ...validDoc(), layout: [1] }, "$.layout", /layout must be a JSON object/, /an array/);
    expectProblem({ ...validDoc(), training: null }, "$.training", /training must be a JSON object/);
    expectProblem({ ...validDoc(), cells: {} }, "$.cells", /cells must be an array/);
    expectProblem({ ...validDoc(), tensors: [] }, "$.tensors", /tensors by name/);
    const doc = validDoc();
    doc.cells[0] = ["A1", "x = 1"] as unknown as Record<string, unknown>;
    expectProblem(doc, "$.cells[0]", /expected a cell \(a JSON object\), got an array/);
    const doc2 = validDoc();
    doc2.cells[0]!.source = "1".repeat(10_001);
    expectProblem(doc2, "$.cells[0].source", /10001/, /10000/);
    const doc3 = validDoc();
    doc3.cells[0]!.note = 5;
    expectProblem(doc3, "$.cells[0].note", /note must be a string/);
  });

  it("too many cells", () => {
    const cells = Array.from({ length: 10_001 }, (_, i) => ({ address: `A${i + 1}`, source: "1" }));
    expectProblem({ ...validDoc(), cells, tensors: undefined }, "$.cells", /at most 10000 cells/, /10001/);
  });

  it("a bad tensor name, and reserved member names", () => {
    const doc = validDoc();
    doc.tensors["2x"] = doc.tensors.W!;
    expectProblem(doc, '$.tensors["2x"]', /"2x" is not an identifier/);
    const doc2 = JSON.parse('{"format":"tensorsheet","version":1,"title":"t","seed":0,"cells":[],"tensors":{"__proto__":{"dtype":"float32","shape":[],"data":"AAAAAA=="}}}');
    expectProblem(doc2, "$.tensors", /"__proto__" is not allowed/);
    expectProblem({ ...validDoc(), constructor: 1 }, "$", /"constructor" is not allowed/);
  });
});

describe("collecting problems", () => {
  it("reports every problem, in document order, and shows the first few in the message", () => {
    const doc = validDoc();
    doc.seed = 0.5;
    doc.cells[0]!.address = "a1";
    doc.cells[1]!.address = "B1"; // duplicates cells[2]
    doc.cells[2]!.source = null;
    doc.tensors.W!.dtype = "int8";
    doc.tensors.b!.shape = [-1];
    doc.typo = 1;
    const e = failure(doc);
    expect(e.problems.map((p) => p.path)).toEqual([
      "$.seed",
      "$.cells[0].address",
      "$.cells[2].address",
      "$.cells[2].source",
      "$.tensors.W.dtype",
      "$.tensors.b.shape[0]",
      "$.typo",
    ]);
    expect(e.problems[2]!.reason).toMatch(/duplicate address "B1": cells\[1\] and cells\[2\]/);
    expect(e.path).toBe("$.seed");
    const lines = e.message.split("\n");
    expect(lines[0]).toBe(`$.seed: ${e.reason}`);
    expect(lines).toHaveLength(6);
    expect(lines[5]).toBe("… and 2 more problems");
    expect(sheetDocumentProblems(doc)).toEqual(e.problems);
    expect(sheetDocumentProblems(validDoc())).toEqual([]);
  });

  it("never returns a document when any part is invalid", () => {
    const doc = fullDoc() as unknown as Record<string, Record<string, Record<string, unknown>>>;
    doc.tensors!.x!.shape = [4, 3];
    expect(() => parseSheetDocument(doc)).toThrow(FormatError);
  });

  it("refuses to serialize an invalid document", () => {
    const bad = { ...fullDoc(), seed: 1.25 };
    const e = formatError(() => serializeSheetDocument(bad));
    expect(e.path).toBe("$.seed");
  });
});

describe("unknown-member suggestions", () => {
  const suggestion = (key: string): string | undefined => {
    const e = formatError(() => parseSheetDocument({ ...validDoc(), [key]: 1 }));
    return /did you mean "(\w+)"/.exec(e.reason)?.[1];
  };
  it("suggests members for typos, swaps and case slips, and nothing for unrelated names", () => {
    expect(suggestion("titel")).toBe("title");
    expect(suggestion("sede")).toBe("seed");
    expect(suggestion("Cells")).toBe("cells");
    expect(suggestion("tensor")).toBe("tensors");
    expect(suggestion("objetcive")).toBe("objective");
    expect(suggestion("author")).toBeUndefined();
  });
});
