import type { Expr } from "./ast.ts";

/** The expressions directly inside `e`, in source order. */
export function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "call":
      return e.args;
    case "binary":
      return [e.left, e.right];
    case "unary":
      return [e.arg];
    case "array":
      return e.items;
    case "index": {
      const out: Expr[] = [e.target];
      for (const d of e.dims) {
        if (d.kind === "at") out.push(d.index);
        else for (const bound of [d.start, d.stop, d.step]) if (bound !== null) out.push(bound);
      }
      return out;
    }
    case "options":
      return e.entries.map(([, value]) => value);
    case "number":
    case "string":
    case "boolean":
    case "ref":
      return [];
  }
}

/**
 * The names of the functions an expression calls, anywhere in it. Read from the AST rather than
 * the source text, so a name inside a string or a cell name that merely looks like a call never counts.
 */
export function callsOf(expr: Expr | null): ReadonlySet<string> {
  const calls = new Set<string>();
  // Iterative: parsing allows expressions nested a thousand levels deep.
  const stack: Expr[] = expr === null ? [] : [expr];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === "call") calls.add(e.fn);
    stack.push(...childrenOf(e));
  }
  return calls;
}
