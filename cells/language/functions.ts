import * as E from "../../engine/index.ts";
import { Tensor, type Rng } from "../../engine/index.ts";
import { CellError } from "../errors.ts";
import {
  asAxis, asBoolean, asInteger, asIntegerList, asList, asNumber, asShape, asTensorValue, type Value,
} from "./values.ts";
import { editDistance } from "../spelling.ts";
import { asConvOptions, asPair } from "./window-args.ts";

/** What a built-in needs from its call site. */
export interface CallSite {
  /** A generator seeded by the sheet seed, the cell and this call's position in the cell. */
  rng(): Rng;
  /** Inside a training step, a generator also keyed by the run and the step number; null when the sheet evaluates. */
  trainingRng(): Rng | null;
}

/** The sections of the function reference, in the order it shows them. */
export const FUNCTION_GROUPS = [
  "Creation", "Element-wise", "Comparisons", "Reductions", "Products", "Shapes", "Neural networks & losses", "Data", "Training",
] as const;
export type FunctionGroup = (typeof FUNCTION_GROUPS)[number];

/**
 * One built-in. This table is the only list of functions: the compiler accepts exactly its names,
 * autocomplete offers them and the function reference shows them, so the three cannot disagree.
 */
export interface SheetFunction {
  /** One line for autocomplete, e.g. `sum(x, axis?, keepdims?)`. */
  readonly signature: string;
  readonly summary: string;
  /** A small cell source that works as written (a unit test evaluates every one). */
  readonly example: string;
  /** Cells the example reads (`name = expression` sources), for functions that need cell references. */
  readonly exampleGiven?: readonly string[];
  readonly group: FunctionGroup;
  readonly minArgs: number;
  readonly maxArgs: number;
  /** Handled by the compiler (they need cell references or sheet state), not called directly. */
  readonly special?: boolean;
  readonly random?: boolean;
  readonly call?: (args: readonly Value[], site: CallSite) => Value;
}

/** An entry before its section is known; `inGroup` stamps the section on a run of entries. */
type Entry = [string, Omit<SheetFunction, "group">];

const t = asTensorValue;

function fn(signature: string, summary: string, example: string, call: SheetFunction["call"], extra: Partial<SheetFunction> = {}): Omit<SheetFunction, "group"> {
  const params = signature.slice(signature.indexOf("(") + 1, -1).split(",").map((p) => p.trim()).filter(Boolean);
  const minArgs = params.filter((p) => !p.endsWith("?")).length;
  return { signature, summary, example, minArgs, maxArgs: params.length, call, ...extra };
}

function special(signature: string, summary: string, example: string, args: [min: number, max: number], exampleGiven?: readonly string[]): Omit<SheetFunction, "group"> {
  return { signature, summary, example, minArgs: args[0], maxArgs: args[1], special: true, ...(exampleGiven ? { exampleGiven } : {}) };
}

function unary(name: string, op: (x: Tensor) => Tensor, summary: string, example: string): Entry {
  return [name, fn(`${name}(x)`, summary, example, ([x]) => op(t(x!, "x")))];
}

function binary(name: string, op: (a: Tensor, b: Tensor) => Tensor, summary: string, example: string): Entry {
  return [name, fn(`${name}(a, b)`, summary, example, ([a, b]) => op(t(a!, "a"), t(b!, "b")))];
}

function reduction(name: string, op: (x: Tensor, axis?: number | number[], keepdims?: boolean) => Tensor, summary: string, example: string): Entry {
  return [
    name,
    fn(`${name}(x, axis?, keepdims?)`, summary, example, ([x, axis, keep]) =>
      op(t(x!, "x"), axis === undefined ? undefined : asAxis(axis, "axis"), keep === undefined ? false : asBoolean(keep, "keepdims")),
    ),
  ];
}

function loss(name: string, op: (y: Tensor, p: Tensor) => Tensor, summary: string, example: string): Entry {
  return [name, fn(`${name}(y_true, y_pred)`, summary, example, ([y, p]) => op(t(y!, "y_true"), t(p!, "y_pred")))];
}

function pool(name: string, op: (x: Tensor, size: E.Pair, strides?: E.Pair) => Tensor, summary: string, example: string): Entry {
  return [name, fn(`${name}(x, size, strides?)`, summary, example, ([x, size, strides]) =>
    op(t(x!, `${name}: x`), asPair(size!, name, "size"), strides === undefined ? undefined : asPair(strides, name, "strides")))];
}

function inGroup(group: FunctionGroup, entries: readonly Entry[]): [string, SheetFunction][] {
  return entries.map(([name, f]) => [name, { ...f, group }]);
}

const optionalNumber = (v: Value | undefined, what: string, fallback: number) => (v === undefined ? fallback : asNumber(v, what));
const optionalAxis = (v: Value | undefined) => (v === undefined ? undefined : asInteger(v, "axis"));
const tensors = (v: Value) => asList(v, "tensors").map((x, i) => t(x, `tensors[${i}]`));

// The cells a training example reads: a one-weight regression.
const REGRESSION = ["x = randn([8, 2])", "y = dot(x, [[2], [-1]])", "w = param(zeros([2, 1]))", "loss = mse(y, dot(x, w))"];

export const FUNCTIONS: ReadonlyMap<string, SheetFunction> = new Map<string, SheetFunction>([
  ...inGroup("Creation", [
    ["zeros", fn("zeros(shape)", "a tensor of zeros", "zeros([2, 3])", ([s]) => E.zeros(asShape(s!, "shape")))],
    ["ones", fn("ones(shape)", "a tensor of ones", "ones([3])", ([s]) => E.ones(asShape(s!, "shape")))],
    ["full", fn("full(shape, value)", "a tensor filled with value", "full([2, 2], 7)", ([s, v]) => E.full(asShape(s!, "shape"), asNumber(v!, "value")))],
    ["eye", fn("eye(n, m?)", "identity matrix", "eye(3)", ([n, m]) => E.eye(asInteger(n!, "n"), m === undefined ? undefined : asInteger(m, "m")))],
    ["arange", fn("arange(start, stop?, step?)", "evenly spaced values, stop excluded", "arange(0, 10, 2)", ([a, b, s]) =>
      E.arange(asNumber(a!, "start"), b === undefined ? undefined : asNumber(b, "stop"), optionalNumber(s, "step", 1)))],
    ["linspace", fn("linspace(start, stop, num?)", "num evenly spaced values, both ends included", "linspace(0, 1, 5)", ([a, b, n]) =>
      E.linspace(asNumber(a!, "start"), asNumber(b!, "stop"), n === undefined ? 50 : asInteger(n, "num")))],
    ["rand", fn("rand(shape, lo?, hi?)", "seeded uniform random values in [lo, hi)", "rand([2, 3], -1, 1)", ([s, lo, hi], site) =>
      E.rand(asShape(s!, "shape"), site.rng(), optionalNumber(lo, "lo", 0), optionalNumber(hi, "hi", 1)), { random: true })],
    ["randn", fn("randn(shape, mean?, std?)", "seeded normal random values", "randn([3, 2], 0, 0.1)", ([s, m, sd], site) =>
      E.randn(asShape(s!, "shape"), site.rng(), optionalNumber(m, "mean", 0), optionalNumber(sd, "std", 1)), { random: true })],
    ["glorot_uniform", fn("glorot_uniform(shape)", "Keras' default Dense initializer", "glorot_uniform([4, 3])", ([s], site) => E.glorot_uniform(asShape(s!, "shape"), site.rng()), { random: true })],
    ["he_normal", fn("he_normal(shape)", "He normal initializer, for relu layers", "he_normal([4, 3])", ([s], site) => E.he_normal(asShape(s!, "shape"), site.rng()), { random: true })],
  ]),
  ...inGroup("Element-wise", [
    unary("abs", E.abs, "absolute value, element-wise", "abs([-2, 3])"),
    unary("neg", E.neg, "-x, element-wise", "neg([1, -2])"),
    unary("sign", E.sign, "-1, 0 or 1, element-wise", "sign([-3, 0, 5])"),
    unary("square", E.square, "x², element-wise", "square([1, 2, 3])"),
    unary("sqrt", E.sqrt, "square root, element-wise", "sqrt([4, 9])"),
    unary("exp", E.exp, "e to the power x, element-wise", "exp([0, 1])"),
    unary("log", E.log, "natural logarithm, element-wise", "log([1, 10])"),
    unary("sin", E.sin, "sine, element-wise", "sin(linspace(0, 3.14, 5))"),
    unary("cos", E.cos, "cosine, element-wise", "cos(linspace(0, 3.14, 5))"),
    unary("tanh", E.tanh, "hyperbolic tangent, element-wise", "tanh([-2, 0, 2])"),
    unary("sigmoid", E.sigmoid, "1 / (1 + e^-x), element-wise", "sigmoid([-2, 0, 2])"),
    unary("relu", E.relu, "max(x, 0), element-wise", "relu([-1, 0, 2])"),
    binary("add", E.add, "a + b with broadcasting", "add([[1], [2]], [10, 20])"),
    binary("subtract", E.sub, "a - b with broadcasting", "subtract([5, 7], 1)"),
    binary("multiply", E.mul, "a * b element-wise with broadcasting", "multiply([1, 2, 3], [2, 2, 2])"),
    binary("divide", E.div, "a / b with broadcasting", "divide([1, 2], 4)"),
    binary("pow", E.pow, "a ^ b with broadcasting", "pow([2, 3], 2)"),
    binary("maximum", E.maximum, "the larger of a and b, element-wise", "maximum([1, 5], 3)"),
    binary("minimum", E.minimum, "the smaller of a and b, element-wise", "minimum([1, 5], 3)"),
    ["clip", fn("clip(x, lo, hi)", "clamp x into [lo, hi]", "clip([-2, 0.5, 3], 0, 1)", ([x, lo, hi]) => E.clip(t(x!, "x"), asNumber(lo!, "lo"), asNumber(hi!, "hi")))],
    ["where", fn("where(condition, x, y)", "x where condition is non-zero, else y", "where([1, 0, 1], [1, 2, 3], 0)", ([c, x, y]) => E.where(t(c!, "condition"), t(x!, "x"), t(y!, "y")))],
  ]),
  ...inGroup("Comparisons", [
    binary("equal", E.equal, "1 where a == b, else 0", "equal([1, 2, 3], 2)"),
    binary("not_equal", E.not_equal, "1 where a != b, else 0", "not_equal([1, 2, 3], 2)"),
    binary("less", E.less, "1 where a < b, else 0", "less([1, 2, 3], 2)"),
    binary("less_equal", E.less_equal, "1 where a <= b, else 0", "less_equal([1, 2, 3], 2)"),
    binary("greater", E.greater, "1 where a > b, else 0", "greater([1, 2, 3], 2)"),
    binary("greater_equal", E.greater_equal, "1 where a >= b, else 0", "greater_equal([1, 2, 3], 2)"),
  ]),
  ...inGroup("Reductions", [
    reduction("sum", E.sum, "sum over all values or along axis", "sum([[1, 2], [3, 4]], 0)"),
    reduction("mean", E.mean, "mean over all values or along axis", "mean([[1, 2], [3, 4]], 1)"),
    reduction("max", E.max, "largest value, overall or along axis", "max([[1, 5], [7, 2]], 1)"),
    reduction("min", E.min, "smallest value, overall or along axis", "min([[1, 5], [7, 2]])"),
    reduction("logsumexp", E.logsumexp, "log Σ exp(x), computed stably", "logsumexp([1000, 1000])"),
    ["argmax", fn("argmax(x, axis?)", "index of the largest value (flattened without axis)", "argmax([[3, 9], [8, 4]], 1)", ([x, axis]) => E.argmax(t(x!, "x"), optionalAxis(axis)))],
    ["argmin", fn("argmin(x, axis?)", "index of the smallest value (flattened without axis)", "argmin([3, 1, 4])", ([x, axis]) => E.argmin(t(x!, "x"), optionalAxis(axis)))],
  ]),
  ...inGroup("Products", [
    binary("dot", E.dot, "np.dot: matrix product, inner product, or tensor product over the last axis", "dot([[1, 2], [3, 4]], [1, 1])"),
    binary("matmul", E.matmul, "np.matmul: batched matrix product", "matmul(ones([2, 2, 3]), ones([3, 4]))"),
  ]),
  ...inGroup("Shapes", [
    ["shape", fn("shape(x)", "the shape of x as a vector", "shape(ones([2, 3]))", ([x]) => { const v = t(x!, "x"); return new Tensor([v.rank], Float32Array.from(v.shape)); })],
    ["size", fn("size(x)", "the number of values in x", "size(ones([2, 3]))", ([x]) => E.scalar(t(x!, "x").size))],
    ["ndim", fn("ndim(x)", "the rank (number of axes) of x", "ndim(ones([2, 3]))", ([x]) => E.scalar(t(x!, "x").rank))],
    ["reshape", fn("reshape(x, shape)", "same values in a new shape; one dimension may be -1", "reshape(arange(6), [2, -1])", ([x, s]) => E.reshape(t(x!, "x"), asIntegerList(s!, "shape")))],
    unary("flatten", E.flatten, "the values as a 1-D vector", "flatten([[1, 2], [3, 4]])"),
    ["transpose", fn("transpose(x, perm?)", "reverse (or permute) the axes; x' also transposes", "transpose([[1, 2, 3]])", ([x, p]) => E.transpose(t(x!, "x"), p === undefined ? undefined : asIntegerList(p, "perm")))],
    ["expand_dims", fn("expand_dims(x, axis)", "insert an axis of length 1", "expand_dims([1, 2], 0)", ([x, a]) => E.expand_dims(t(x!, "x"), asInteger(a!, "axis")))],
    ["squeeze", fn("squeeze(x, axis?)", "drop axes of length 1", "squeeze(ones([1, 3, 1]))", ([x, a]) => E.squeeze(t(x!, "x"), a === undefined ? undefined : asAxis(a, "axis")))],
    ["broadcast_to", fn("broadcast_to(x, shape)", "repeat x along broadcast axes to fill shape", "broadcast_to([1, 2], [3, 2])", ([x, s]) => E.broadcastTo(t(x!, "x"), asShape(s!, "shape")))],
    ["concat", fn("concat(tensors, axis?)", "join tensors along an existing axis", "concat([ones([2]), zeros([3])])", ([xs, a]) => E.concat(tensors(xs!), a === undefined ? 0 : asInteger(a, "axis")))],
    ["stack", fn("stack(tensors, axis?)", "join equal-shaped tensors along a new axis", "stack([ones([2]), zeros([2])], 1)", ([xs, a]) => E.stack(tensors(xs!), a === undefined ? 0 : asInteger(a, "axis")))],
    ["take", fn("take(x, indices)", "rows of x at the given indices (axis 0)", "take([10, 20, 30], [2, 0])", ([x, i]) => E.take(t(x!, "x"), t(i!, "indices")))],
  ]),
  ...inGroup("Neural networks & losses", [
    ["softmax", fn("softmax(x, axis?)", "exp(x) normalized to sum to 1 along axis (default -1)", "softmax([1, 2, 3])", ([x, a]) => E.softmax(t(x!, "x"), a === undefined ? -1 : asInteger(a, "axis")))],
    ["log_softmax", fn("log_softmax(x, axis?)", "log of softmax, computed stably", "log_softmax([1, 2, 3])", ([x, a]) => E.log_softmax(t(x!, "x"), a === undefined ? -1 : asInteger(a, "axis")))],
    ["one_hot", fn("one_hot(labels, depth)", "one-hot rows for integer labels", "one_hot([0, 2], 3)", ([l, d]) => E.one_hot(t(l!, "labels"), asInteger(d!, "depth")))],
    loss("categorical_crossentropy", E.categorical_crossentropy, "Keras loss: one-hot targets vs probabilities, batch mean", "categorical_crossentropy([[0, 1]], [[0.2, 0.8]])"),
    loss("sparse_categorical_crossentropy", E.sparse_categorical_crossentropy, "Keras loss: integer labels vs probabilities, batch mean", "sparse_categorical_crossentropy([1, 0], [[0.2, 0.8], [0.6, 0.4]])"),
    loss("binary_crossentropy", E.binary_crossentropy, "Keras loss: 0/1 targets vs probabilities, mean", "binary_crossentropy([0, 1], [0.1, 0.9])"),
    loss("mse", E.mse, "mean squared error", "mse([1, 2], [1.5, 2])"),
    ["conv2d", fn("conv2d(x, kernel, options?)", "2-D convolution of x [N, H, W, C] with kernel [kh, kw, C, F]; options {strides, padding: \"valid\" | \"same\"}",
      'conv2d(ones([1, 4, 4, 1]), ones([3, 3, 1, 2]), {strides: 1, padding: "same"})',
      ([x, k, o]) => E.conv2d(t(x!, "conv2d: x"), t(k!, "conv2d: kernel"), asConvOptions(o)))],
    pool("max_pool2d", E.max_pool2d, "largest value of each size window of x [N, H, W, C]; strides default to size", "max_pool2d(reshape(arange(16), [1, 4, 4, 1]), 2)"),
    pool("avg_pool2d", E.avg_pool2d, "mean of each size window of x [N, H, W, C]; strides default to size", "avg_pool2d(reshape(arange(16), [1, 4, 4, 1]), [2, 2], 1)"),
    ["dropout", fn("dropout(x, rate)", "Keras' Dropout: in a training step, zeroes each value with probability rate and scales the rest by 1/(1 − rate); the identity when the sheet evaluates",
      "dropout(ones([2, 4]), 0.5)", ([x, r], site) => E.dropout(t(x!, "dropout: x"), asNumber(r!, "rate"), site.trainingRng()), { random: true })],
    ["accuracy", fn("accuracy(labels, scores)", "fraction of rows whose top score is the label", "accuracy([1, 0], [[0.2, 0.8], [0.3, 0.7]])", ([l, s]) => E.accuracy(t(l!, "labels"), t(s!, "scores")))],
    ["confusion_matrix", fn("confusion_matrix(labels, predicted)", "counts [k, k]: rows the true class, columns the predicted one (class indices, or the argmax of scores [N, k]); its view lists each square's examples", "confusion_matrix([0, 1, 1, 2], [[0.9, 0.1, 0], [0.2, 0.7, 0.1], [0.1, 0.2, 0.7], [0.6, 0.3, 0.1]])", ([l, p]) => E.confusion_matrix(t(l!, "labels"), t(p!, "predicted")))],
  ]),
  ...inGroup("Data", [
    ["mnist_images", special('mnist_images("train" | "test")', "MNIST digits as [N, 28, 28] pixel values in 0–255", 'mnist_images("test") / 255', [1, 1])],
    ["mnist_labels", special('mnist_labels("train" | "test")', "MNIST labels 0–9 as [N]", 'one_hot(mnist_labels("train"), 10)', [1, 1])],
    ["dataset", special('dataset("name")', "a dataset you loaded (MNIST IDX or NumPy .npy), by name", 'dataset("points")', [1, 1])],
    ["sketch", special("sketch(shape)", "a drawing pad in the cell: what you draw, as [height, width] pixels in 0–1 with MNIST's stroke width; blank (all 0) until you draw", "my_digit = sketch([28, 28])", [1, 1])],
  ]),
  ...inGroup("Training", [
    ["param", special("param(init)", "a trainable variable, initialized once from init", "w = param(glorot_uniform([2, 1]))", [1, 1])],
    ["grad", special("grad(y, x)", "gradient of sum(y) with respect to cell x", "grad(loss, w)", [2, 2], REGRESSION)],
    ["train", special("train(loss, [params], {optimizer, lr, batch, epochs, feed, metrics})", "a training run: mini-batch gradient descent",
      'train(loss, [w], {optimizer: "adam", lr: 0.1, batch: 4, epochs: 20, feed: [x, y], metrics: [loss]})', [2, 3], REGRESSION)],
  ]),
]);

export function requireFunction(name: string): SheetFunction {
  const f = FUNCTIONS.get(name);
  if (f === undefined) throw new CellError("function", `unknown function ${name}(…)${suggest(name)}`);
  return f;
}

/** "; did you mean relu?" for a misspelt built-in, or "" when nothing is close. */
export function suggest(name: string): string {
  const lower = name.toLowerCase();
  const close = [...FUNCTIONS.keys()].filter((k) => k === lower || k.replace(/_/g, "") === lower.replace(/_/g, "") || editDistance(k, lower) <= 2);
  return close.length > 0 ? `; did you mean ${close.slice(0, 3).join(", ")}?` : "";
}
