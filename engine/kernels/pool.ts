/**
 * Pooling loops on NHWC tensors over windows that lie inside the input (valid padding). Max
 * pooling finds each window's maximum and where it is; the op's gradient scatters to those
 * offsets. Average pooling and its transpose are the loops below.
 */
import { allocate, allocateUnset } from "../buffers.ts";
import type { WindowGeometry } from "./conv.ts";
import { offsetsBuffer, wasmMaxPool } from "./wasm/window-wasm.ts";

type Data = Readonly<Float32Array>;

/** A max pool's result and, for each of its elements, the flat offset in x it came from. */
export interface MaxPoolWindows {
  readonly values: Float32Array;
  readonly offsets: Int32Array;
}

/**
 * Each window's maximum and its flat offset in x: the first one in row-major window order when
 * values tie, so the gradient goes to exactly one of them. A NaN in a window is its maximum, as
 * in NumPy's max.
 */
export function maxPoolWindows(x: Data, g: WindowGeometry): MaxPoolWindows {
  const fast = wasmMaxPool(x, g);
  if (fast !== null) return fast;
  const offsets = maxPoolOffsetsJs(x, g);
  const values = allocateUnset(offsets.length);
  for (let i = 0; i < offsets.length; i++) values[i] = x[offsets[i]!]!;
  return { values, offsets };
}

/** The offsets of maxPoolWindows in JavaScript: the specification, and the path without WebAssembly SIMD. */
export function maxPoolOffsetsJs(x: Data, g: WindowGeometry): Int32Array {
  const { N, H, W, C, kh, kw, sh, sw, OH, OW } = g;
  const out = offsetsBuffer(N * OH * OW * C);
  // Channels innermost: every window row is read as contiguous runs of C values.
  const best = new Float32Array(C);
  for (let n = 0, o = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o += C) {
        const corner = ((n * H + oh * sh) * W + ow * sw) * C;
        for (let c = 0; c < C; c++) { out[o + c] = corner + c; best[c] = x[corner + c]!; }
        for (let i = 0; i < kh; i++) {
          for (let j = i === 0 ? 1 : 0; j < kw; j++) {
            const at = corner + (i * W + j) * C;
            for (let c = 0; c < C; c++) {
              const v = x[at + c]!;
              const b = best[c]!;
              if (v > b || (v !== v && b === b)) { out[o + c] = at + c; best[c] = v; }
            }
          }
        }
      }
    }
  }
  return out;
}

/** y[N, OH, OW, C]: the mean of each window. */
export function avgPool(x: Data, g: WindowGeometry): Float32Array {
  const { N, H, W, C, kh, kw, sh, sw, OH, OW } = g;
  const y = allocateUnset(N * OH * OW * C);
  const area = kh * kw;
  // float64 sums, one per channel, so the mean rounds to float32 once.
  const sums = new Float64Array(C);
  for (let n = 0, o = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o += C) {
        const corner = ((n * H + oh * sh) * W + ow * sw) * C;
        sums.fill(0);
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const at = corner + (i * W + j) * C;
            for (let c = 0; c < C; c++) sums[c] = sums[c]! + x[at + c]!;
          }
        }
        for (let c = 0; c < C; c++) y[o + c] = sums[c]! / area;
      }
    }
  }
  return y;
}

/** avgPool's transpose: each output's dy spread evenly over its window, overlaps adding. */
export function avgPoolTranspose(dy: Data, g: WindowGeometry): Float32Array {
  const { N, H, W, C, kh, kw, sh, sw, OH, OW } = g;
  const dx = allocate(N * H * W * C);
  const area = kh * kw;
  for (let n = 0, o = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++, o += C) {
        const corner = ((n * H + oh * sh) * W + ow * sw) * C;
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const at = corner + (i * W + j) * C;
            for (let c = 0; c < C; c++) dx[at + c] = dx[at + c]! + dy[o + c]! / area;
          }
        }
      }
    }
  }
  return dx;
}
