// The valibot schema of a SheetDocument v1, and validation that reports every problem as
// { path, reason } with reasons written for people (valibot's own messages are never shown).
//
// Unknown members are rejected, at the top level and inside cells and tensor records: a v1 file
// has a fixed set of members, so an unknown one is a typo ("titel") or something a newer app
// wrote, and silently dropping it would lose data on the next save. Opaque members (`training`,
// and `layout` but for its sizes and spans, checked in layout-schema.ts) are exempt: whatever they
// hold is kept as is.

import * as v from "valibot";
import { FORMAT_NAME, FORMAT_VERSION, type CellRecord, type SheetDocument, type TensorRecord } from "../document.ts";
import { MAX_RANK, base64ByteLength, dataLengthProblem, isDimension } from "./base64.ts";
import { Base64Error, FormatError, childPath, describeValue, type Problem } from "./errors.ts";
import { MAX_OPAQUE_DEPTH, jsonDepth } from "./depth.ts";
import { closest } from "../spelling.ts";
import { ADDRESS_PATTERN } from "../address.ts";
import { LayoutSchema } from "./layout-schema.ts";
import { cellDrawingsCheck, copyDrawing } from "./drawing.ts";
import type { Drawing } from "../sketch.ts";

export const MAX_TITLE_LENGTH = 200;
export const MAX_CELLS = 10_000;
export const MAX_SOURCE_LENGTH = 10_000;
export const TENSOR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Keys that JavaScript objects treat specially; valibot skips them, so they are refused up front. */
const RESERVED_KEYS = ["__proto__", "constructor", "prototype"] as const;

/** Every top-level member of a v1 document, in canonical order. */
export const DOCUMENT_MEMBERS: readonly string[] = ["format", "version", "title", "seed", "objective", "cells", "tensors", "layout", "training"];
const CELL_MEMBERS = ["address", "source", "note", "drawing"];
const TENSOR_MEMBERS = ["dtype", "shape", "data"];

// ---- reasons shared with migrate.ts -------------------------------------------------------------

export function notTensorsheetReason(format: unknown): string {
  return `not a Tensorsheet file: "format" is ${describeValue(format)}, expected "${FORMAT_NAME}"`;
}

export function versionReason(version: unknown): string {
  if (typeof version === "number" && Number.isInteger(version) && version > FORMAT_VERSION) {
    return `made by a newer Tensorsheet (version ${version}); this app reads version ${FORMAT_VERSION}`;
  }
  if (typeof version === "number") return `unsupported version ${version}; this app reads version ${FORMAT_VERSION}`;
  return `version must be the number ${FORMAT_VERSION}, got ${describeValue(version)}`;
}

// ---- building blocks ------------------------------------------------------------------------------

/** Marks the message of an unknown-member issue; `toProblem` turns it into a reason naming the key. */
const UNKNOWN_MEMBER_MARK = "\u0000unknown:";

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** A non-array object without reserved keys; `what` names it in reasons ("a cell"). */
function plainObject(what: string) {
  return v.custom<Record<string, unknown>>(
    (x) => isPlainObject(x) && !RESERVED_KEYS.some((k) => Object.hasOwn(x, k)),
    (issue) => {
      const x = issue.input;
      if (!isPlainObject(x)) return `expected ${what} (a JSON object), got ${describeValue(x)}`;
      const key = RESERVED_KEYS.find((k) => Object.hasOwn(x, k));
      return `the member name "${key}" is not allowed (reserved in JavaScript)`;
    },
  );
}

/** An object with exactly these entries: unknown members and missing required members are problems. */
function exactObject<const E extends v.ObjectEntries>(what: string, entries: E, allowed: readonly string[], hints: Record<string, string>) {
  return v.pipe(
    plainObject(what),
    v.objectWithRest(
      entries,
      v.never(() => UNKNOWN_MEMBER_MARK + allowed.join(", ")),
      (issue) => {
        // The only issue an objectWithRest raises itself after plainObject: a missing member.
        const key = issue.expected?.replace(/^"|"$/g, "") ?? "?";
        return `missing "${key}"${hints[key] ? ` (${hints[key]})` : ""}`;
      },
    ),
  );
}

function stringField(name: string, maxLength?: number) {
  const base = v.string((issue) => `${name} must be a string, got ${describeValue(issue.input)}`);
  return maxLength === undefined
    ? base
    : v.pipe(base, v.maxLength(maxLength, (issue) => `${name} is ${(issue.input as string).length} characters long; the limit is ${maxLength}`));
}

// ---- the schema -------------------------------------------------------------------------------------

const FormatSchema = v.custom<typeof FORMAT_NAME>((x) => x === FORMAT_NAME, (issue) => notTensorsheetReason(issue.input));

const VersionSchema = v.custom<typeof FORMAT_VERSION>((x) => x === FORMAT_VERSION, (issue) => versionReason(issue.input));

const SeedSchema = v.custom<number>(
  (x) => typeof x === "number" && Number.isInteger(x) && x >= 0 && x < 2 ** 32,
  (issue) => `seed must be an integer in [0, 2^32), got ${describeValue(issue.input)}`,
);

const AddressSchema = v.pipe(
  v.string((issue) => `address must be a string like "B12", got ${describeValue(issue.input)}`),
  v.regex(ADDRESS_PATTERN, (issue) => `${JSON.stringify(issue.input)} is not a cell address: expected 1 to 3 capital letters then a row number from 1 to 99999, like "B12"`),
);

const CellSchema = exactObject(
  "a cell",
  {
    address: AddressSchema,
    source: stringField("source", MAX_SOURCE_LENGTH),
    note: v.optional(stringField("note")),
    // Checked with the cells (CellsSchema), so its reason can name the cell by address.
    drawing: v.optional(v.custom<Drawing>(() => true)),
  },
  CELL_MEMBERS,
  { address: 'the grid address, like "A1"', source: "the cell's text" },
);

const CellsSchema = v.pipe(
  v.custom<unknown[]>(Array.isArray, (issue) => `cells must be an array, got ${describeValue(issue.input)}`),
  v.maxLength(MAX_CELLS, (issue) => `a sheet holds at most ${MAX_CELLS} cells; this one has ${(issue.input as unknown[]).length}`),
  v.array(CellSchema),
  v.rawCheck<v.InferOutput<typeof CellSchema>[]>(({ dataset, addIssue }) => {
    // Runs even when some cells have other problems, so duplicates are always reported.
    const cells = dataset.value;
    if (!Array.isArray(cells)) return;
    const first = new Map<string, number>();
    cells.forEach((cell: unknown, i) => {
      if (!isPlainObject(cell) || typeof cell.address !== "string") return;
      const seen = first.get(cell.address);
      if (seen === undefined) {
        first.set(cell.address, i);
        return;
      }
      addIssue({
        message: `duplicate address "${cell.address}": cells[${seen}] and cells[${i}] both use it`,
        path: [
          { type: "array", origin: "value", input: cells, key: i, value: cell },
          { type: "object", origin: "value", input: cell, key: "address", value: cell.address },
        ],
      });
    });
  }),
  cellDrawingsCheck<v.InferOutput<typeof CellSchema>[]>(),
);

const DimensionSchema = v.custom<number>(isDimension, (issue) => {
  const d = issue.input;
  if (typeof d === "number" && Number.isInteger(d) && d < 0) return `dimension ${d} is negative; dimensions are non-negative integers`;
  if (typeof d === "number" && Number.isFinite(d) && !Number.isInteger(d)) return `dimension ${d} is not an integer`;
  return `a dimension must be a non-negative integer, got ${describeValue(d)}`;
});

const ShapeSchema = v.pipe(
  v.custom<unknown[]>(Array.isArray, (issue) => `shape must be an array of dimensions such as [5, 3], got ${describeValue(issue.input)}`),
  v.maxLength(MAX_RANK, (issue) => `shape has rank ${(issue.input as unknown[]).length}; the limit is ${MAX_RANK}`),
  v.array(DimensionSchema),
);

const DtypeSchema = v.custom<"float32">(
  (x) => x === "float32",
  (issue) => `dtype must be "float32" (the only one supported), got ${describeValue(issue.input)}`,
);

const DataSchema = v.pipe(
  v.string((issue) => `data must be a base64 string, got ${describeValue(issue.input)}`),
  v.check(
    (s) => base64Problem(s) === null,
    (issue) => base64Problem(issue.input as string) ?? "invalid base64",
  ),
);

function base64Problem(s: string): string | null {
  try {
    base64ByteLength(s);
    return null;
  } catch (e) {
    if (e instanceof Base64Error) return e.reason;
    throw e;
  }
}

const TensorRecordObject = exactObject("a tensor record", { dtype: DtypeSchema, shape: ShapeSchema, data: DataSchema }, TENSOR_MEMBERS, {
  dtype: '"float32"',
  shape: "a list of dimensions such as [5, 3]",
  data: "base64 of little-endian float32 values",
});

const TensorRecordSchema = v.pipe(
  TensorRecordObject,
  v.rawCheck<v.InferOutput<typeof TensorRecordObject>>(({ dataset, addIssue }) => {
    if (!dataset.typed || dataset.issues) return; // only a record whose parts are all valid
    const { shape, data } = dataset.value;
    // data is valid base64 here, so its decoded length follows from its length and padding.
    const bytes = (data.length / 4) * 3 - (data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0);
    const problem = dataLengthProblem(bytes, shape);
    if (problem !== null) {
      addIssue({ message: problem, path: [{ type: "object", origin: "value", input: dataset.value, key: "data", value: data }] });
    }
  }),
);

const TensorNameSchema = v.pipe(
  v.string(),
  v.regex(TENSOR_NAME, (issue) => `tensor name ${JSON.stringify(issue.input)} is not an identifier (letters, digits and _, not starting with a digit)`),
);

const TensorsSchema = v.pipe(plainObject("tensors by name"), v.record(TensorNameSchema, TensorRecordSchema));

/** View and training state: any JSON object, kept as is. */
const OpaqueSchema = (name: string) =>
  v.pipe(
    v.custom<Record<string, unknown>>(isPlainObject, (issue) => `${name} must be a JSON object, got ${describeValue(issue.input)}`),
    v.check(
      (x) => jsonDepth(x) <= MAX_OPAQUE_DEPTH,
      () => `${name} is nested more than ${MAX_OPAQUE_DEPTH} levels deep; a ${name} this deep cannot be saved or sent to the sheet`,
    ),
  );

/** The schema of a SheetDocument v1. Use `sheetDocumentProblems` for readable problems. */
export const SheetDocumentSchema = exactObject(
  "a Tensorsheet document",
  {
    format: FormatSchema,
    version: VersionSchema,
    title: stringField("title", MAX_TITLE_LENGTH),
    seed: SeedSchema,
    objective: v.optional(stringField("objective")),
    cells: CellsSchema,
    tensors: v.optional(TensorsSchema),
    layout: v.optional(LayoutSchema),
    training: v.optional(OpaqueSchema("training")),
  },
  DOCUMENT_MEMBERS,
  {
    format: `"${FORMAT_NAME}"`,
    version: String(FORMAT_VERSION),
    title: "a string",
    seed: "an integer in [0, 2^32)",
    cells: "an array of cells",
  },
);

// ---- issues → problems ------------------------------------------------------------------------------

type Issue = v.InferIssue<typeof SheetDocumentSchema>;

type Key = string | number;

function issueKeys(issue: Issue): Key[] {
  return (issue.path ?? []).map((item) => item.key as Key);
}

/**
 * Problems in document order: members in their canonical order (unknown ones last), elements by
 * index, and anything else (tensor names) in the order valibot met it.
 */
function toProblems(issues: readonly Issue[]): Problem[] {
  const firstSeen = new Map<string, number>();
  const rows = issues.map((issue) => ({ issue, keys: issueKeys(issue) }));
  rows.forEach(({ keys }, i) => keys.forEach((_, depth) => {
    const prefix = JSON.stringify(keys.slice(0, depth + 1));
    if (!firstSeen.has(prefix)) firstSeen.set(prefix, i);
  }));
  const sortKey = (keys: readonly Key[]): number[] =>
    keys.map((key, depth) => {
      if (typeof key === "number") return key;
      const members = depth === 0 ? DOCUMENT_MEMBERS : depth === 2 && keys[0] === "cells" ? CELL_MEMBERS : depth === 2 && keys[0] === "tensors" ? TENSOR_MEMBERS : null;
      if (members !== null) return members.includes(key) ? members.indexOf(key) : members.length;
      return firstSeen.get(JSON.stringify(keys.slice(0, depth + 1)))!;
    });
  const compare = (a: readonly number[], b: readonly number[]): number => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
  };
  return rows
    .map((row) => ({ ...row, sortKey: sortKey(row.keys) }))
    .sort((a, b) => compare(a.sortKey, b.sortKey))
    .map(({ issue }) => toProblem(issue));
}

function toProblem(issue: Issue): Problem {
  let keys = issueKeys(issue);
  let reason = issue.message;
  const last = keys[keys.length - 1];
  if (issue.type === "object_with_rest") {
    keys = keys.slice(0, -1); // a missing member: reported at the object that lacks it
  } else if (reason.startsWith(UNKNOWN_MEMBER_MARK)) {
    const allowed = reason.slice(UNKNOWN_MEMBER_MARK.length).split(", ");
    const guess = typeof last === "string" ? closest(last, allowed) : null;
    reason = `unknown member ${JSON.stringify(last)}${guess ? ` (did you mean "${guess}"?)` : ""}; the members allowed here are ${allowed.join(", ")}`;
  }
  return { path: keys.reduce<string>((path, key) => childPath(path, key), "$"), reason };
}

// ---- validation -------------------------------------------------------------------------------------

/** Every problem with `value` as a SheetDocument v1, in document order; empty when it is valid. */
export function sheetDocumentProblems(value: unknown): Problem[] {
  const result = v.safeParse(SheetDocumentSchema, value, { abortEarly: false });
  return result.success ? [] : toProblems(result.issues);
}

/**
 * `value` as a fresh SheetDocument with members in the canonical order and no undefined members,
 * or a FormatError listing every problem. `layout` and `training` are shared with `value`, not copied.
 */
export function validateSheetDocument(value: unknown): SheetDocument {
  const result = v.safeParse(SheetDocumentSchema, value, { abortEarly: false });
  if (!result.success) throw new FormatError(toProblems(result.issues));
  const o = result.output;
  const cells: CellRecord[] = o.cells.map((c) => ({
    address: c.address,
    source: c.source,
    ...(c.note !== undefined && { note: c.note }),
    ...(c.drawing !== undefined && { drawing: copyDrawing(c.drawing) }),
  }));
  const tensors =
    o.tensors === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(o.tensors).map(([name, t]): [string, TensorRecord] => [name, { dtype: t.dtype, shape: [...t.shape], data: t.data }]),
        );
  return {
    format: o.format,
    version: o.version,
    title: o.title,
    seed: o.seed,
    ...(o.objective !== undefined && { objective: o.objective }),
    cells,
    ...(tensors !== undefined && { tensors }),
    // valibot rebuilds objects it checks; the layout as given is kept, so opaque members stay shared.
    ...(o.layout !== undefined && { layout: (value as { layout: SheetDocument["layout"] }).layout }),
    ...(o.training !== undefined && { training: o.training }),
  };
}
