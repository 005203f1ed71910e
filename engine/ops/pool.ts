import type { WindowGeometry } from "../kernels/conv.ts";
import { kernels } from "../kernels/backend.ts";
import { avgPool, avgPoolTranspose, maxPoolWindows } from "../kernels/pool.ts";
import { checkResultShape } from "../limits.ts";
import { sizeOf } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";
import { pair, requireImages, requireWindowFits, validOut, type Pair } from "./conv.ts";
import { gatherOffsets } from "./indexing.ts";

/**
 * Keras' MaxPooling2D with valid padding on x [N, H, W, C]: the largest value of each size
 * window, stepping by strides (default: size, so windows do not overlap). The gradient goes to
 * one maximum per window (the first, on ties).
 */
export function max_pool2d(x: Tensor, size: Pair, strides?: Pair): Tensor {
  const g = poolGeometry("max_pool2d", x, size, strides);
  const { values, offsets } = maxPoolWindows(x.data, g);
  return record("max_pool2d", [g.N, g.OH, g.OW, g.C], values, [x], (dy) => [scatterToMaxima(dy, x.shape, offsets)]);
}

/**
 * max_pool2d's VJP: each dy added at its window's maximum, as index's scatter (indexing.ts) does.
 * Its own VJP gathers from the same offsets, so second derivatives flow through max pooling.
 */
function scatterToMaxima(dy: Tensor, shape: readonly number[], offsets: Int32Array): Tensor {
  return record("scatter_add", shape, kernels.scatterAddAt(dy.data, sizeOf(shape), offsets), [dy],
    (dd) => [gatherOffsets("index", dd, dy.shape, offsets)]);
}

/** Keras' AveragePooling2D with valid padding: the mean of each window. */
export function avg_pool2d(x: Tensor, size: Pair, strides?: Pair): Tensor {
  return averageWindows(x, poolGeometry("avg_pool2d", x, size, strides));
}

// Average pooling and its transpose are each other's VJPs (both linear).
function averageWindows(x: Tensor, g: WindowGeometry): Tensor {
  return record("avg_pool2d", [g.N, g.OH, g.OW, g.C], avgPool(x.data, g), [x], (dy) => [spreadWindows(dy, g)]);
}

function spreadWindows(dy: Tensor, g: WindowGeometry): Tensor {
  return record("avg_pool2d_grad", [g.N, g.H, g.W, g.C], avgPoolTranspose(dy.data, g), [dy], (dz) => [averageWindows(dz, g)]);
}

function poolGeometry(op: string, x: Tensor, size: Pair, strides: Pair | undefined): WindowGeometry {
  requireImages(op, x);
  const [kh, kw] = pair(op, "size", size);
  const [sh, sw] = pair(op, "strides", strides ?? size);
  requireWindowFits(op, x, kh, kw, "window");
  const [N, H, W, C] = x.shape as [number, number, number, number];
  const g = { N, H, W, C, kh, kw, sh, sw, padTop: 0, padLeft: 0, OH: validOut(H, kh, sh), OW: validOut(W, kw, sw) };
  checkResultShape(op, [N, g.OH, g.OW, C]);
  return g;
}
