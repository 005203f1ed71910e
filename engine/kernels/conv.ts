/**
 * Convolution loops on NHWC tensors with [kh, kw, C, F] kernels, as im2col + gemm.
 *
 * im2col lays out, for each output position p = (n, oh, ow), the kh·kw·C input values its window
 * reads (zeros where the window hangs over the padding) as row p of a [positions, K] matrix,
 * K = kh·kw·C, in the kernel's own (i, j, c) order. The kernel is then already the [K, F] matrix,
 * and the three products of a convolution are plain gemms:
 *   forward     y[P, F]  = cols · k
 *   kernel grad dk[K, F] = colsᵀ · dy
 *   input grad  dcols[P, K] = dy · kᵀ, scattered back through the windows (col2im).
 *
 * Memory: cols is one module-level scratch, reused by every call and never larger than
 * COLS_CAP_BYTES. A convolution whose cols would exceed it runs in chunks of output positions
 * (whole images or part of one), so memory stays bounded whatever the batch. When a product runs
 * on the WebAssembly kernel, im2col writes the chunk's cols straight into the kernel's memory
 * instead (gemmFrom), which saves copying them there; the same chunking bounds that memory. 1×1
 * kernels with stride 1 need no im2col at all: x is its own cols.
 */
import { allocate, allocateUnset } from "../buffers.ts";
import { checkInterrupt } from "../interrupt.ts";
import { copyCTo, gemm, gemmFrom, type ReadC, type WriteA } from "./matmul.ts";
import { wasmCol2imAdd } from "./wasm/window-wasm.ts";

type Data = Readonly<Float32Array>;

/** Where the windows of a convolution or pooling fall on an [N, H, W, C] input. */
export interface WindowGeometry {
  readonly N: number;
  readonly H: number;
  readonly W: number;
  readonly C: number;
  readonly kh: number;
  readonly kw: number;
  readonly sh: number;
  readonly sw: number;
  /** Rows (columns) of zeros before the input; the rest of the padding is after it. */
  readonly padTop: number;
  readonly padLeft: number;
  readonly OH: number;
  readonly OW: number;
}

/** A convolution's windows and its F output channels. */
export interface ConvGeometry extends WindowGeometry {
  readonly F: number;
}

/** 32 MiB of float32 im2col rows at most, whatever the batch (see the header). */
export const COLS_CAP_BYTES = 32 * 1024 * 1024;
const COLS_CAP = COLS_CAP_BYTES / 4;

/** The im2col scratch, grown on demand up to COLS_CAP floats and reused by every call. */
let cols = new Float32Array(0);
/** One chunk's kernel gradient, added into the total when a convolution runs in chunks. */
let kernelPart = new Float32Array(0);

/** Bytes the im2col scratch holds now (the memory test checks it stays within the cap). */
export function colsScratchBytes(): number {
  return cols.byteLength;
}

/** Drops the scratch buffers (for the garbage collector) when idle after large work; the next convolution regrows them. */
export function releaseColsScratch(): void {
  cols = new Float32Array(0);
  kernelPart = new Float32Array(0);
}

function colsScratch(n: number): Float32Array {
  if (cols.length < n) cols = new Float32Array(n);
  return cols;
}

/** x is its own cols: each output position reads exactly one input pixel's C values. */
function isPointwise(g: WindowGeometry): boolean {
  return g.kh === 1 && g.kw === 1 && g.sh === 1 && g.sw === 1 && g.padTop === 0 && g.padLeft === 0;
}

/**
 * Output positions per chunk: as many as fit the cap (at least one) counting each position's
 * row of cols (K floats) and its F output channels, which a product's other operand or result
 * holds per position (y, dy, dcols). With K alone a first layer (K = 9, F = 32) took chunks of
 * 932k positions, and the WebAssembly kernel's memory held their 119 MB of y besides the cols.
 */
function chunkPositions(g: ConvGeometry): number {
  const K = g.kh * g.kw * g.C;
  return Math.max(1, Math.floor(COLS_CAP / Math.max(K + g.F, 1)));
}

/** Window rows of at least this many floats are copied with `set` (measured crossover ~16). */
const COPY_MIN = 16;

/**
 * Rows [p0, p0 + count) of cols, written into `out` from `outOff`. In NHWC a window row's kw pixels
 * are kw·C adjacent values, so a window row inside the image is one contiguous copy; only
 * window rows that overhang the left or right edge go pixel by pixel.
 */
export function im2col(x: Data, g: WindowGeometry, p0: number, count: number, out: Float32Array, outOff = 0): void {
  const { H, W, C, kh, kw, sh, sw, padTop, padLeft, OH, OW } = g;
  const run = kw * C;
  if (run < COPY_MIN && padLeft === 0 && (OW - 1) * sw + kw <= W) {
    im2colNarrow(x, g, p0, count, out, outOff);
    return;
  }
  const K = kh * run;
  const perImage = OH * OW;
  let n = Math.floor(p0 / perImage);
  let oh = Math.floor((p0 % perImage) / OW);
  let ow = p0 % OW;
  for (let r = 0; r < count; r++) {
    const top = oh * sh - padTop;
    const left = ow * sw - padLeft;
    const inside = left >= 0 && left + kw <= W;
    for (let i = 0, dst = outOff + r * K; i < kh; i++, dst += run) {
      const ih = top + i;
      if (ih < 0 || ih >= H) {
        out.fill(0, dst, dst + run);
      } else if (inside) {
        const src = ((n * H + ih) * W + left) * C;
        // A native copy beats the element loop ~3× on long runs (96 floats: 3×3×32); short ones
        // (the first layer's 3 grey pixels) don't pay for making the subarray view.
        if (run >= COPY_MIN) out.set(x.subarray(src, src + run), dst);
        else for (let t = 0; t < run; t++) out[dst + t] = x[src + t]!;
      } else {
        for (let j = 0; j < kw; j++) {
          const iw = left + j;
          const d = dst + j * C;
          if (iw < 0 || iw >= W) {
            out.fill(0, d, d + C);
            continue;
          }
          const src = ((n * H + ih) * W + iw) * C;
          for (let c = 0; c < C; c++) out[d + c] = x[src + c]!;
        }
      }
    }
    if (++ow === OW) {
      ow = 0;
      if (++oh === OH) { oh = 0; n++; }
    }
  }
}

/**
 * im2col for short window rows (the first layer's C = 1: three pixels) with every window inside
 * the image horizontally. Per window element (i, j, c) one loop along an output row writes
 * that element for all of the row's positions: the per-position bookkeeping of im2col would
 * otherwise cost more than the three-value copies (0.8 → ~0.3 ms on a [64, 28, 28, 1] batch).
 */
function im2colNarrow(x: Data, g: WindowGeometry, p0: number, count: number, out: Float32Array, outOff: number): void {
  const { H, W, C, kh, kw, sh, sw, padTop, OH, OW } = g;
  const K = kh * kw * C;
  const xStep = sw * C;
  for (let p = p0, end = p0 + count; p < end;) {
    const row = Math.floor(p / OW);
    const ow0 = p - row * OW;
    const ow1 = Math.min(OW, ow0 + end - p);
    const n = Math.floor(row / OH);
    const ih0 = (row - n * OH) * sh - padTop;
    const dst0 = outOff + (p - p0) * K - ow0 * K;
    for (let i = 0; i < kh; i++) {
      const ih = ih0 + i;
      const rowInside = ih >= 0 && ih < H;
      for (let e = 0; e < kw * C; e++) {
        const d = dst0 + i * kw * C + e;
        if (!rowInside) {
          for (let ow = ow0; ow < ow1; ow++) out[d + ow * K] = 0;
          continue;
        }
        // Element e of the window row is pixel j = e / C, channel e % C: offset e from the window's left pixel.
        const src = (n * H + ih) * W * C + e;
        for (let ow = ow0; ow < ow1; ow++) out[d + ow * K] = x[src + ow * xStep]!;
      }
    }
    p += ow1 - ow0;
  }
}

/** col2im: rows [p0, p0 + count) of dcols added back into dx at the pixels their windows read. */
export function col2imAdd(dcols: Data, g: WindowGeometry, p0: number, count: number, dx: Float32Array): void {
  const { H, W, C, kh, kw, sh, sw, padTop, padLeft, OH, OW } = g;
  const run = kw * C;
  const K = kh * run;
  const perImage = OH * OW;
  let n = Math.floor(p0 / perImage);
  let oh = Math.floor((p0 % perImage) / OW);
  let ow = p0 % OW;
  for (let r = 0; r < count; r++) {
    const top = oh * sh - padTop;
    const left = ow * sw - padLeft;
    const inside = left >= 0 && left + kw <= W;
    for (let i = 0, src = r * K; i < kh; i++, src += run) {
      const ih = top + i;
      if (ih < 0 || ih >= H) continue;
      if (inside) {
        const dst = ((n * H + ih) * W + left) * C;
        for (let t = 0; t < run; t++) dx[dst + t] = dx[dst + t]! + dcols[src + t]!;
        continue;
      }
      for (let j = 0; j < kw; j++) {
        const iw = left + j;
        if (iw < 0 || iw >= W) continue;
        const s = src + j * C;
        const dst = ((n * H + ih) * W + iw) * C;
        for (let c = 0; c < C; c++) dx[dst + c] = dx[dst + c]! + dcols[s + c]!;
      }
    }
    if (++ow === OW) {
      ow = 0;
      if (++oh === OH) { oh = 0; n++; }
    }
  }
}

/** Each chunk of output positions [p0, p0 + count), in order, polling for interrupts between. */
function forEachChunk(g: ConvGeometry, body: (p0: number, count: number) => void): void {
  const total = g.N * g.OH * g.OW;
  const step = isPointwise(g) ? total : chunkPositions(g);
  for (let p0 = 0; p0 < total; p0 += step) {
    checkInterrupt();
    body(p0, Math.min(step, total - p0));
  }
}

/**
 * C = op(cols of chunk [p0, p0 + count)) · b: im2col written straight into the WebAssembly
 * kernel's memory when the product runs there (no scratch, no copy), else through the scratch.
 * `transA`: the cols are A stored [K, M]-transposed (the kernel gradient's colsᵀ).
 */
function gemmCols(transA: boolean, M: number, N: number, K: number, x: Data, g: WindowGeometry, p0: number,
  count: number, b: Data, bOff: number, c: Float32Array, cOff: number): void {
  if (!isPointwise(g) && gemmFrom(transA, false, M, N, K, (mem, at) => im2col(x, g, p0, count, mem, at), b, bOff,
    copyCTo(c, cOff, M, N))) return;
  const [a, aOff] = chunkCols(x, g, p0, count);
  gemm(transA, false, M, N, K, a, aOff, b, bOff, c, cOff);
}

/** The cols of a chunk and where they start: x itself for pointwise convolutions, else the scratch. */
function chunkCols(x: Data, g: WindowGeometry, p0: number, count: number): [Data, number] {
  const K = g.kh * g.kw * g.C;
  if (isPointwise(g)) return [x, p0 * K];
  const out = colsScratch(count * K);
  im2col(x, g, p0, count, out);
  return [out, 0];
}

/** y[N, OH, OW, F] = conv(x, k). */
export function conv2dForward(x: Data, k: Data, g: ConvGeometry): Float32Array {
  const K = g.kh * g.kw * g.C;
  const y = allocateUnset(g.N * g.OH * g.OW * g.F);
  forEachChunk(g, (p0, count) => gemmCols(false, count, g.F, K, x, g, p0, count, k, 0, y, p0 * g.F));
  return y;
}

/** dk[kh, kw, C, F] = Σ over positions of colsᵀ · dy: the kernel's gradient. */
export function conv2dKernelGrad(x: Data, dy: Data, g: ConvGeometry): Float32Array {
  const K = g.kh * g.kw * g.C;
  // The first chunk's product writes every element; only an empty batch leaves the zeros.
  const dk = g.N * g.OH * g.OW > 0 ? allocateUnset(K * g.F) : allocate(K * g.F);
  let first = true;
  forEachChunk(g, (p0, count) => {
    if (first) {
      gemmCols(true, K, g.F, count, x, g, p0, count, dy, p0 * g.F, dk, 0);
      first = false;
      return;
    }
    if (kernelPart.length < K * g.F) kernelPart = new Float32Array(K * g.F);
    gemmCols(true, K, g.F, count, x, g, p0, count, dy, p0 * g.F, kernelPart, 0);
    for (let i = 0; i < K * g.F; i++) dk[i] = dk[i]! + kernelPart[i]!;
  });
  return dk;
}

/** dx[N, H, W, C]: dy · kᵀ per position, added back through the windows (a transposed convolution). */
export function conv2dInputGrad(dy: Data, k: Data, g: ConvGeometry): Float32Array {
  const K = g.kh * g.kw * g.C;
  if (isPointwise(g)) {
    const dx = allocateUnset(g.N * g.H * g.W * g.C);
    gemm(false, true, g.N * g.H * g.W, g.C, g.F, dy, 0, k, 0, dx, 0);
    return dx;
  }
  const dx = allocate(g.N * g.H * g.W * g.C);
  forEachChunk(g, (p0, count) => {
    const addBack = (dcols: Data) => {
      if (!wasmCol2imAdd(dcols, g, p0, count, dx)) col2imAdd(dcols, g, p0, count, dx);
    };
    // On the WebAssembly kernel, col2im reads dcols where the product left them (rows ldc apart).
    const fromKernel: ReadC = (mem, at, ldc) => {
      if (ldc === K) return addBack(mem.subarray(at, at + count * K));
      const dcols = colsScratch(count * K);
      copyCTo(dcols, 0, count, K)(mem, at, ldc);
      addBack(dcols);
    };
    const writeDy: WriteA = (mem, at) => mem.set(dy.subarray(p0 * g.F, (p0 + count) * g.F), at);
    if (gemmFrom(false, true, count, K, g.F, writeDy, k, 0, fromKernel)) return;
    const dcols = colsScratch(count * K);
    gemm(false, true, count, K, g.F, dy, p0 * g.F, k, 0, dcols, 0);
    addBack(dcols);
  });
  return dx;
}
