import type { Span } from "../errors.ts";

// The sheet language's own AST. mathjs nodes are converted into this at the parse boundary, so
// nothing downstream touches mathjs objects, and every node that can fail knows its position.

export type BinaryOp =
  | "add" | "sub" | "mul" | "div" | "pow"
  | "equal" | "not_equal" | "less" | "less_equal" | "greater" | "greater_equal";
export type UnaryOp = "neg" | "plus" | "transpose";

export type Expr =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "ref"; readonly name: string; readonly span: Span | null }
  | { readonly kind: "call"; readonly fn: string; readonly args: readonly Expr[]; readonly span: Span | null }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr; readonly span: Span | null }
  | { readonly kind: "unary"; readonly op: UnaryOp; readonly arg: Expr; readonly span: Span | null }
  | { readonly kind: "array"; readonly items: readonly Expr[] }
  | { readonly kind: "index"; readonly target: Expr; readonly dims: readonly IndexDim[]; readonly span: Span | null }
  | { readonly kind: "options"; readonly entries: readonly (readonly [string, Expr])[] };

export type IndexDim =
  | { readonly kind: "at"; readonly index: Expr }
  | { readonly kind: "slice"; readonly start: Expr | null; readonly stop: Expr | null; readonly step: Expr | null };
