import { ArgumentError, ShapeError, formatShape } from "../errors.ts";
import { conv2dForward, conv2dInputGrad, conv2dKernelGrad, type ConvGeometry } from "../kernels/conv.ts";
import { checkResultShape } from "../limits.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";

/** A window size or stride: one integer for both axes, or [rows, columns]. */
export type Pair = number | readonly [number, number];

export type Padding = "valid" | "same";

export interface Conv2dOptions {
  /** Default 1. */
  readonly strides?: Pair;
  /** "valid" (default): windows inside the input; "same": TensorFlow's zero padding, out = ceil(in / stride). */
  readonly padding?: Padding;
}

/**
 * Keras' Conv2D without bias: x [N, H, W, C] and kernel [kh, kw, C, F] → [N, H', W', F] (a
 * cross-correlation, as in every framework). The three ops below are each other's VJPs (all
 * linear in each input), so second derivatives flow through convolutions too:
 *   y = conv(x, k)        → dx = convInputGrad(dy, k),  dk = convKernelGrad(x, dy)
 *   z = convInputGrad(d, k) → dd = conv(dz, k),        dk = convKernelGrad(dz, d)
 *   w = convKernelGrad(x, d) → dx = convInputGrad(d, dw), dd = conv(x, dw)
 */
export function conv2d(x: Tensor, kernel: Tensor, options: Conv2dOptions = {}): Tensor {
  return convolve(x, kernel, convGeometry(x, kernel, options));
}

function convolve(x: Tensor, k: Tensor, g: ConvGeometry): Tensor {
  const shape = [g.N, g.OH, g.OW, g.F];
  checkResultShape("conv2d", shape);
  return record("conv2d", shape, conv2dForward(x.data, k.data, g), [x, k], (dy, needs) => [
    needs[0] ? convInputGrad(dy, k, g) : null,
    needs[1] ? convKernelGrad(x, dy, g) : null,
  ]);
}

function convInputGrad(dy: Tensor, k: Tensor, g: ConvGeometry): Tensor {
  return record("conv2d_input_grad", [g.N, g.H, g.W, g.C], conv2dInputGrad(dy.data, k.data, g), [dy, k], (dz, needs) => [
    needs[0] ? convolve(dz, k, g) : null,
    needs[1] ? convKernelGrad(dz, dy, g) : null,
  ]);
}

function convKernelGrad(x: Tensor, dy: Tensor, g: ConvGeometry): Tensor {
  return record("conv2d_kernel_grad", [g.kh, g.kw, g.C, g.F], conv2dKernelGrad(x.data, dy.data, g), [x, dy], (dw, needs) => [
    needs[0] ? convInputGrad(dy, dw, g) : null,
    needs[1] ? convolve(x, dw, g) : null,
  ]);
}

/** Checks the operands and options and works out where every window falls. */
function convGeometry(x: Tensor, kernel: Tensor, options: Conv2dOptions): ConvGeometry {
  requireImages("conv2d", x);
  if (kernel.rank !== 4) {
    throw new ShapeError("conv2d", [x.shape, kernel.shape], `conv2d: kernel must be [kh, kw, C, F], got ${formatShape(kernel.shape)}`);
  }
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const [kh, kw, kc, F] = kernel.shape as [number, number, number, number];
  if (kc !== C) {
    throw new ShapeError("conv2d", [x.shape, kernel.shape],
      `conv2d: kernel ${formatShape(kernel.shape)} has ${kc} input channel${kc === 1 ? "" : "s"} but x ${formatShape(x.shape)} has ${C}`);
  }
  if (kh < 1 || kw < 1) throw new ShapeError("conv2d", [kernel.shape], `conv2d: kernel ${formatShape(kernel.shape)} has an empty window`);
  const [sh, sw] = pair("conv2d", "strides", options.strides ?? 1);
  const padding = options.padding ?? "valid";
  if (padding !== "valid" && padding !== "same") {
    throw new ArgumentError("conv2d", `padding must be "valid" or "same", got ${JSON.stringify(padding)}`);
  }
  if (padding === "valid") {
    requireWindowFits("conv2d", x, kh, kw, "kernel");
    return { N, H, W, C, kh, kw, sh, sw, F, padTop: 0, padLeft: 0, OH: validOut(H, kh, sh), OW: validOut(W, kw, sw) };
  }
  const OH = Math.ceil(H / sh);
  const OW = Math.ceil(W / sw);
  return { N, H, W, C, kh, kw, sh, sw, F, padTop: padBefore(H, OH, kh, sh), padLeft: padBefore(W, OW, kw, sw), OH, OW };
}

/** TensorFlow's "same": total = max((out − 1)·s + k − in, 0), the smaller half before. */
function padBefore(size: number, out: number, k: number, s: number): number {
  return Math.floor(Math.max((out - 1) * s + k - size, 0) / 2);
}

export function validOut(size: number, k: number, s: number): number {
  return Math.floor((size - k) / s) + 1;
}

export function requireImages(op: string, x: Tensor): void {
  if (x.rank !== 4) {
    throw new ShapeError(op, [x.shape], `${op}: x must be [N, H, W, C] (a batch of images with channels last), got ${formatShape(x.shape)}` +
      (x.rank === 2 || x.rank === 3 ? `; reshape it, e.g. reshape(x, [${x.rank === 2 ? "1, " : ""}${x.shape.join(", ")}, 1])` : ""));
  }
}

/** Valid padding needs every window inside the input. */
export function requireWindowFits(op: string, x: Tensor, kh: number, kw: number, what: string): void {
  const [, H, W] = x.shape as [number, number, number, number];
  if (kh > H || kw > W) {
    throw new ShapeError(op, [x.shape], `${op}: the ${kh}×${kw} ${what} is larger than the ${H}×${W} images of x ${formatShape(x.shape)}` +
      (op === "conv2d" ? `; use padding: "same"` : ""));
  }
}

/** An integer ≥ 1 or a pair of them, for both image axes. */
export function pair(op: string, what: string, v: Pair): [number, number] {
  const p: readonly number[] = typeof v === "number" ? [v, v] : v;
  if (p.length !== 2 || !p.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new ArgumentError(op, `${what} must be a whole number ≥ 1 or a pair of them such as [2, 2], got ${typeof v === "number" ? v : `[${v.join(", ")}]`}`);
  }
  return [p[0]!, p[1]!];
}
