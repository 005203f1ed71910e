import * as E from "../../engine/index.ts";
import { EngineError, Rng, ShapeError, Tensor, type IndexSpec } from "../../engine/index.ts";
import { CellError, type Span } from "../errors.ts";
import type { Expr, IndexDim } from "./ast.ts";
import { requireFunction, type SheetFunction } from "./functions.ts";
import { isStackOverflow, type ParsedCell } from "./parse.ts";
import { asInteger, asString, asTensorValue, describe, isList, type Value } from "./values.ts";

/** What a compiled cell needs from the sheet while it runs. */
export interface EvalContext {
  readonly seed: number;
  /** The cell's name, or its address when anonymous: random streams are keyed by it. */
  readonly cellKey: string;
  lookup(name: string): Tensor;
  /** ∂ sum(y) / ∂ (cell x). `yName` is set when y is a plain cell reference, so passes can be shared. */
  gradient(y: Tensor, yName: string | null, x: string): Tensor;
  /** Datasets: the built-in MNIST, and files the user loaded (`dataset("name")`); absent where none is loaded. */
  dataset?(fn: DatasetFunction, arg: string): Tensor;
}

export type DatasetFunction = "mnist_images" | "mnist_labels" | "dataset";

export interface GradRequest {
  readonly y: string | null;
  readonly x: string;
}

export interface CompiledCell {
  /** Every cell name the expression refers to, with where it first appears. */
  readonly refs: ReadonlyMap<string, Span | null>;
  /** `W = param(init)`: `run` evaluates the initializer; the sheet keeps the value. */
  readonly isParam: boolean;
  /** A `train(...)` cell, run by the training driver rather than evaluated. */
  readonly training: Extract<Expr, { kind: "call" }> | null;
  readonly gradRequests: readonly GradRequest[];
  readonly run: (ctx: EvalContext) => Tensor;
}

type Evaluator = (ctx: EvalContext) => Value;

/** Turn a parsed cell into a closure over engine calls; unknown functions and misuse fail here, once. */
export function compileCell(parsed: ParsedCell): CompiledCell {
  if (parsed.error) throw parsed.error;
  const expr = parsed.expr!;
  const refs = new Map<string, Span | null>();
  const gradRequests: GradRequest[] = [];
  let randomSites = 0;
  const top = expr.kind === "call" ? expr.fn : null;

  const compile = (e: Expr, topLevel: boolean): Evaluator => {
    switch (e.kind) {
      case "number": {
        const value = E.scalar(e.value);
        return () => value;
      }
      case "string":
      case "boolean": {
        const value = e.value;
        return () => value;
      }
      case "ref": {
        if (!refs.has(e.name)) refs.set(e.name, e.span);
        const name = e.name;
        return (ctx) => ctx.lookup(name);
      }
      case "array":
        return compileArray(e, (item) => compile(item, false));
      case "options": {
        const entries = e.entries.map(([k, v]) => [k, compile(v, false)] as const);
        return (ctx) => ({ kind: "options", entries: new Map(entries.map(([k, f]) => [k, f(ctx)])) });
      }
      case "unary": {
        const arg = compile(e.arg, false);
        const op = e.op === "neg" ? E.neg : e.op === "transpose" ? (x: Tensor) => E.transpose(x) : (x: Tensor) => x;
        return guarded(e.span, (ctx) => op(asTensorValue(arg(ctx), "operand")));
      }
      case "binary": {
        const left = compile(e.left, false);
        const right = compile(e.right, false);
        const op = E[e.op];
        return guarded(e.span, (ctx) => op(asTensorValue(left(ctx), "left operand"), asTensorValue(right(ctx), "right operand")));
      }
      case "index": {
        const target = compile(e.target, false);
        const dims = e.dims.map((d) => compileIndexDim(d, (x) => compile(x, false)));
        return guarded(e.span, (ctx) => E.index(asTensorValue(target(ctx), "indexed value"), dims.map((d) => d(ctx))));
      }
      case "call":
        return compileCall(e, topLevel);
    }
  };

  const compileCall = (e: Extract<Expr, { kind: "call" }>, topLevel: boolean): Evaluator => {
    const f = withSpan(e.span, () => requireFunction(e.fn));
    checkArity(e, f);
    if (e.fn === "param") {
      if (!topLevel || parsed.name === null) {
        throw new CellError("syntax", "param(init) must be the whole cell and the cell needs a name: W = param(zeros([3, 2]))", e.span);
      }
      return compile(e.args[0]!, false);
    }
    if (e.fn === "train") {
      if (!topLevel) throw new CellError("syntax", "train(…) must be the whole cell: fit = train(loss, [W, b], {…})", e.span);
      for (const a of e.args) compile(a, false); // collect references
      return () => {
        throw new CellError("runtime", "training cells run from the training panel", e.span);
      };
    }
    if (e.fn === "grad") return compileGrad(e);
    if (e.fn === "mnist_images" || e.fn === "mnist_labels" || e.fn === "dataset") {
      const arg = compile(e.args[0]!, false);
      const which = e.fn;
      return guarded(e.span, (ctx) => {
        const what = which === "dataset" ? "loaded datasets" : "the MNIST dataset";
        if (!ctx.dataset) throw new CellError("runtime", `${which} needs ${what}, which ${which === "dataset" ? "are" : "is"} not available here`);
        return ctx.dataset(which, asString(arg(ctx), which === "dataset" ? "name" : "split"));
      });
    }
    const args = e.args.map((a) => compile(a, false));
    const site = f.random ? randomSites++ : -1;
    const call = f.call!;
    return guarded(e.span, (ctx) => {
      const values = args.map((a) => a(ctx));
      return call(values, { rng: () => new Rng({ seed: ctx.seed, stream: `${ctx.cellKey}#${site}` }) });
    });
  };

  const compileGrad = (e: Extract<Expr, { kind: "call" }>): Evaluator => {
    const [yExpr, xExpr] = e.args as [Expr, Expr];
    if (xExpr.kind !== "ref") {
      throw new CellError("syntax", "grad(y, x): x must name a cell, such as grad(loss, W1)", e.span);
    }
    const y = compile(yExpr, false);
    compile(xExpr, false);
    const request: GradRequest = { y: yExpr.kind === "ref" ? yExpr.name : null, x: xExpr.name };
    gradRequests.push(request);
    return guarded(e.span, (ctx) => ctx.gradient(asTensorValue(y(ctx), "y"), request.y, request.x));
  };

  const root = compile(expr, true);
  return {
    refs,
    isParam: top === "param",
    training: top === "train" && expr.kind === "call" ? expr : null,
    gradRequests,
    run: (ctx) => {
      const raw = root(ctx);
      const v = isList(raw) ? asTensorValue(raw, "the list") : raw;
      if (!(v instanceof Tensor)) throw new CellError("value", `a cell's value must be a tensor, but this expression gives ${describe(v)}`);
      return v;
    },
  };
}

function checkArity(e: Extract<Expr, { kind: "call" }>, f: SheetFunction): void {
  const n = e.args.length;
  if (n < f.minArgs || n > f.maxArgs) {
    const expected = f.minArgs === f.maxArgs ? `${f.minArgs}` : `${f.minArgs} to ${f.maxArgs}`;
    throw new CellError("function", `${e.fn} takes ${expected} argument${f.maxArgs === 1 ? "" : "s"}, got ${n}: ${f.signature}`, e.span);
  }
}

/** A literal of numbers becomes one tensor up front; anything else is a list built at run time. */
function compileArray(e: Extract<Expr, { kind: "array" }>, compileItem: (x: Expr) => Evaluator): Evaluator {
  const literal = numericLiteral(e);
  if (literal !== undefined && isRectangular(literal)) {
    const value = E.tensor(literal);
    return () => value;
  }
  // Ragged or non-literal: a list (concat([[1, 2], [3]]) needs one); stacked if used as a tensor.
  const items = e.items.map(compileItem);
  return (ctx) => ({ kind: "list", items: items.map((f) => f(ctx)) });
}

type Nested = number | Nested[];

function isRectangular(n: Nested): boolean {
  if (typeof n === "number") return true;
  const first = n[0];
  const shapeOf = (x: Nested | undefined): string => (x === undefined || typeof x === "number" ? "" : `${x.length},${shapeOf(x[0])}`);
  return n.every((item) => shapeOf(item) === shapeOf(first) && isRectangular(item));
}

function numericLiteral(e: Expr): Nested | undefined {
  if (e.kind === "number") return e.value;
  if (e.kind === "unary" && e.op === "neg" && e.arg.kind === "number") return -e.arg.value;
  if (e.kind !== "array") return undefined;
  const items: Nested[] = [];
  for (const item of e.items) {
    const v = numericLiteral(item);
    if (v === undefined) return undefined;
    items.push(v);
  }
  return items;
}

function compileIndexDim(d: IndexDim, compile: (e: Expr) => Evaluator): (ctx: EvalContext) => IndexSpec {
  if (d.kind === "at") {
    const at = compile(d.index);
    return (ctx) => asInteger(at(ctx), "index");
  }
  const parts = [d.start, d.stop, d.step].map((p) => (p ? compile(p) : null));
  return (ctx) => {
    const [start, stop, step] = parts.map((p, i) => (p ? asInteger(p(ctx), ["slice start", "slice stop", "slice step"][i]!) : null));
    return { start, stop, step };
  };
}

function withSpan<T>(span: Span | null, f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw toCellError(e).withSpan(span);
  }
}

function guarded(span: Span | null, f: Evaluator): Evaluator {
  return (ctx) => {
    try {
      return f(ctx);
    } catch (e) {
      throw toCellError(e).withSpan(span);
    }
  };
}

/** Engine errors become cell errors of the matching kind; anything unexpected is still shown, never swallowed. */
export function toCellError(e: unknown): CellError {
  if (e instanceof CellError) return e;
  if (e instanceof ShapeError) return new CellError("shape", e.message);
  if (e instanceof EngineError) return new CellError("value", e.message);
  // Parsing bounds nesting, so this is a safety net; it must not read as a memory problem.
  if (isStackOverflow(e)) return new CellError("runtime", "the expression is nested too deeply to evaluate");
  if (e instanceof RangeError) return new CellError("runtime", `${e.message} (the tensor may be too large)`);
  if (e instanceof Error) return new CellError("runtime", e.message);
  return new CellError("runtime", String(e));
}
