import * as E from "../../engine/index.ts";
import { Tensor, type Rng } from "../../engine/index.ts";
import { CellError } from "../errors.ts";
import {
  asAxis, asBoolean, asInteger, asIntegerList, asList, asNumber, asShape, asTensorValue, type Value,
} from "./values.ts";
import { editDistance } from "../spelling.ts";

/** What a built-in needs from its call site. */
export interface CallSite {
  /** A generator seeded by the sheet seed, the cell and this call's position in the cell. */
  rng(): Rng;
}

export interface SheetFunction {
  /** One line for autocomplete, e.g. `sum(x, axis?, keepdims?)`. */
  readonly signature: string;
  readonly summary: string;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Handled by the compiler (they need cell references or sheet state), not called directly. */
  readonly special?: boolean;
  readonly random?: boolean;
  readonly call?: (args: readonly Value[], site: CallSite) => Value;
}

const t = asTensorValue;

function fn(signature: string, summary: string, call: SheetFunction["call"], extra: Partial<SheetFunction> = {}): SheetFunction {
  const params = signature.slice(signature.indexOf("(") + 1, -1).split(",").map((p) => p.trim()).filter(Boolean);
  const minArgs = params.filter((p) => !p.endsWith("?")).length;
  return { signature, summary, minArgs, maxArgs: params.length, call, ...extra };
}

function unary(name: string, op: (x: Tensor) => Tensor, summary: string): [string, SheetFunction] {
  return [name, fn(`${name}(x)`, summary, ([x]) => op(t(x!, "x")))];
}

function binary(name: string, op: (a: Tensor, b: Tensor) => Tensor, summary: string): [string, SheetFunction] {
  return [name, fn(`${name}(a, b)`, summary, ([a, b]) => op(t(a!, "a"), t(b!, "b")))];
}

function reduction(name: string, op: (x: Tensor, axis?: number | number[], keepdims?: boolean) => Tensor, summary: string): [string, SheetFunction] {
  return [
    name,
    fn(`${name}(x, axis?, keepdims?)`, summary, ([x, axis, keep]) =>
      op(t(x!, "x"), axis === undefined ? undefined : asAxis(axis, "axis"), keep === undefined ? false : asBoolean(keep, "keepdims")),
    ),
  ];
}

function loss(name: string, op: (y: Tensor, p: Tensor) => Tensor, summary: string): [string, SheetFunction] {
  return [name, fn(`${name}(y_true, y_pred)`, summary, ([y, p]) => op(t(y!, "y_true"), t(p!, "y_pred")))];
}

const optionalNumber = (v: Value | undefined, what: string, fallback: number) => (v === undefined ? fallback : asNumber(v, what));

export const FUNCTIONS: ReadonlyMap<string, SheetFunction> = new Map<string, SheetFunction>([
  unary("abs", E.abs, "absolute value, element-wise"),
  unary("exp", E.exp, "e to the power x, element-wise"),
  unary("log", E.log, "natural logarithm, element-wise"),
  unary("sqrt", E.sqrt, "square root, element-wise"),
  unary("square", E.square, "x², element-wise"),
  unary("sin", E.sin, "sine, element-wise"),
  unary("cos", E.cos, "cosine, element-wise"),
  unary("tanh", E.tanh, "hyperbolic tangent, element-wise"),
  unary("sigmoid", E.sigmoid, "1 / (1 + e^-x), element-wise"),
  unary("relu", E.relu, "max(x, 0), element-wise"),
  unary("sign", E.sign, "-1, 0 or 1, element-wise"),
  unary("neg", E.neg, "-x, element-wise"),
  unary("flatten", E.flatten, "the values as a 1-D vector"),
  binary("add", E.add, "a + b with broadcasting"),
  binary("subtract", E.sub, "a - b with broadcasting"),
  binary("multiply", E.mul, "a * b element-wise with broadcasting"),
  binary("divide", E.div, "a / b with broadcasting"),
  binary("pow", E.pow, "a ^ b with broadcasting"),
  binary("maximum", E.maximum, "the larger of a and b, element-wise"),
  binary("minimum", E.minimum, "the smaller of a and b, element-wise"),
  binary("equal", E.equal, "1 where a == b, else 0"),
  binary("not_equal", E.not_equal, "1 where a != b, else 0"),
  binary("less", E.less, "1 where a < b, else 0"),
  binary("less_equal", E.less_equal, "1 where a <= b, else 0"),
  binary("greater", E.greater, "1 where a > b, else 0"),
  binary("greater_equal", E.greater_equal, "1 where a >= b, else 0"),
  binary("dot", E.dot, "np.dot: matrix product, inner product, or tensor product over the last axis"),
  binary("matmul", E.matmul, "np.matmul: batched matrix product"),
  ["where", fn("where(condition, x, y)", "x where condition is non-zero, else y", ([c, x, y]) => E.where(t(c!, "condition"), t(x!, "x"), t(y!, "y")))],
  ["clip", fn("clip(x, lo, hi)", "clamp x into [lo, hi]", ([x, lo, hi]) => E.clip(t(x!, "x"), asNumber(lo!, "lo"), asNumber(hi!, "hi")))],
  reduction("sum", E.sum, "sum over all values or along axis"),
  reduction("mean", E.mean, "mean over all values or along axis"),
  reduction("max", E.max, "largest value, overall or along axis"),
  reduction("min", E.min, "smallest value, overall or along axis"),
  reduction("logsumexp", E.logsumexp, "log Σ exp(x), computed stably"),
  ["argmax", fn("argmax(x, axis?)", "index of the largest value (flattened without axis)", ([x, axis]) => E.argmax(t(x!, "x"), axis === undefined ? undefined : asInteger(axis, "axis")))],
  ["argmin", fn("argmin(x, axis?)", "index of the smallest value (flattened without axis)", ([x, axis]) => E.argmin(t(x!, "x"), axis === undefined ? undefined : asInteger(axis, "axis")))],
  ["reshape", fn("reshape(x, shape)", "same values in a new shape; one dimension may be -1", ([x, s]) => E.reshape(t(x!, "x"), asIntegerList(s!, "shape")))],
  ["transpose", fn("transpose(x, perm?)", "reverse (or permute) the axes; x' also transposes", ([x, p]) => E.transpose(t(x!, "x"), p === undefined ? undefined : asIntegerList(p, "perm")))],
  ["expand_dims", fn("expand_dims(x, axis)", "insert an axis of length 1", ([x, a]) => E.expand_dims(t(x!, "x"), asInteger(a!, "axis")))],
  ["squeeze", fn("squeeze(x, axis?)", "drop axes of length 1", ([x, a]) => E.squeeze(t(x!, "x"), a === undefined ? undefined : asAxis(a, "axis")))],
  ["broadcast_to", fn("broadcast_to(x, shape)", "repeat x along broadcast axes to fill shape", ([x, s]) => E.broadcastTo(t(x!, "x"), asShape(s!, "shape")))],
  ["concat", fn("concat(tensors, axis?)", "join tensors along an existing axis", ([xs, a]) => E.concat(asList(xs!, "tensors").map((v, i) => t(v, `tensors[${i}]`)), a === undefined ? 0 : asInteger(a, "axis")))],
  ["stack", fn("stack(tensors, axis?)", "join equal-shaped tensors along a new axis", ([xs, a]) => E.stack(asList(xs!, "tensors").map((v, i) => t(v, `tensors[${i}]`)), a === undefined ? 0 : asInteger(a, "axis")))],
  ["take", fn("take(x, indices)", "rows of x at the given indices (axis 0)", ([x, i]) => E.take(t(x!, "x"), t(i!, "indices")))],
  ["one_hot", fn("one_hot(labels, depth)", "one-hot rows for integer labels", ([l, d]) => E.one_hot(t(l!, "labels"), asInteger(d!, "depth")))],
  ["softmax", fn("softmax(x, axis?)", "exp(x) normalized to sum to 1 along axis (default -1)", ([x, a]) => E.softmax(t(x!, "x"), a === undefined ? -1 : asInteger(a, "axis")))],
  ["log_softmax", fn("log_softmax(x, axis?)", "log of softmax, computed stably", ([x, a]) => E.log_softmax(t(x!, "x"), a === undefined ? -1 : asInteger(a, "axis")))],
  loss("categorical_crossentropy", E.categorical_crossentropy, "Keras loss: one-hot targets vs probabilities, batch mean"),
  loss("sparse_categorical_crossentropy", E.sparse_categorical_crossentropy, "Keras loss: integer labels vs probabilities, batch mean"),
  loss("binary_crossentropy", E.binary_crossentropy, "Keras loss: 0/1 targets vs probabilities, mean"),
  loss("mse", E.mse, "mean squared error"),
  ["accuracy", fn("accuracy(labels, scores)", "fraction of rows whose top score is the label", ([l, s]) => E.accuracy(t(l!, "labels"), t(s!, "scores")))],
  ["zeros", fn("zeros(shape)", "a tensor of zeros", ([s]) => E.zeros(asShape(s!, "shape")))],
  ["ones", fn("ones(shape)", "a tensor of ones", ([s]) => E.ones(asShape(s!, "shape")))],
  ["full", fn("full(shape, value)", "a tensor filled with value", ([s, v]) => E.full(asShape(s!, "shape"), asNumber(v!, "value")))],
  ["eye", fn("eye(n, m?)", "identity matrix", ([n, m]) => E.eye(asInteger(n!, "n"), m === undefined ? undefined : asInteger(m, "m")))],
  ["arange", fn("arange(start, stop?, step?)", "evenly spaced values, stop excluded", ([a, b, s]) =>
    E.arange(asNumber(a!, "start"), b === undefined ? undefined : asNumber(b, "stop"), optionalNumber(s, "step", 1)))],
  ["linspace", fn("linspace(start, stop, num?)", "num evenly spaced values, both ends included", ([a, b, n]) =>
    E.linspace(asNumber(a!, "start"), asNumber(b!, "stop"), n === undefined ? 50 : asInteger(n, "num")))],
  ["shape", fn("shape(x)", "the shape of x as a vector", ([x]) => { const v = t(x!, "x"); return new Tensor([v.rank], Float32Array.from(v.shape)); })],
  ["size", fn("size(x)", "the number of values in x", ([x]) => E.scalar(t(x!, "x").size))],
  ["ndim", fn("ndim(x)", "the rank (number of axes) of x", ([x]) => E.scalar(t(x!, "x").rank))],
  ["rand", fn("rand(shape, lo?, hi?)", "seeded uniform random values in [lo, hi)", ([s, lo, hi], site) =>
    E.rand(asShape(s!, "shape"), site.rng(), optionalNumber(lo, "lo", 0), optionalNumber(hi, "hi", 1)), { random: true })],
  ["randn", fn("randn(shape, mean?, std?)", "seeded normal random values", ([s, m, sd], site) =>
    E.randn(asShape(s!, "shape"), site.rng(), optionalNumber(m, "mean", 0), optionalNumber(sd, "std", 1)), { random: true })],
  ["glorot_uniform", fn("glorot_uniform(shape)", "Keras' default Dense initializer", ([s], site) => E.glorot_uniform(asShape(s!, "shape"), site.rng()), { random: true })],
  ["he_normal", fn("he_normal(shape)", "He normal initializer, for relu layers", ([s], site) => E.he_normal(asShape(s!, "shape"), site.rng()), { random: true })],
  ["param", { signature: "param(init)", summary: "a trainable variable, initialized once from init", minArgs: 1, maxArgs: 1, special: true }],
  ["grad", { signature: "grad(y, x)", summary: "gradient of sum(y) with respect to cell x", minArgs: 2, maxArgs: 2, special: true }],
  ["mnist_images", { signature: 'mnist_images("train" | "test")', summary: "MNIST digits as [N, 28, 28] pixel values in 0–255", minArgs: 1, maxArgs: 1, special: true }],
  ["mnist_labels", { signature: 'mnist_labels("train" | "test")', summary: "MNIST labels 0–9 as [N]", minArgs: 1, maxArgs: 1, special: true }],
  ["dataset", { signature: 'dataset("name")', summary: "a dataset you loaded (MNIST IDX or NumPy .npy), by name", minArgs: 1, maxArgs: 1, special: true }],
  ["train", { signature: "train(loss, [params], {optimizer, lr, batch, epochs, feed, metrics})", summary: "a training run: mini-batch gradient descent", minArgs: 2, maxArgs: 3, special: true }],
]);

export function requireFunction(name: string): SheetFunction {
  const f = FUNCTIONS.get(name);
  if (f === undefined) throw new CellError("function", `unknown function ${name}(…)${suggest(name)}`);
  return f;
}

function suggest(name: string): string {
  const lower = name.toLowerCase();
  const close = [...FUNCTIONS.keys()].filter((k) => k === lower || k.replace(/_/g, "") === lower.replace(/_/g, "") || editDistance(k, lower) <= 2);
  return close.length > 0 ? `; did you mean ${close.slice(0, 3).join(", ")}?` : "";
}
