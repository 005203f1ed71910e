import * as E from "../../engine/index.ts";
import { EngineError, Interrupted, Rng, ShapeError, Tensor, type IndexSpec } from "../../engine/index.ts";
import { CellError, type Span } from "../errors.ts";
import type { Expr, IndexDim } from "./ast.ts";
import { FUNCTIONS, requireFunction, type SheetFunction } from "./functions.ts";
import { isRectangular, numericLiteral } from "./literals.ts";
import { memoPlan, type MemoPlan, type SubexpressionMemo } from "./memo.ts";
import { isStackOverflow, type ParsedCell } from "./parse.ts";
import { compileUserCall, signatureOf, type BoundFunction, type UserFunction } from "./user-functions.ts";
import { asInteger, asShape, asString, asTensorValue, describe, isList, type Value } from "./values.ts";
import { sketchShapeProblem } from "../sketch.ts";

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
  /**
   * Where the cell's sub-expressions remember their values between runs (see memo.ts). The sheet
   * gives each cell one; training programs give none, since their inputs change every step.
   */
  readonly memo?: SubexpressionMemo;
  /** Set only while a training program runs a step: dropout is active there and the identity elsewhere. */
  readonly trainingStep?: TrainingStep;
  /** The sheet's user-defined functions by name; absent where the cell cannot call any. */
  userFunction?(name: string): BoundFunction;
  /** Inside a user function's body: the values of its parameters, in order. */
  readonly args?: readonly Value[];
  /** The cell's drawing as [height, width] pixels in [0, 1]; absent where no pad exists (training programs). */
  sketch?(height: number, width: number): Tensor;
}

/** Which step of which run is being computed: with the sheet seed and the call site, it seeds dropout's mask. */
export interface TrainingStep {
  /** The training cell's name (or address), so two runs in one sheet draw different masks. */
  readonly run: string;
  /** Steps completed before this one, counted over the whole run (so a resumed run continues the count). */
  readonly step: number;
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
  /** `name(params) = body`: the cell defines a function and has no tensor of its own. */
  readonly definition?: UserFunction;
}

type Evaluator = (ctx: EvalContext) => Value;

/** Turn a parsed cell into a closure over engine calls; unknown functions and misuse fail here, once. */
export function compileCell(parsed: ParsedCell): CompiledCell {
  if (parsed.error) throw parsed.error;
  const expr = parsed.expr!;
  if (parsed.params) return compileDefinition(parsed.name!, parsed.params, expr);
  const top = expr.kind === "call" ? expr.fn : null;
  const compiler = new CellCompiler(parsed.name, memoPlan(expr));
  const root = compiler.expr(expr, true);
  return {
    refs: compiler.refs,
    isParam: top === "param",
    training: top === "train" && expr.kind === "call" ? expr : null,
    gradRequests: compiler.gradRequests,
    run: (ctx) => {
      const raw = root(ctx);
      const v = isList(raw) ? asTensorValue(raw, "the list") : raw;
      if (!(v instanceof Tensor)) throw new CellError("value", `a cell's value must be a tensor, but this expression gives ${describe(v)}`);
      return v;
    },
  };
}

type Call = Extract<Expr, { kind: "call" }>;

/** A function definition: its body compiled once, its free names (not its parameters) the cell's references. */
function compileDefinition(name: string, params: readonly string[], body: Expr): CompiledCell {
  // No memo plan: a body runs with new arguments at every call.
  const compiler = new CellCompiler(name, new Map(), params);
  const run = compiler.expr(body, false);
  const signature = signatureOf(name, params);
  return {
    refs: compiler.refs,
    isParam: false,
    training: null,
    gradRequests: [],
    run: () => {
      throw new CellError("value", `${signature} is a function; it has a value only when called`);
    },
    definition: { name, params, signature, body: run },
  };
}

/** One cell's compilation: what it collects (references, gradient requests, random call sites) as it walks the tree. */
class CellCompiler {
  readonly refs = new Map<string, Span | null>();
  readonly gradRequests: GradRequest[] = [];
  private randomSites = 0;
  private userCalls = 0;

  constructor(
    private readonly cellName: string | null,
    private readonly memoised: MemoPlan,
    /** A function body's parameters: they shadow cell names of the same spelling. */
    private readonly params: readonly string[] | null = null,
  ) {}

  expr(e: Expr, topLevel: boolean): Evaluator {
    const f = this.node(e, topLevel);
    const names = this.memoised.get(e);
    if (names === undefined) return f;
    return (ctx) => (ctx.memo ? ctx.memo.valueOf(e, names.map((n) => ctx.lookup(n)), () => f(ctx)) : f(ctx));
  }

  private node(e: Expr, topLevel: boolean): Evaluator {
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
      case "ref":
        return this.ref(e);
      case "array":
        return compileArray(e, (item) => this.expr(item, false));
      case "options": {
        const entries = e.entries.map(([k, v]) => [k, this.expr(v, false)] as const);
        return (ctx) => ({ kind: "options", entries: new Map(entries.map(([k, f]) => [k, f(ctx)])) });
      }
      case "unary":
      case "binary":
      case "index":
        return this.operator(e);
      case "call":
        return this.call(e, topLevel);
    }
  }

  private ref(e: Extract<Expr, { kind: "ref" }>): Evaluator {
    const param = this.params?.indexOf(e.name) ?? -1;
    if (param >= 0) return (ctx) => ctx.args![param]!;
    if (!this.refs.has(e.name)) this.refs.set(e.name, e.span);
    const name = e.name;
    return (ctx) => ctx.lookup(name);
  }

  private operator(e: Extract<Expr, { kind: "unary" | "binary" | "index" }>): Evaluator {
    const sub = (x: Expr): Evaluator => this.expr(x, false);
    if (e.kind === "unary") {
      const arg = sub(e.arg);
      const op = e.op === "neg" ? E.neg : e.op === "transpose" ? (x: Tensor) => E.transpose(x) : (x: Tensor) => x;
      return guarded(e.span, (ctx) => op(asTensorValue(arg(ctx), "operand")));
    }
    if (e.kind === "binary") {
      const left = sub(e.left);
      const right = sub(e.right);
      const op = E[e.op];
      return guarded(e.span, (ctx) => op(asTensorValue(left(ctx), "left operand"), asTensorValue(right(ctx), "right operand")));
    }
    const target = sub(e.target);
    const dims = e.dims.map((d) => compileIndexDim(d, sub));
    return guarded(e.span, (ctx) => E.index(asTensorValue(target(ctx), "indexed value"), dims.map((d) => d(ctx))));
  }

  private call(e: Call, topLevel: boolean): Evaluator {
    if (!FUNCTIONS.has(e.fn)) return this.userCall(e);
    const f = withSpan(e.span, () => requireFunction(e.fn));
    checkArity(e, f);
    if (e.fn === "param") return this.param(e, topLevel);
    if (e.fn === "train") return this.train(e, topLevel);
    if (e.fn === "grad") return this.grad(e);
    if (e.fn === "sketch") return this.sketch(e, topLevel);
    if (e.fn === "mnist_images" || e.fn === "mnist_labels" || e.fn === "dataset") return this.dataset(e, e.fn);
    const args = e.args.map((a) => this.expr(a, false));
    const site = f.random ? this.randomSites++ : -1;
    const call = f.call!;
    return guarded(e.span, (ctx) => {
      const values = args.map((a) => a(ctx));
      const step = ctx.trainingStep;
      return call(values, {
        rng: () => new Rng({ seed: ctx.seed, stream: `${ctx.cellKey}#${site}` }),
        trainingRng: () => (step ? new Rng({ seed: ctx.seed, stream: `${ctx.cellKey}#${site}@${step.run}:${step.step}` }) : null),
      });
    });
  }

  private userCall(e: Call): Evaluator {
    if (this.params !== null && e.fn === this.cellName) {
      throw new CellError("function", `${e.fn} calls itself; recursion is not supported (functions are inlined into the graph)`, e.span);
    }
    // The function is a cell the call depends on, like a referenced tensor.
    if (!this.refs.has(e.fn)) this.refs.set(e.fn, e.span);
    const args = e.args.map((a) => this.expr(a, false));
    return compileUserCall(e, args, this.userCalls++);
  }

  private param(e: Call, topLevel: boolean): Evaluator {
    if (!topLevel || this.cellName === null) {
      throw new CellError("syntax", "param(init) must be the whole cell and the cell needs a name: W = param(zeros([3, 2]))", e.span);
    }
    return this.expr(e.args[0]!, false);
  }

  private train(e: Call, topLevel: boolean): Evaluator {
    if (!topLevel) throw new CellError("syntax", "train(…) must be the whole cell: fit = train(loss, [W, b], {…})", e.span);
    for (const a of e.args) this.expr(a, false); // collect references
    return () => {
      throw new CellError("runtime", "training cells run from the training panel", e.span);
    };
  }

  private grad(e: Call): Evaluator {
    const [yExpr, xExpr] = e.args as [Expr, Expr];
    if (this.params !== null) throw new CellError("syntax", `grad(…) cannot be used inside a function definition; call ${this.cellName} from a cell and take grad there`, e.span);
    if (xExpr.kind !== "ref") {
      throw new CellError("syntax", "grad(y, x): x must name a cell, such as grad(loss, W1)", e.span);
    }
    const y = this.expr(yExpr, false);
    this.expr(xExpr, false);
    const request: GradRequest = { y: yExpr.kind === "ref" ? yExpr.name : null, x: xExpr.name };
    this.gradRequests.push(request);
    return guarded(e.span, (ctx) => ctx.gradient(asTensorValue(y(ctx), "y"), request.y, request.x));
  }

  private sketch(e: Call, topLevel: boolean): Evaluator {
    // The drawing belongs to the cell: a sketch inside a larger expression would have no pad.
    if (!topLevel || this.params !== null) throw new CellError("syntax", "sketch(shape) must be the whole cell, which becomes a drawing pad: my_digit = sketch([28, 28])", e.span);
    const shapeArg = this.expr(e.args[0]!, false);
    return guarded(e.span, (ctx) => {
      const shape = asShape(shapeArg(ctx), "shape");
      const problem = sketchShapeProblem(shape);
      if (problem !== null) throw new CellError("value", problem);
      if (!ctx.sketch) throw new CellError("runtime", "sketch(…) has no drawing here; its value exists only on the sheet");
      return ctx.sketch(shape[0]!, shape[1]!);
    });
  }

  private dataset(e: Call, which: DatasetFunction): Evaluator {
    const arg = this.expr(e.args[0]!, false);
    return guarded(e.span, (ctx) => {
      const what = which === "dataset" ? "loaded datasets" : "the MNIST dataset";
      if (!ctx.dataset) throw new CellError("runtime", `${which} needs ${what}, which ${which === "dataset" ? "are" : "is"} not available here`);
      return ctx.dataset(which, asString(arg(ctx), which === "dataset" ? "name" : "split"));
    });
  }
}

function checkArity(e: Call, f: SheetFunction): void {
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
      // An interrupted pass is nobody's error: it passes through to the sheet, which stops.
      if (e instanceof Interrupted) throw e;
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
