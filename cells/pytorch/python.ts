import { CellError } from "../errors.ts";

// Python source text: literals, names and the reserved words a cell name must not take.

/** The script cannot be written: the message says which cell and why. */
export class UntranslatableError extends CellError {
  constructor(message: string) {
    super("value", message);
  }
}

/** A float literal Python reads back to the same double (integers keep a `.0`). */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : '-float("inf")';
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  return String(v);
}

/** The shortest decimal that rounds to the same float32: torch.tensor([...]) reads it back exactly. */
export function pyFloat32(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return pyFloat(v);
  for (let digits = 1; digits <= 9; digits++) {
    const text = v.toPrecision(digits);
    if (Math.fround(Number(text)) === v) return pyFloat(Number(text));
  }
  return pyFloat(v);
}

export function pyInt(v: number, what: string): string {
  if (!Number.isInteger(v)) throw new UntranslatableError(`${what} must be an integer, got ${v}`);
  return String(v);
}

/** A double-quoted Python string (JSON's escapes are all valid Python). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}

/** Nested Python lists of float32 literals, for small tensors. */
export function pyNestedList(shape: readonly number[], data: Float32Array): string {
  if (shape.length === 0) return pyFloat32(data[0]!);
  let at = 0;
  const level = (axis: number): string => {
    const n = shape[axis]!;
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(axis === shape.length - 1 ? pyFloat32(data[at++]!) : level(axis + 1));
    return `[${items.join(", ")}]`;
  };
  return level(0);
}

const KEYWORDS = [
  "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
  "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
  "return", "try", "while", "with", "yield",
];
/** Modules and builtins the script itself uses: a cell by one of these names would shadow it. */
const SCRIPT_NAMES = [
  "torch", "np", "F", "os", "sys", "math", "base64", "pathlib", "HERE", "DATA_DIR", "range", "len", "int", "float", "list", "tuple",
  "isinstance", "print", "sum", "zip", "dict", "str", "max", "min", "enumerate", "reversed", "slice", "iter", "next", "super",
  "object", "type", "open", "self", "model", "optimizer", "main", "epoch", "batch", "step",
];
const RESERVED = new Set([...KEYWORDS, ...SCRIPT_NAMES]);

/** A cell's Python variable name: its own, unless Python or the script already uses it (then a trailing _). */
export function pythonName(name: string, helpers: ReadonlySet<string>): string {
  let out = name.startsWith("__") ? `cell${name}` : name;
  while (RESERVED.has(out) || helpers.has(out)) out += "_";
  return out;
}
