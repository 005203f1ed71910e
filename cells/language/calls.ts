import type { Expr } from "./ast.ts";

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
    switch (e.kind) {
      case "call":
        calls.add(e.fn);
        stack.push(...e.args);
        break;
      case "binary":
        stack.push(e.left, e.right);
        break;
      case "unary":
        stack.push(e.arg);
        break;
      case "array":
        stack.push(...e.items);
        break;
      case "index":
        stack.push(e.target);
        for (const d of e.dims) {
          if (d.kind === "at") stack.push(d.index);
          else for (const bound of [d.start, d.stop, d.step]) if (bound !== null) stack.push(bound);
        }
        break;
      case "options":
        for (const [, value] of e.entries) stack.push(value);
        break;
      case "number":
      case "string":
      case "boolean":
      case "ref":
        break;
    }
  }
  return calls;
}
