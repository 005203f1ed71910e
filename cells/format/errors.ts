// Error types of the sheet file format, and the JSON-path notation their locations use.

/** One thing wrong with a document: where (a JSON path such as `$.cells[3].address`) and why. */
export interface Problem {
  readonly path: string;
  readonly reason: string;
}

/** How many problems a FormatError's message spells out; `problems` always holds all of them. */
const PROBLEMS_IN_MESSAGE = 5;

/**
 * A file that is not a valid Tensorsheet document. `path` and `reason` describe the first problem;
 * `problems` lists every problem found (validation does not stop at the first).
 */
export class FormatError extends Error {
  override name = "FormatError";
  readonly path: string;
  readonly reason: string;
  readonly problems: readonly Problem[];

  constructor(path: string, reason: string);
  constructor(problems: readonly Problem[]);
  constructor(pathOrProblems: string | readonly Problem[], reason?: string) {
    const given = typeof pathOrProblems === "string" ? [{ path: pathOrProblems, reason: reason ?? "invalid" }] : pathOrProblems;
    const problems: readonly Problem[] = given.length > 0 ? [...given] : [{ path: "$", reason: "invalid document" }];
    super(formatProblems(problems));
    this.problems = problems;
    this.path = problems[0]!.path;
    this.reason = problems[0]!.reason;
  }
}

/** The first line is `${path}: ${reason}` of the first problem; a few more follow, one a line. */
function formatProblems(problems: readonly Problem[]): string {
  const shown = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `${p.path}: ${p.reason}`);
  const rest = problems.length - shown.length;
  if (rest > 0) shown.push(`… and ${rest} more problem${rest === 1 ? "" : "s"}`);
  return shown.join("\n");
}

export { Base64Error } from "../../engine/index.ts";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `$.a`, `$.a[3]`, `$["odd key"]`: the path of a member or element below `base`. */
export function childPath(base: string, key: string | number): string {
  if (typeof key === "number") return `${base}[${key}]`;
  return IDENTIFIER.test(key) ? `${base}.${key}` : `${base}[${JSON.stringify(key)}]`;
}

/** A short description of a JSON value for reasons: `the string "1"`, `the number 2.5`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    return value.length > 40 ? `the string ${JSON.stringify(value.slice(0, 40))}… (${value.length} characters)` : `the string ${JSON.stringify(value)}`;
  }
  if (typeof value === "number") return `the number ${Object.is(value, -0) ? "-0" : String(value)}`;
  if (typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `an array`;
  if (typeof value === "object") return "an object";
  return `a ${typeof value}`;
}
