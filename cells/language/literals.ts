import type { Expr } from "./ast.ts";

// Number literals as the source writes them: the compiler builds a literal array as one tensor up
// front, and the PyTorch exporter writes it as one torch.tensor; both read literals here, so they
// agree on what a literal is.

export type Nested = number | Nested[];

/** `3`, `-3` or `+3`; undefined for anything else. */
export function literalNumber(e: Expr): number | undefined {
  if (e.kind === "number") return e.value;
  if (e.kind === "unary" && e.op === "neg" && e.arg.kind === "number") return -e.arg.value;
  if (e.kind === "unary" && e.op === "plus" && e.arg.kind === "number") return e.arg.value;
  return undefined;
}

/** A number, or arrays of them nested to any depth (ragged too); undefined if anything is not a literal. */
export function numericLiteral(e: Expr): Nested | undefined {
  const n = literalNumber(e);
  if (n !== undefined) return n;
  if (e.kind !== "array") return undefined;
  const items: Nested[] = [];
  for (const item of e.items) {
    const v = numericLiteral(item);
    if (v === undefined) return undefined;
    items.push(v);
  }
  return items;
}

/** Whether nested arrays have one shape at every depth (so they make a tensor). */
export function isRectangular(n: Nested): boolean {
  if (typeof n === "number") return true;
  const first = n[0];
  const shapeOf = (x: Nested | undefined): string => (x === undefined || typeof x === "number" ? "" : `${x.length},${shapeOf(x[0])}`);
  return n.every((item) => shapeOf(item) === shapeOf(first) && isRectangular(item));
}
