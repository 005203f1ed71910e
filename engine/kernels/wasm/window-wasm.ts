/**
 * Driver for window.wat: a max pool's window maxima and col2im's scatter-add, in WebAssembly SIMD
 * on copies in the module's memory. Each function returns null (or false) when the kernel can't
 * run (no SIMD, memory past its cap, a shape it doesn't take, or turned off with
 * `setWindowWasm(false)`), and the JavaScript loop in ../pool.ts or ../conv.ts runs instead;
 * results are bit-identical either way (see window.wat).
 */
import { allocateUnset } from "../../buffers.ts";
import type { WindowGeometry } from "../conv.ts";
import type { MaxPoolWindows } from "../pool.ts";
import { WINDOW_WASM_BASE64 } from "./window-bytes.generated.ts";
import { ScratchModule } from "./scratch-module.ts";

type Data = Readonly<Float32Array>;

interface WindowExports {
  maxPool(x: number, out: number, vals: number, base: number, N: number, H: number, W: number, C: number, kh: number, kw: number,
    sh: number, sw: number, OH: number, OW: number): void;
  col2imAdd(src: number, dx: number, p0: number, count: number, H: number, W: number, C: number, kh: number,
    kw: number, sh: number, sw: number, padTop: number, padLeft: number, OH: number, OW: number): void;
}

/** Below this many floats the JavaScript loop wins (the copies in and out cost a fixed few microseconds). */
const WINDOW_WASM_MIN = 4096;

const kernel = new ScratchModule<WindowExports>(WINDOW_WASM_BASE64);
/** The module itself, for releasing its memory when idle (idle-memory.ts) and for tests. */
export const windowScratch: ScratchModule<unknown> = kernel;

/** Turns the WASM loops off (false) to compare them with the JavaScript loops, or back on. */
export function setWindowWasm(on: boolean): void {
  kernel.setEnabled(on);
}

/** Floats of input and output a max pool copies into the module at once (16 MiB): larger batches go a few images at a time. */
const POOL_CHUNK_FLOATS = 4 * 1024 * 1024;

/** maxPoolWindows of ../pool.ts for C a multiple of 4 (the SIMD kernel takes four channels at once). */
export function wasmMaxPool(x: Data, g: WindowGeometry): MaxPoolWindows | null {
  const { N, H, W, C, kh, kw, sh, sw, OH, OW } = g;
  if (C % 4 !== 0 || x.length < WINDOW_WASM_MIN || g.padTop !== 0 || g.padLeft !== 0) return null;
  const imageIn = H * W * C;
  const imageOut = OH * OW * C;
  const images = Math.max(1, Math.min(N, Math.floor(POOL_CHUNK_FLOATS / (imageIn + 2 * imageOut))));
  const k = kernel.memory(images * (imageIn + 2 * imageOut));
  if (k === null) return null;
  const values = allocateUnset(N * imageOut);
  const offsets = offsetsBuffer(N * imageOut);
  const offsetView = new Int32Array(k.view.buffer);
  for (let n0 = 0; n0 < N; n0 += images) {
    const count = Math.min(images, N - n0);
    const xLength = count * imageIn;
    const outLength = count * imageOut;
    k.view.set(x.subarray(n0 * imageIn, n0 * imageIn + xLength), 0);
    k.exports.maxPool(0, 4 * xLength, 4 * (xLength + outLength), n0 * imageIn, count, H, W, C, kh, kw, sh, sw, OH, OW);
    values.set(k.view.subarray(xLength + outLength, xLength + 2 * outLength), n0 * imageOut);
    offsets.set(offsetView.subarray(xLength, xLength + outLength), n0 * imageOut);
  }
  return { offsets, values };
}

/**
 * n int32s over a float buffer from the op buffers (buffers.ts): inside a training step's arena
 * it is recycled with the step's other buffers, which is safe because the offsets live exactly
 * as long as the pooled tensor's gradient closure, a part of that step.
 */
export function offsetsBuffer(n: number): Int32Array {
  const b = allocateUnset(n);
  return new Int32Array(b.buffer, b.byteOffset, n);
}

/**
 * col2imAdd of ../conv.ts: rows [p0, p0 + count) of dcols added into dx through their windows.
 * Only the images those rows fall in are copied in and out. False when it didn't run.
 */
export function wasmCol2imAdd(dcols: Data, g: WindowGeometry, p0: number, count: number, dx: Float32Array): boolean {
  const K = g.kh * g.kw * g.C;
  if (count * K < WINDOW_WASM_MIN) return false;
  const perImage = g.OH * g.OW;
  const imageSize = g.H * g.W * g.C;
  const first = Math.floor(p0 / perImage);
  const last = Math.floor((p0 + count - 1) / perImage);
  const from = first * imageSize;
  const to = (last + 1) * imageSize;
  const k = kernel.memory(count * K + (to - from));
  if (k === null) return false;
  k.view.set(dcols.subarray(0, count * K), 0);
  k.view.set(dx.subarray(from, to), count * K);
  const { H, W, C, kh, kw, sh, sw, padTop, padLeft, OH, OW } = g;
  k.exports.col2imAdd(0, 4 * count * K, p0 - first * perImage, count, H, W, C, kh, kw, sh, sw, padTop, padLeft, OH, OW);
  dx.set(k.view.subarray(count * K, count * K + (to - from)), from);
  return true;
}
