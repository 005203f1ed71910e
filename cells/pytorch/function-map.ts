import type { Expr } from "../language/ast.ts";

// Every sheet function (cells/language/functions.ts, FUNCTIONS) and the PyTorch it becomes.
// NumPy/Keras semantics are kept: float32 results everywhere (comparisons and argmax give 0/1 and
// indices as floats, as in the sheet), helpers where torch differs (see helpers.ts).

/** One argument of a call: its sheet expression and how the translator reads it in Python. */
export interface ArgIn {
  readonly expr: Expr;
  readonly code: string;
  /** Python operator precedence of `code`: 6 for atoms (names, calls, literals). */
  readonly prec: number;
  readonly kind: PyKind;
  /** The items of a list (`[a, b]` of cells), kept apart until something needs one tensor. */
  readonly items?: readonly ArgIn[];
  /** The entries of an options object (`{strides: 2, padding: "same"}`). */
  readonly entries?: ReadonlyMap<string, ArgIn>;
}

export type PyKind = "tensor" | "number" | "list" | "string" | "boolean" | "options";

/** What a translation may ask of the expression writer. */
export interface CallWriter {
  use(helper: string): void;
  /** The argument as a tensor: numbers become torch.tensor(v), lists are stacked. */
  tensor(a: ArgIn): string;
  /** The argument as a tensor, parenthesized when a suffix such as .long() follows it. */
  atom(a: ArgIn): string;
  int(a: ArgIn, what: string): string;
  number(a: ArgIn, what: string): string;
  /** A shape or list of integers: `[2, 3]` when written out, else ints(value). */
  ints(a: ArgIn, what: string): string;
  /** One axis or a tuple of axes. */
  axis(a: ArgIn): string;
  bool(a: ArgIn, what: string): string;
  /** An integer or a pair of them (window sizes and strides). */
  pair(a: ArgIn, what: string): string;
  /** A Python list of tensors (concat, stack). */
  tensorList(a: ArgIn): string;
}

export type Translation =
  | { readonly kind: "call"; readonly write: (args: readonly ArgIn[], w: CallWriter) => string }
  /** rand, randn, glorot_uniform, he_normal: the sheet's drawn values are embedded, never redrawn. */
  | { readonly kind: "embedded" }
  /** param, grad, train and the datasets: written by the expression and script writers. */
  | { readonly kind: "special" };

const call = (write: (args: readonly ArgIn[], w: CallWriter) => string): Translation => ({ kind: "call", write });
const unary = (fn: string): Translation => call(([x], w) => `${fn}(${w.tensor(x!)})`);
const binary = (fn: string): Translation => call(([a, b], w) => `${fn}(${w.tensor(a!)}, ${w.tensor(b!)})`);
const compare = (op: string): Translation => call(([a, b], w) => `(${w.tensor(a!)} ${op} ${w.tensor(b!)}).float()`);
const helper = (name: string, arity: number): Translation =>
  call((args, w) => {
    w.use(name);
    return `${name}(${args.slice(0, arity).map((a) => w.tensor(a)).join(", ")})`;
  });

/** sum/mean/max/min: torch's reductions over every value, or over `dim` keeping dims as asked. */
function reduction(all: string, along: string): Translation {
  return call(([x, axis, keep], w) => {
    const t = w.tensor(x!);
    if (axis === undefined) return `${all}(${t})`;
    return `${along}(${t}, dim=${w.axis(axis)}${keep ? `, keepdim=${w.bool(keep, "keepdims")}` : ""})`;
  });
}

const F32 = "dtype=torch.float32";

export const PYTORCH_FUNCTIONS: Readonly<Record<string, Translation>> = {
  // Creation
  zeros: call(([s], w) => `torch.zeros(${w.ints(s!, "shape")})`),
  ones: call(([s], w) => `torch.ones(${w.ints(s!, "shape")})`),
  full: call(([s, v], w) => `torch.full(${w.ints(s!, "shape")}, ${w.number(v!, "value")})`),
  eye: call(([n, m], w) => `torch.eye(${w.int(n!, "n")}${m ? `, ${w.int(m, "m")}` : ""})`),
  arange: call(([a, b, s], w) => {
    const [start, stop] = b === undefined ? ["0.0", w.number(a!, "stop")] : [w.number(a!, "start"), w.number(b, "stop")];
    return `torch.arange(${start}, ${stop}, ${s ? w.number(s, "step") : "1.0"}, ${F32})`;
  }),
  linspace: call(([a, b, n], w) => {
    w.use("linspace");
    return `linspace(${w.number(a!, "start")}, ${w.number(b!, "stop")}${n ? `, ${w.int(n, "num")}` : ""})`;
  }),
  rand: { kind: "embedded" },
  randn: { kind: "embedded" },
  glorot_uniform: { kind: "embedded" },
  he_normal: { kind: "embedded" },
  // Element-wise
  abs: unary("torch.abs"),
  neg: unary("torch.neg"),
  sign: unary("torch.sign"),
  square: unary("torch.square"),
  sqrt: unary("torch.sqrt"),
  exp: unary("torch.exp"),
  log: unary("torch.log"),
  sin: unary("torch.sin"),
  cos: unary("torch.cos"),
  tanh: unary("torch.tanh"),
  sigmoid: unary("torch.sigmoid"),
  relu: unary("torch.relu"),
  add: binary("torch.add"),
  subtract: binary("torch.sub"),
  multiply: binary("torch.mul"),
  divide: binary("torch.div"),
  pow: binary("torch.pow"),
  // Ties split the gradient evenly, in torch as in the sheet.
  maximum: binary("torch.maximum"),
  minimum: binary("torch.minimum"),
  // torch.clamp passes the gradient where lo <= x <= hi, boundaries included, as the sheet does.
  clip: call(([x, lo, hi], w) => `torch.clamp(${w.tensor(x!)}, ${w.number(lo!, "lo")}, ${w.number(hi!, "hi")})`),
  where: call(([c, x, y], w) => `torch.where(${w.tensor(c!)} != 0, ${w.tensor(x!)}, ${w.tensor(y!)})`),
  // Comparisons
  equal: compare("=="),
  not_equal: compare("!="),
  less: compare("<"),
  less_equal: compare("<="),
  greater: compare(">"),
  greater_equal: compare(">="),
  // Reductions (amax/amin share the gradient among ties, as the sheet does)
  sum: reduction("torch.sum", "torch.sum"),
  mean: reduction("torch.mean", "torch.mean"),
  max: reduction("torch.max", "torch.amax"),
  min: reduction("torch.min", "torch.amin"),
  logsumexp: call(([x, axis, keep], w) => {
    w.use("logsumexp");
    return `logsumexp(${w.tensor(x!)}${axis ? `, ${w.axis(axis)}` : ""}${keep ? `, ${w.bool(keep, "keepdims")}` : ""})`;
  }),
  argmax: call(([x, axis], w) => `torch.argmax(${w.tensor(x!)}${axis ? `, ${w.int(axis, "axis")}` : ""}).float()`),
  argmin: call(([x, axis], w) => `torch.argmin(${w.tensor(x!)}${axis ? `, ${w.int(axis, "axis")}` : ""}).float()`),
  // Products
  dot: helper("dot", 2),
  matmul: binary("torch.matmul"),
  // Shapes
  shape: call(([x], w) => `torch.tensor(${w.atom(x!)}.shape, ${F32})`),
  size: call(([x], w) => `torch.tensor(float(${w.atom(x!)}.numel()))`),
  ndim: call(([x], w) => `torch.tensor(float(${w.atom(x!)}.dim()))`),
  reshape: call(([x, s], w) => `torch.reshape(${w.tensor(x!)}, ${w.ints(s!, "shape")})`),
  flatten: unary("torch.flatten"),
  transpose: call(([x, p], w) => {
    w.use("transpose");
    return `transpose(${w.tensor(x!)}${p ? `, ${w.ints(p, "perm")}` : ""})`;
  }),
  expand_dims: call(([x, a], w) => `torch.unsqueeze(${w.tensor(x!)}, ${w.int(a!, "axis")})`),
  squeeze: call(([x, a], w) => {
    if (a === undefined) return `torch.squeeze(${w.tensor(x!)})`;
    const axis = w.axis(a);
    if (/^-?\d+$/.test(axis)) return `torch.squeeze(${w.tensor(x!)}, ${axis})`;
    w.use("squeeze");
    return `squeeze(${w.tensor(x!)}, ${axis})`;
  }),
  broadcast_to: call(([x, s], w) => `torch.broadcast_to(${w.tensor(x!)}, ${w.ints(s!, "shape")})`),
  concat: call(([xs, a], w) => `torch.cat(${w.tensorList(xs!)}${a ? `, ${w.int(a, "axis")}` : ""})`),
  stack: call(([xs, a], w) => `torch.stack(${w.tensorList(xs!)}${a ? `, ${w.int(a, "axis")}` : ""})`),
  take: call(([x, i], w) => `${w.atom(x!)}[${w.atom(i!)}.long()]`),
  // Neural networks & losses
  softmax: call(([x, a], w) => `torch.softmax(${w.tensor(x!)}, ${a ? w.int(a, "axis") : "-1"})`),
  log_softmax: call(([x, a], w) => `torch.log_softmax(${w.tensor(x!)}, ${a ? w.int(a, "axis") : "-1"})`),
  one_hot: call(([l, d], w) => `F.one_hot(${w.atom(l!)}.long(), ${w.int(d!, "depth")}).float()`),
  categorical_crossentropy: helper("categorical_crossentropy", 2),
  sparse_categorical_crossentropy: helper("sparse_categorical_crossentropy", 2),
  binary_crossentropy: helper("binary_crossentropy", 2),
  mse: call(([y, p], w) => `F.mse_loss(${w.tensor(p!)}, ${w.tensor(y!)})`),
  accuracy: helper("accuracy", 2),
  // Rows the true class, columns the predicted one; scores [N, k] predict their argmax, indices [N] themselves.
  confusion_matrix: call(([l, p], w) =>
    `(lambda y, p: (lambda q, k: torch.bincount(y * k + q, minlength=k * k).reshape(k, k).float())` +
    `(p.argmax(-1) if p.dim() == 2 else p.long(), p.shape[-1] if p.dim() == 2 else int(torch.cat([y, p.long()]).max()) + 1))` +
    `(${w.atom(l!)}.long(), ${w.tensor(p!)})`),
  // Random only inside a training step (the identity when the sheet evaluates), so not embedded.
  dropout: call(([x, rate], w) => {
    w.use("dropout");
    return `dropout(${w.tensor(x!)}, ${w.number(rate!, "rate")})`;
  }),
  // NHWC with Keras kernels [kh, kw, C, F] and TensorFlow's "same" padding: helpers around torch's NCHW ops.
  conv2d: call(([x, k, options], w) => {
    w.use("conv2d");
    const strides = options?.entries?.get("strides");
    const padding = options?.entries?.get("padding");
    const extra = [...(strides ? [`strides=${w.pair(strides, "strides")}`] : []), ...(padding ? [`padding=${padding.code}`] : [])];
    return `conv2d(${[w.tensor(x!), w.tensor(k!), ...extra].join(", ")})`;
  }),
  max_pool2d: call(([x, size, strides], w) => {
    w.use("max_pool2d");
    return `max_pool2d(${w.tensor(x!)}, ${w.pair(size!, "size")}${strides ? `, ${w.pair(strides, "strides")}` : ""})`;
  }),
  avg_pool2d: call(([x, size, strides], w) => {
    w.use("avg_pool2d");
    return `avg_pool2d(${w.tensor(x!)}, ${w.pair(size!, "size")}${strides ? `, ${w.pair(strides, "strides")}` : ""})`;
  }),
  // Data and training
  mnist_images: { kind: "special" },
  mnist_labels: { kind: "special" },
  dataset: { kind: "special" },
  sketch: { kind: "special" },
  param: { kind: "special" },
  grad: { kind: "special" },
  train: { kind: "special" },
};
