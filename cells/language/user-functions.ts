import { Interrupted, type Tensor } from "../../engine/index.ts";
import { CellError } from "../errors.ts";
import type { Expr } from "./ast.ts";
import type { EvalContext } from "./compile.ts";
import type { Value } from "./values.ts";

/**
 * Functions the user defines in a cell: `dense(x, W, b) = relu(dot(x, W) + b)`. A call runs the
 * body's engine ops on the argument values, inside the caller's evaluation, so autodiff records
 * them like any other op: gradients, grad(), adjoints and training see through a call as if the
 * body had been written out in place.
 */
export interface UserFunction {
  readonly name: string;
  readonly params: readonly string[];
  /** `dense(x, W, b)`, for the cell's view, autocomplete and errors. */
  readonly signature: string;
  /** Runs the body; parameters are read from `ctx.args`, other names through `ctx.lookup`. */
  readonly body: (ctx: EvalContext) => Value;
}

/**
 * A definition together with where its body's free names and calls resolve: the sheet resolves
 * them by name, a training program through the addresses it bound when it was built.
 */
export interface BoundFunction {
  readonly definition: UserFunction;
  lookup(name: string): Tensor;
  userFunction(name: string): BoundFunction;
}

export function signatureOf(name: string, params: readonly string[]): string {
  return `${name}(${params.join(", ")})`;
}

type Call = Extract<Expr, { kind: "call" }>;
type Evaluator = (ctx: EvalContext) => Value;

/**
 * A call of a function that is not built in. Which definition it reaches is known only when it
 * runs (the definition is another cell), so the argument count is checked then.
 * `site` numbers the user calls in the calling expression, so random ops inside two calls of one
 * function draw from different streams.
 */
export function compileUserCall(e: Call, args: readonly Evaluator[], site: number): Evaluator {
  return (ctx) => {
    if (!ctx.userFunction) throw new CellError("function", `unknown function ${e.fn}(…)`, e.span);
    const bound = ctx.userFunction(e.fn);
    const def = bound.definition;
    if (args.length !== def.params.length) {
      const n = def.params.length;
      throw new CellError("function", `${def.name} takes ${n} argument${n === 1 ? "" : "s"} (${def.params.join(", ")}), got ${args.length}`, e.span);
    }
    const values = args.map((a) => a(ctx));
    const inner: EvalContext = {
      seed: ctx.seed,
      cellKey: `${ctx.cellKey}>${def.name}#${site}`,
      lookup: (name) => bound.lookup(name),
      userFunction: (name) => bound.userFunction(name),
      gradient: ctx.gradient,
      args: values,
      ...(ctx.dataset ? { dataset: ctx.dataset } : {}),
      ...(ctx.trainingStep ? { trainingStep: ctx.trainingStep } : {}),
    };
    try {
      return def.body(inner);
    } catch (err) {
      if (err instanceof Interrupted || !(err instanceof CellError)) throw err;
      // The body's spans point into the definition's cell, not this one: point at the call instead.
      const message = err.message.startsWith(`in ${def.name}`) ? err.message : `in ${def.name}: ${err.message}`;
      throw new CellError(err.kind, message, e.span);
    }
  };
}

/** A cell that defines a function where a tensor was expected, or the other way round. */
export function notAFunctionError(name: string): CellError {
  return new CellError("function", `${name} is a cell holding a value, not a function; only cells such as ${name}(x) = … can be called`);
}

export function functionAsValueError(def: UserFunction): CellError {
  return new CellError("name", `${def.name} is a function: call it, as in ${def.signature}`);
}
