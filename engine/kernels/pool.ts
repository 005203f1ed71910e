/**
 * Pooling loops on NHWC tensors over windows that lie inside the input (valid padding). Max
 * pooling only finds where each window's maximum is; the op gathers from those offsets, so its
 * gradient is the existing scatter. Average pooling and its transpose are the loops below.
 */
import { allocate, allocateUnset } from "../buffers.ts";
import type { WindowGeometry } from "./conv.ts";

type Data = Readonly<Float32Array>;

/**
 * For each output element, the flat offset in x of its window's maximum: the first one in
 * row-major window order when values tie, so the gradient goes to exactly one of them. A NaN in
 * a window is its maximum, as in NumPy's max.
 */
export function maxPoolOffsets(x: Data, g: WindowGeometry): Int32Array {
  const { N, H, W, C, kh, kw, sh, sw, OH, OW } = g;
  const out = new Int32Array(N * OH * OW * C);
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const corner = ((n * H + oh * sh) * W + ow * sw) * C;
        for (let c = 0; c < C; c++, o++) {
          let best = corner + c;
          let bestValue = x[best]!;
          for (let i = 0; i < kh; i++) {
            for (let j = 0, at = corner + (i * W) * C + c; j < kw; j++, at += C) {
              const v = x[at]!;
              if (v > bestValue || (v !== v && bestValue === bestValue)) { best = at; bestValue = v; }
            }
          }
          out[o] = best;
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
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const corner = ((n * H + oh * sh) * W + ow * sw) * C;
        for (let c = 0; c < C; c++, o++) {
          let s = 0;
          for (let i = 0; i < kh; i++) {
            for (let j = 0, at = corner + (i * W) * C + c; j < kw; j++, at += C) s += x[at]!;
          }
          y[o] = s / area;
        }
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
  let o = 0;
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      for (let ow = 0; ow < OW; ow++) {
        const corner = ((n * H + oh * sh) * W + ow * sw) * C;
        for (let c = 0; c < C; c++, o++) {
          const share = dy[o]! / area;
          for (let i = 0; i < kh; i++) {
            for (let j = 0, at = corner + (i * W) * C + c; j < kw; j++, at += C) dx[at] = dx[at]! + share;
          }
        }
      }
    }
  }
  return dx;
}
