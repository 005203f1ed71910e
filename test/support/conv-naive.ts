import { Tensor } from "../../engine/tensor.ts";

// Direct loops over every output and window element, written from the refcases README's
// definitions (NHWC, kernels [kh, kw, C, F], TensorFlow "same" padding), for checking the
// im2col + gemm kernels. float64 sums.

export interface NaiveConvOptions {
  readonly strides: [number, number];
  readonly padding: "valid" | "same";
}

export function naiveConv2d(x: Tensor, k: Tensor, { strides: [sh, sw], padding }: NaiveConvOptions): Tensor {
  const [N, H, W, C] = x.shape as number[] as [number, number, number, number];
  const [kh, kw, , F] = k.shape as number[] as [number, number, number, number];
  const same = padding === "same";
  const OH = same ? Math.ceil(H / sh) : Math.floor((H - kh) / sh) + 1;
  const OW = same ? Math.ceil(W / sw) : Math.floor((W - kw) / sw) + 1;
  const pt = same ? Math.floor(Math.max((OH - 1) * sh + kh - H, 0) / 2) : 0;
  const pl = same ? Math.floor(Math.max((OW - 1) * sw + kw - W, 0) / 2) : 0;
  const out = new Float32Array(N * OH * OW * F);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let f = 0; f < F; f++) {
    let s = 0;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const ih = oh * sh - pt + i;
      const iw = ow * sw - pl + j;
      if (ih < 0 || ih >= H || iw < 0 || iw >= W) continue;
      for (let c = 0; c < C; c++) s += x.data[((n * H + ih) * W + iw) * C + c]! * k.data[((i * kw + j) * C + c) * F + f]!;
    }
    out[((n * OH + oh) * OW + ow) * F + f] = s;
  }
  return new Tensor([N, OH, OW, F], out);
}

export function naivePool2d(kind: "max" | "avg", x: Tensor, [kh, kw]: [number, number], [sh, sw]: [number, number]): Tensor {
  const [N, H, W, C] = x.shape as number[] as [number, number, number, number];
  const OH = Math.floor((H - kh) / sh) + 1;
  const OW = Math.floor((W - kw) / sw) + 1;
  const out = new Float32Array(N * OH * OW * C);
  for (let n = 0; n < N; n++) for (let oh = 0; oh < OH; oh++) for (let ow = 0; ow < OW; ow++) for (let c = 0; c < C; c++) {
    let acc = kind === "max" ? -Infinity : 0;
    for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) {
      const v = x.data[((n * H + oh * sh + i) * W + ow * sw + j) * C + c]!;
      acc = kind === "max" ? Math.max(acc, v) : acc + v;
    }
    out[((n * OH + oh) * OW + ow) * C + c] = kind === "max" ? acc : acc / (kh * kw);
  }
  return new Tensor([N, OH, OW, C], out);
}

/** Largest |a − b| / (1 + |b|) over two equal-shaped tensors (Infinity when shapes differ). */
export function maxRelativeError(a: Tensor, b: Tensor): number {
  if (a.shape.join() !== b.shape.join()) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.size; i++) worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!) / (1 + Math.abs(b.data[i]!)));
  return worst;
}
