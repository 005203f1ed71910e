// The valibot schema of a document's `layout`: column widths, row heights and cell spans are
// checked, with reasons that name the bad value; any other member is view state of some other app
// version and is kept as is (only its nesting depth is bounded, as for every opaque member).

import * as v from "valibot";
import { MAX_SPAN, MAX_TRACK_SIZE, MIN_TRACK_SIZE, type CellSpan, type SheetLayout } from "../document.ts";
import { ADDRESS_PATTERN } from "../address.ts";
import { describeValue } from "./errors.ts";
import { MAX_OPAQUE_DEPTH, jsonDepth } from "./depth.ts";

const COLUMN_KEY = /^[A-Z]{1,3}$/;
const ROW_KEY = /^[1-9][0-9]{0,4}$/;
/** Keys valibot's record skips silently; refused so that nothing in a file is dropped unseen. */
const RESERVED_KEYS = ["__proto__", "constructor", "prototype"];

function plain(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

/** A number is quoted bare (`got -3`), anything else described (`got the string "3"`). */
function got(x: unknown): string {
  return typeof x === "number" ? `got ${String(x)}` : `got ${describeValue(x)}`;
}

/** A schema from a function that says what is wrong with a value, or null when nothing is. */
function checked<T>(problem: (x: unknown) => string | null) {
  return v.custom<T>((x) => problem(x) === null, (issue) => problem(issue.input) ?? "invalid");
}

function trackSizeProblem(what: "width" | "height") {
  return (x: unknown): string | null =>
    typeof x === "number" && Number.isInteger(x) && x >= MIN_TRACK_SIZE && x <= MAX_TRACK_SIZE
      ? null
      : `expected a ${what} in pixels between ${MIN_TRACK_SIZE} and ${MAX_TRACK_SIZE}, ${got(x)}`;
}

function spanProblem(x: unknown): string | null {
  if (!plain(x)) return `expected a span such as { "rows": 2, "cols": 2 }, ${got(x)}`;
  const unknown = Object.keys(x).find((k) => k !== "rows" && k !== "cols");
  if (unknown !== undefined) return `unknown member ${JSON.stringify(unknown)}; a span has only rows and cols`;
  for (const key of ["rows", "cols"] as const) {
    const n = x[key];
    if (n === undefined) continue;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_SPAN) return `${key} must be a whole number from 1 to ${MAX_SPAN}, ${got(n)}`;
  }
  return null;
}

/** A JSON object keyed by `key`, each value checked by `value`; `what` names it in reasons. */
function table<V>(what: string, key: v.GenericSchema<string, string>, value: v.GenericSchema<unknown, V>) {
  return v.pipe(
    checked<Record<string, unknown>>((x) => {
      if (!plain(x)) return `${what} must be a JSON object, ${got(x)}`;
      const reserved = RESERVED_KEYS.find((k) => Object.hasOwn(x, k));
      return reserved === undefined ? null : `the member name "${reserved}" is not allowed (reserved in JavaScript)`;
    }),
    v.record(key, value),
  );
}

const ColumnKey = v.pipe(v.string(), v.regex(COLUMN_KEY, (issue) => `${JSON.stringify(issue.input)} is not a column: expected 1 to 3 capital letters, like "B"`));
const RowKey = v.pipe(v.string(), v.regex(ROW_KEY, (issue) => `${JSON.stringify(issue.input)} is not a row: expected a row number from 1 to 99999, like "3"`));
const AddressKey = v.pipe(v.string(), v.regex(ADDRESS_PATTERN, (issue) => `${JSON.stringify(issue.input)} is not a cell address, like "E1"`));

/** The schema of `layout`. */
export const LayoutSchema = v.pipe(
  v.custom<Record<string, unknown>>(plain, (issue) => `layout must be a JSON object, got ${describeValue(issue.input)}`),
  v.check(
    (x) => jsonDepth(x) <= MAX_OPAQUE_DEPTH,
    () => `layout is nested more than ${MAX_OPAQUE_DEPTH} levels deep; a layout this deep cannot be saved or sent to the sheet`,
  ),
  v.objectWithRest(
    {
      columns: v.optional(table("layout.columns", ColumnKey, checked<number>(trackSizeProblem("width")))),
      rows: v.optional(table("layout.rows", RowKey, checked<number>(trackSizeProblem("height")))),
      spans: v.optional(table("layout.spans", AddressKey, checked<CellSpan>(spanProblem))),
    },
    v.unknown(),
  ),
  // The output is only ever the input itself (see validateSheetDocument), so its type is the file's.
  v.transform((x): SheetLayout => x),
);
