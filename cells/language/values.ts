import { ArgumentError, Tensor, index, stack, tensor } from "../../engine/index.ts";
import { CellError } from "../errors.ts";

/** What a sheet expression can produce. Only tensors are cell values; the rest are arguments. */
export type Value = Tensor | string | boolean | ListValue | OptionsValue;

/** `[a, b]` whose items are not all number literals: a list until something needs a tensor. */
export interface ListValue {
  readonly kind: "list";
  readonly items: readonly Value[];
}

/** `{optimizer: "adam", lr: 0.01}` */
export interface OptionsValue {
  readonly kind: "options";
  readonly entries: ReadonlyMap<string, Value>;
}

export function isList(v: Value): v is ListValue {
  return typeof v === "object" && !(v instanceof Tensor) && v.kind === "list";
}

export function describe(v: Value): string {
  if (v instanceof Tensor) return v.rank === 0 ? "a scalar" : `a tensor of shape [${v.shape.join(", ")}]`;
  if (typeof v === "string") return `the string "${v}"`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  return isList(v) ? "a list" : "an options object";
}

function wrongType(what: string, expected: string, v: Value): CellError {
  return new CellError("value", `${what} must be ${expected}, got ${describe(v)}`);
}

/** A tensor; lists of tensors are stacked (so `[a, b]` of cells is differentiable). */
export function asTensorValue(v: Value, what: string): Tensor {
  if (v instanceof Tensor) return v;
  if (isList(v)) {
    if (v.items.length === 0) return tensor([]);
    try {
      return stack(v.items.map((item, i) => asTensorValue(item, `${what}[${i}]`)));
    } catch (e) {
      if (e instanceof ArgumentError || e instanceof Error) throw new CellError("shape", `${what}: ${e.message}`);
      throw e;
    }
  }
  throw wrongType(what, "a tensor", v);
}

export function asNumber(v: Value, what: string): number {
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Tensor && v.size === 1) return v.data[0]!;
  throw wrongType(what, "a number", v);
}

export function asInteger(v: Value, what: string): number {
  const n = asNumber(v, what);
  if (!Number.isInteger(n)) throw new CellError("value", `${what} must be an integer, got ${n}`);
  return n;
}

/** A list of integers, from `[2, 3]`, a 1-D tensor, or a single number. */
export function asIntegerList(v: Value, what: string): number[] {
  if (isList(v)) return v.items.map((item, i) => asInteger(item, `${what}[${i}]`));
  if (v instanceof Tensor && v.rank <= 1) {
    return Array.from(v.data, (n) => {
      if (!Number.isInteger(n)) throw new CellError("value", `${what} must hold integers, got ${n}`);
      return n;
    });
  }
  throw wrongType(what, "a list of integers such as [2, 3]", v);
}

/** A shape such as `[784, 512]`; a plain number n means [n]. */
export function asShape(v: Value, what: string): number[] {
  const dims = asIntegerList(v, what);
  for (const d of dims) if (d < 0) throw new CellError("value", `${what} must not hold negative sizes, got [${dims.join(", ")}]`);
  return dims;
}

/** An axis argument: one integer or a list of them. */
export function asAxis(v: Value, what: string): number | number[] {
  if (v instanceof Tensor && v.rank === 0) return asInteger(v, what);
  return asIntegerList(v, what);
}

export function asString(v: Value, what: string): string {
  if (typeof v === "string") return v;
  throw wrongType(what, "a string", v);
}

export function asBoolean(v: Value, what: string): boolean {
  if (typeof v === "boolean") return v;
  if (v instanceof Tensor && v.size === 1 && (v.data[0] === 0 || v.data[0] === 1)) return v.data[0] === 1;
  throw wrongType(what, "true or false", v);
}

export function asList(v: Value, what: string): readonly Value[] {
  if (isList(v)) return v.items;
  // NumPy iterates an array along its first axis: concat(M) joins the rows of M.
  if (v instanceof Tensor && v.rank >= 1) return Array.from({ length: v.shape[0]! }, (_, i) => index(v, [i]));
  throw wrongType(what, "a list such as [a, b]", v);
}
