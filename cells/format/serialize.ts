// SheetDocument → JSON text, deterministic so that saved files diff well and
// serialize(parse(serialize(doc))) === serialize(doc).
//
// Layout: 2-space indentation, a trailing newline, members in the fixed order format, version,
// title, seed, objective?, cells, tensors?, layout?, training?; cell members address, source,
// note?, drawing? (one stroke a line); tensors sorted by name (code-unit order), each with dtype, shape, data and the shape on
// one line (`[5, 3]`). Opaque `layout` and `training` keep their own member order.

import type { CellRecord, SheetDocument, TensorRecord } from "../document.ts";
import { validateSheetDocument } from "./schema.ts";

const INDENT = "  ";

/** The document as JSON text. Throws FormatError if `doc` is not valid, so no file is written that cannot be read back. */
export function serializeSheetDocument(doc: SheetDocument): string {
  const d = validateSheetDocument(doc);
  const members: [string, string][] = [
    ["format", JSON.stringify(d.format)],
    ["version", JSON.stringify(d.version)],
    ["title", JSON.stringify(d.title)],
    ["seed", JSON.stringify(d.seed)],
  ];
  if (d.objective !== undefined) members.push(["objective", JSON.stringify(d.objective)]);
  members.push(["cells", list(d.cells.map((c) => cell(c, 2)), 1)]);
  if (d.tensors !== undefined) {
    const names = Object.keys(d.tensors).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    members.push(["tensors", object(names.map((name) => [name, tensor(d.tensors![name]!, 2)]), 1)]);
  }
  if (d.layout !== undefined) members.push(["layout", opaque(d.layout, 1)]);
  if (d.training !== undefined) members.push(["training", opaque(d.training, 1)]);
  return object(members, 0) + "\n";
}

function cell(c: CellRecord, depth: number): string {
  const members: [string, string][] = [
    ["address", JSON.stringify(c.address)],
    ["source", JSON.stringify(c.source)],
  ];
  if (c.note !== undefined) members.push(["note", JSON.stringify(c.note)]);
  // One stroke a line: a drawing of a few strokes stays readable and diffs stroke by stroke.
  if (c.drawing !== undefined) members.push(["drawing", list(c.drawing.map((stroke) => JSON.stringify(stroke).replace(/,/g, ", ")), depth + 1)]);
  return object(members, depth);
}

function tensor(t: TensorRecord, depth: number): string {
  return object(
    [
      ["dtype", JSON.stringify(t.dtype)],
      ["shape", `[${t.shape.map((d) => JSON.stringify(d)).join(", ")}]`],
      ["data", JSON.stringify(t.data)],
    ],
    depth,
  );
}

/** An object whose member values are already rendered for nesting level `depth`. */
function object(members: readonly [string, string][], depth: number): string {
  if (members.length === 0) return "{}";
  const pad = INDENT.repeat(depth + 1);
  return `{\n${members.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${v}`).join(",\n")}\n${INDENT.repeat(depth)}}`;
}

function list(items: readonly string[], depth: number): string {
  if (items.length === 0) return "[]";
  const pad = INDENT.repeat(depth + 1);
  return `[\n${items.map((item) => pad + item).join(",\n")}\n${INDENT.repeat(depth)}]`;
}

/** Any JSON value as JSON.stringify lays it out, re-indented for nesting level `depth`. */
function opaque(value: unknown, depth: number): string {
  // Newlines inside strings are escaped by JSON.stringify, so every "\n" here is structural.
  return (JSON.stringify(value, null, 2) ?? "null").replace(/\n/g, "\n" + INDENT.repeat(depth));
}
