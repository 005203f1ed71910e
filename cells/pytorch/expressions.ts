import { Rng, type Tensor } from "../../engine/index.ts";
import type { Expr, IndexDim } from "../language/ast.ts";
import { compileCell, type EvalContext } from "../language/compile.ts";
import { FUNCTIONS } from "../language/functions.ts";
import { isRectangular, literalNumber, numericLiteral, type Nested } from "../language/literals.ts";
import { PYTORCH_FUNCTIONS, type ArgIn, type CallWriter } from "./function-map.ts";
import { pyFloat, pyInt, pyString, UntranslatableError } from "./python.ts";

/** What writing one cell's expression needs from the script around it. */
export interface ExpressionScope {
  readonly seed: number;
  /** The cell's name, or its address when anonymous: the sheet keys random streams by it. */
  readonly cellKey: string;
  /** The Python variable holding a referenced cell. */
  variable(ref: string): string;
  /** A referenced cell's current sheet value (arguments of random calls are evaluated with these). */
  valueOf(ref: string): Tensor;
  /** A module-level constant holding `value`; returns its variable name. */
  constant(hint: string, value: Tensor): string;
  use(helper: string): void;
}

type Py = ArgIn;
type Call = Extract<Expr, { kind: "call" }>;

const ATOM = 6;
const BINARY: Record<string, { sym: string; prec: number }> = {
  add: { sym: "+", prec: 2 }, sub: { sym: "-", prec: 2 }, mul: { sym: "*", prec: 3 }, div: { sym: "/", prec: 3 }, pow: { sym: "**", prec: 5 },
};
const COMPARISON: Record<string, string> = {
  equal: "==", not_equal: "!=", less: "<", less_equal: "<=", greater: ">", greater_equal: ">=",
};

/** The Python expression for a cell's whole expression, always a float32 tensor. */
export function writeCellExpression(expr: Expr, scope: ExpressionScope): string {
  const writer = new ExpressionWriter(scope);
  return writer.tensor(writer.write(expr));
}

/**
 * Walks a cell's AST in the order the sheet compiles it (arguments before the call), so the n-th
 * random call here is the sheet's random site n and its drawn values can be reproduced.
 */
export class ExpressionWriter implements CallWriter {
  private randomSites = 0;

  constructor(private readonly scope: ExpressionScope) {}

  write(e: Expr): Py {
    switch (e.kind) {
      case "number":
        return py(e, pyFloat(e.value), e.value < 0 ? 4 : ATOM, "number");
      case "string":
        return py(e, pyString(e.value), ATOM, "string");
      case "boolean":
        return py(e, e.value ? "True" : "False", ATOM, "boolean");
      case "ref":
        return py(e, this.scope.variable(e.name), ATOM, "tensor");
      case "array":
        return this.array(e);
      case "options": {
        const entries = new Map(e.entries.map(([k, v]) => [k, this.write(v)] as const));
        return { expr: e, code: "{…}", prec: ATOM, kind: "options", entries };
      }
      case "unary": {
        const arg = this.write(e.arg);
        if (e.op === "plus") return arg;
        if (e.op === "transpose") {
          this.use("transpose");
          return py(e, `transpose(${this.tensor(arg)})`, ATOM, "tensor");
        }
        return py(e, `-${paren(arg, 4)}`, 4, arg.kind === "number" ? "number" : "tensor");
      }
      case "binary":
        return this.binary(e);
      case "index":
        return this.index(e);
      case "call":
        return this.call(e);
    }
  }

  private array(e: Extract<Expr, { kind: "array" }>): Py {
    const literal = numericLiteral(e);
    if (literal !== undefined && isRectangular(literal)) return py(e, `torch.tensor(${literalText(literal)})`, ATOM, "tensor");
    const items = e.items.map((item) => this.write(item));
    return { expr: e, code: `[${items.map((i) => i.code).join(", ")}]`, prec: ATOM, kind: "list", items };
  }

  private binary(e: Extract<Expr, { kind: "binary" }>): Py {
    let left = this.write(e.left);
    const right = this.write(e.right);
    // Two plain numbers: compute in float32 as the sheet does, not in Python's float64.
    if (left.kind === "number" && right.kind === "number") left = py(left.expr, `torch.tensor(${left.code})`, ATOM, "tensor");
    const comparison = COMPARISON[e.op];
    if (comparison !== undefined) {
      return py(e, `(${this.tensor(left)} ${comparison} ${this.tensor(right)}).float()`, ATOM, "tensor");
    }
    const { sym, prec } = BINARY[e.op]!;
    const [lp, rp] = sym === "**" ? [ATOM, 4] : [prec, prec + 1];
    const l = left.kind === "list" ? py(left.expr, this.tensor(left), ATOM, "tensor") : left;
    const r = right.kind === "list" ? py(right.expr, this.tensor(right), ATOM, "tensor") : right;
    return py(e, `${paren(l, lp)} ${sym} ${paren(r, rp)}`, prec, "tensor");
  }

  private index(e: Extract<Expr, { kind: "index" }>): Py {
    const target = this.atom(this.write(e.target));
    const backwards = e.dims.some((d) => d.kind === "slice" && d.step !== null && !(literalNumber(d.step) !== undefined && literalNumber(d.step)! > 0));
    const dims = e.dims.map((d) => this.indexDim(d, backwards));
    if (!backwards) return py(e, `${target}[${dims.join(", ")}]`, ATOM, "tensor");
    this.use("np_index");
    return py(e, `np_index(${target}, (${dims.join(", ")},))`, ATOM, "tensor");
  }

  private indexDim(d: IndexDim, asSliceObjects: boolean): string {
    if (d.kind === "at") return this.int(this.write(d.index), "an index");
    const [start, stop, step] = [d.start, d.stop, d.step].map((p) => (p === null ? null : this.int(this.write(p), "a slice bound")));
    if (asSliceObjects) return `slice(${start ?? "None"}, ${stop ?? "None"}, ${step ?? "None"})`;
    return `${start ?? ""}:${stop ?? ""}${step === null ? "" : `:${step}`}`;
  }

  private call(e: Call): Py {
    if (!FUNCTIONS.has(e.fn)) return this.userCall(e);
    const translation = PYTORCH_FUNCTIONS[e.fn];
    if (translation === undefined || !FUNCTIONS.has(e.fn)) throw new UntranslatableError(`${e.fn}(…) is not a sheet function`);
    if (e.fn === "grad") return this.grad(e);
    if (e.fn === "mnist_images" || e.fn === "mnist_labels" || e.fn === "dataset") {
      const arg = e.args[0];
      if (arg?.kind !== "string") throw new UntranslatableError(`${e.fn}(…) needs its ${e.fn === "dataset" ? "name" : "split"} written as a string, such as "train"`);
      this.use(e.fn);
      return py(e, `${e.fn}(${pyString(arg.value)})`, ATOM, "tensor");
    }
    if (translation.kind === "special") throw new UntranslatableError(`${e.fn}(…) must be the whole cell, such as W = param(zeros([2, 2]))`);
    const args = e.args.map((a) => this.write(a));
    if (translation.kind === "embedded") return this.embedRandom(e);
    return py(e, translation.write(args, this), ATOM, "tensor");
  }

  /** A function a cell defines is a Python def of the same name (see definitions.ts). */
  private userCall(e: Call): Py {
    const args = e.args.map((a) => {
      const w = this.write(a);
      return w.kind === "string" || w.kind === "boolean" ? w.code : this.tensor(w);
    });
    return py(e, `${this.scope.variable(e.fn)}(${args.join(", ")})`, ATOM, "tensor");
  }

  private grad(e: Call): Py {
    const [y, x] = e.args as [Expr, Expr];
    const yCode = this.tensor(this.write(y));
    if (x.kind !== "ref") throw new UntranslatableError("grad(y, x): x must name a cell");
    this.use("grad");
    return py(e, `grad(${yCode}, ${this.scope.variable(x.name)})`, ATOM, "tensor");
  }

  /** The values the sheet drew at this call, reproduced from its seed stream and embedded. */
  private embedRandom(e: Call): Py {
    const site = this.randomSites++;
    const ctx: EvalContext = {
      seed: this.scope.seed,
      cellKey: this.scope.cellKey,
      lookup: (name) => this.scope.valueOf(name),
      gradient: () => {
        throw new UntranslatableError("a random call's arguments cannot take gradients");
      },
    };
    const values = e.args.map((a) => compileCell({ name: null, nameSpan: null, expr: a, error: null }).run(ctx));
    // The values the sheet shows come from its evaluation, never from a training step.
    const callSite = { rng: () => new Rng({ seed: this.scope.seed, stream: `${this.scope.cellKey}#${site}` }), trainingRng: () => null };
    const value = FUNCTIONS.get(e.fn)!.call!(values, callSite) as Tensor;
    return py(e, this.scope.constant(`${this.scope.cellKey}_${e.fn}`, value), ATOM, "tensor");
  }

  // ---- CallWriter: how translations read their arguments ----------------------------------

  use(helper: string): void {
    this.scope.use(helper);
  }

  tensor(a: Py): string {
    switch (a.kind) {
      case "tensor":
        return a.code;
      case "number":
        return `torch.tensor(${a.code})`;
      case "list":
        return a.items!.length === 0 ? "torch.tensor([])" : `torch.stack([${a.items!.map((i) => this.tensor(i)).join(", ")}])`;
      default:
        throw new UntranslatableError(`${a.code} is not a tensor`);
    }
  }

  atom(a: Py): string {
    const code = this.tensor(a);
    return a.kind === "tensor" && a.prec < ATOM ? `(${code})` : code;
  }

  int(a: Py, what: string): string {
    const n = literalNumber(a.expr);
    return n !== undefined ? pyInt(n, what) : `int(${this.tensor(a)})`;
  }

  number(a: Py, _what: string): string {
    const n = literalNumber(a.expr);
    return n !== undefined ? pyFloat(n) : `float(${this.tensor(a)})`;
  }

  ints(a: Py, what: string): string {
    const list = literalInts(a.expr);
    if (list !== undefined) return `[${list.map((n) => pyInt(n, what)).join(", ")}]`;
    this.use("ints");
    return `ints(${this.tensor(a)})`;
  }

  axis(a: Py): string {
    const n = literalNumber(a.expr);
    if (n !== undefined) return pyInt(n, "axis");
    const list = literalInts(a.expr);
    if (list !== undefined) return `(${list.map((k) => pyInt(k, "axis")).join(", ")}${list.length === 1 ? "," : ""})`;
    this.use("ints");
    return `tuple(ints(${this.tensor(a)}))`;
  }

  bool(a: Py, _what: string): string {
    if (a.expr.kind === "boolean") return a.code;
    const n = literalNumber(a.expr);
    if (n !== undefined) return n !== 0 ? "True" : "False";
    return `bool(${this.tensor(a)})`;
  }

  pair(a: Py, what: string): string {
    const list = literalInts(a.expr);
    if (list !== undefined) return list.length === 1 ? pyInt(list[0]!, what) : `(${list.map((n) => pyInt(n, what)).join(", ")})`;
    this.use("ints");
    return `ints(${this.tensor(a)})`;
  }

  tensorList(a: Py): string {
    if (a.kind === "list") return `[${a.items!.map((i) => this.tensor(i)).join(", ")}]`;
    return `list(${this.atom(a)})`;
  }
}

function py(expr: Expr, code: string, prec: number, kind: Py["kind"]): Py {
  return { expr, code, prec, kind };
}

function paren(p: Py, min: number): string {
  return p.prec < min ? `(${p.code})` : p.code;
}

function literalInts(e: Expr): number[] | undefined {
  const n = literalNumber(e);
  if (n !== undefined) return [n];
  if (e.kind !== "array") return undefined;
  const items = e.items.map(literalNumber);
  return items.every((i) => i !== undefined) ? (items as number[]) : undefined;
}

function literalText(n: Nested): string {
  return typeof n === "number" ? pyFloat(n) : `[${n.map(literalText).join(", ")}]`;
}
