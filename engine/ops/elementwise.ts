import { kernels } from "../kernels/backend.ts";
import type { ArithmeticOp, BinaryFn, UnaryFn } from "../kernels/elementwise.ts";
import { broadcastShapes, sameShape, sizeOf, type Shape } from "../shape.ts";
import { record, type Backward } from "../tape.ts";
import type { Tensor } from "../tensor.ts";
import { asTensor, type Operand } from "./operand.ts";
import { sumToShape } from "./reduce.ts";

// Each op's forward is one kernel call; its VJP sits right below, written with these same ops
// so that gradients can themselves be differentiated (grad with createGraph).

function binary(op: string, f: BinaryFn, vjp: (g: Tensor, a: Tensor, b: Tensor, out: Tensor, needs: readonly boolean[]) => (Tensor | null)[]) {
  const arithmetic: ArithmeticOp | undefined = (["add", "sub", "mul", "div"] as const).find((k) => k === op);
  return (x: Operand, y: Operand): Tensor => {
    const a = asTensor(x);
    const b = asTensor(y);
    const shape = broadcastShapes(op, a.shape, b.shape);
    const layout = arithmetic ? arithmeticLayout(a, b, shape) : null;
    const data =
      layout === "same" ? kernels.arithmetic(arithmetic!, a.data, b.data) :
      layout === "row" ? kernels.arithmeticRow(arithmetic!, a.data, b.data) :
      kernels.mapBinary(a.data, a.shape, b.data, b.shape, shape, f);
    let out: Tensor;
    const backward: Backward = (g, needs) => {
      const [ga, gb] = vjp(g, a, b, out, needs);
      return [ga ? sumToShape(ga, a.shape) : null, gb ? sumToShape(gb, b.shape) : null];
    };
    out = record(op, shape, data, [a, b], backward);
    return out;
  };
}

/**
 * + − × ÷ run without a callback per element for the layouts training hits on every step: equal
 * shapes, and b one row repeated down a (a bias row down a batch, `[B, N] + [N]`; a scalar is a
 * row of 1). null: any other layout, which takes the general broadcast.
 */
function arithmeticLayout(a: Tensor, b: Tensor, outShape: Shape): "same" | "row" | null {
  const n = sizeOf(outShape);
  if (a.size !== n) return null;
  const same = b.size === n && sameShape(a.shape, outShape) && sameShape(b.shape, outShape);
  const row = same ? n : isTrailingRow(b.shape, outShape) ? b.size : 0;
  if (row === 0 || n % row !== 0) return null;
  return same ? "same" : "row";
}

/** True when `shape`, aligned right, equals the trailing dimensions of `outShape` (leading 1s allowed). */
function isTrailingRow(shape: Shape, outShape: Shape): boolean {
  const dims = shape.slice(shape.findIndex((d) => d !== 1) === -1 ? shape.length : shape.findIndex((d) => d !== 1));
  if (dims.length > outShape.length) return false;
  const tail = outShape.slice(outShape.length - dims.length);
  return sameShape(dims, tail);
}

/** `kernel`, when given, computes the forward instead of `f` element by element. */
function unary(op: string, f: UnaryFn, vjp: (g: Tensor, x: Tensor, out: Tensor) => Tensor | null,
  kernel?: (x: Readonly<Float32Array>) => Float32Array) {
  return (input: Operand): Tensor => {
    const x = asTensor(input);
    const data = kernel ? kernel(x.data) : kernels.mapUnary(x.data, f);
    let out: Tensor;
    out = record(op, x.shape, data, [x], (g) => [vjp(g, x, out)]);
    return out;
  };
}

const noGradient = () => [null, null];

export const add = binary("add", (x, y) => x + y, (g, _a, _b, _o, n) => [n[0] ? g : null, n[1] ? g : null]);
export const sub = binary("sub", (x, y) => x - y, (g, _a, _b, _o, n) => [n[0] ? g : null, n[1] ? neg(g) : null]);
export const mul = binary("mul", (x, y) => x * y, (g, a, b, _o, n) => [n[0] ? mul(g, b) : null, n[1] ? mul(g, a) : null]);
// d(a/b)/db = -a/b² = -out/b
export const div = binary("div", (x, y) => x / y, (g, _a, b, out, n) => [
  n[0] ? div(g, b) : null,
  n[1] ? neg(mul(g, div(out, b))) : null,
]);
// d(a^b)/da = b·a^(b-1); d(a^b)/db = a^b·ln a. At a = 0 the true derivatives are 0 where the
// formulas give 0·∞ = NaN, so `where` selects (PyTorch does the same): a NaN in the unselected
// branch never reaches the result.
export const pow = binary("pow", Math.pow, (g, a, b, out, n) => [
  n[0] ? mul(g, where(equal(b, 0), 0, mul(b, pow(a, sub(b, 1))))) : null,
  n[1] ? mul(g, where(mul(equal(a, 0), greater_equal(b, 0)), 0, mul(out, log(a)))) : null,
]);
// Ties split the gradient evenly between both operands, as PyTorch does.
export const maximum = binary("maximum", (x, y) => (x !== x || y !== y ? NaN : x > y ? x : y), (g, a, b, _o, n) => [
  n[0] ? mul(g, tieShare(a, b)) : null,
  n[1] ? mul(g, tieShare(b, a)) : null,
]);
export const minimum = binary("minimum", (x, y) => (x !== x || y !== y ? NaN : x < y ? x : y), (g, a, b, _o, n) => [
  n[0] ? mul(g, tieShare(b, a)) : null,
  n[1] ? mul(g, tieShare(a, b)) : null,
]);
/** 1 where a > b, 0.5 where a == b, 0 elsewhere. */
const tieShare = binary("tie_share", (x, y) => (x > y ? 1 : x === y ? 0.5 : 0), noGradient);

// Comparisons return 0/1 and have no gradient.
export const equal = binary("equal", (x, y) => (x === y ? 1 : 0), noGradient);
export const not_equal = binary("not_equal", (x, y) => (x !== y ? 1 : 0), noGradient);
export const less = binary("less", (x, y) => (x < y ? 1 : 0), noGradient);
export const less_equal = binary("less_equal", (x, y) => (x <= y ? 1 : 0), noGradient);
export const greater = binary("greater", (x, y) => (x > y ? 1 : 0), noGradient);
export const greater_equal = binary("greater_equal", (x, y) => (x >= y ? 1 : 0), noGradient);

export const neg = unary("neg", (x) => -x, (g) => neg(g));
export const abs = unary("abs", Math.abs, (g, x) => mul(g, sign(x)));
export const sign = unary("sign", (x) => (x > 0 ? 1 : x < 0 ? -1 : x), () => null);
export const exp = unary("exp", Math.exp, (g, _x, out) => mul(g, out));
export const log = unary("log", Math.log, (g, x) => div(g, x));
export const sqrt = unary("sqrt", Math.sqrt, (g, _x, out) => div(g, mul(out, 2)));
export const square = unary("square", (x) => x * x, (g, x) => mul(g, mul(x, 2)));
export const sin = unary("sin", Math.sin, (g, x) => mul(g, cos(x)));
export const cos = unary("cos", Math.cos, (g, x) => neg(mul(g, sin(x))));
export const tanh = unary("tanh", Math.tanh, (g, _x, out) => mul(g, sub(1, square(out))));
// Split by sign so exp never overflows.
export const sigmoid = unary(
  "sigmoid",
  (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  (g, _x, out) => mul(g, mul(out, sub(1, out))),
);
export const relu = unary("relu", (x) => (x > 0 ? x : x !== x ? x : 0), (g, x) => reluGrad(g, x), (x) => kernels.relu(x));

/** g where x > 0, else 0: relu's VJP in one pass (it runs on every training step). Linear in g. */
function reluGrad(g: Tensor, x: Tensor): Tensor {
  return record("relu_grad", g.shape, kernels.reluGrad(g.data, x.data), [g, x], (gg) => [reluGrad(gg, x), null]);
}

/** Clamp into [lo, hi]. The gradient passes where lo ≤ x ≤ hi (boundaries included, as in TensorFlow). */
export function clip(x: Operand, lo: number, hi: number): Tensor {
  const t = asTensor(x);
  let out: Tensor;
  const f = (v: number) => (v < lo ? lo : v > hi ? hi : v);
  out = record("clip", t.shape, kernels.mapUnary(t.data, f), [t], (g) => [
    mul(g, mul(greater_equal(t, lo), less_equal(t, hi))),
  ]);
  return out;
}

/** `x` where `condition` is non-zero, else `y`, with broadcasting (np.where). No gradient to the condition. */
export function where(condition: Operand, x: Operand, y: Operand): Tensor {
  const c = asTensor(condition);
  const a = asTensor(x);
  const b = asTensor(y);
  const shape = broadcastShapes("where", broadcastShapes("where", c.shape, a.shape), b.shape);
  const [mask, xs, ys] = [c, a, b].map((t) => kernels.mapBinary(t.data, t.shape, ONE, [], shape, (v) => v)) as [Float32Array, Float32Array, Float32Array];
  return record("where", shape, kernels.select(mask, xs, ys), [c, a, b], (g, needs) => [
    null,
    needs[1] ? sumToShape(where(c, g, 0), a.shape) : null,
    needs[2] ? sumToShape(where(c, 0, g), b.shape) : null,
  ]);
}

const ONE = Float32Array.of(1);
