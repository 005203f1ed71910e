/**
 * WebAssembly SIMD GEMM driver: same contract as `gemm` in ../matmul.ts, which dispatches here for
 * big enough problems and falls back to its JavaScript kernel when this returns false.
 *
 * The WASM side (gemm.wat, compiled by build.node.ts into gemm-bytes.generated.ts) is only the
 * macro-kernel: a 4×8 f32x4 micro-kernel over packed panels. This driver does the GotoBLAS
 * blocking in JS: op(B) is packed a KC×NC block at a time into 8-column panels and op(A) an MC×KC
 * block at a time into 4-row panels, both straight into the module's memory (packing handles
 * the transposes and zero-pads edge panels), the macro-kernel writes a padded C buffer in that
 * memory, and the valid M×N part is copied out at the end.
 *
 * Precision: float32 accumulation (like tfjs-wasm/XNNPACK), unlike the JS kernel's float64. Each
 * sequential chain is at most KC = 256 products (K is split into equal blocks of ≤ KC), and the
 * blocks are summed into C in float32, so the error stays ~1e-7·√K relative to the magnitudes.
 *
 * Instantiation is synchronous (`new WebAssembly.Module` / `Instance`): the module is < 1 KiB,
 * which every engine allows on the main thread too. It happens on the first call; without
 * WebAssembly SIMD (checked with `WebAssembly.validate` on a tiny SIMD module) or on any
 * instantiation error, `wasmGemm` returns false for good.
 */
import { GEMM_WASM_BASE64 } from "./gemm-bytes.generated.ts";

type Data = Readonly<Float32Array>;
type Macro = (mc: number, nc: number, kc: number, pa: number, pb: number, pc: number,
  ldc: number, accumulate: number) => void;

const MR = 4;
const NR = 8;
/** Max depth of a packed block (also the longest float32 summation chain before C). */
const KC = 256;
/** Max rows of A packed at once: MC×KC floats = 128 KiB, in L2. */
const MC = 128;
/** Max columns of B packed at once: KC×NC floats = 512 KiB. */
const NC = 512;

/** Memory layout in floats: packed A block, packed B block, then the padded C (Mp × Np). */
const A_AT = 0;
const B_AT = A_AT + MC * KC;
const C_AT = B_AT + KC * NC;
const PAGE = 65536;

/**
 * (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)), the wasm-feature-detect probe.
 */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

interface Kernel { memory: WebAssembly.Memory; macro: Macro; view: Float32Array }
/** undefined: not tried yet; null: unavailable. */
let kernel: Kernel | null | undefined;

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function load(): Kernel | null {
  try {
    if (typeof WebAssembly !== "object" || !WebAssembly.validate(SIMD_PROBE)) return null;
    const module = new WebAssembly.Module(decodeBase64(GEMM_WASM_BASE64));
    const exports = new WebAssembly.Instance(module, {}).exports;
    const memory = exports.memory as WebAssembly.Memory;
    return { memory, macro: exports.macro as Macro, view: new Float32Array(memory.buffer) };
  } catch {
    return null;
  }
}

/** Whether the WASM SIMD kernel can run here (instantiating it on first call). */
export function wasmGemmAvailable(): boolean {
  if (kernel === undefined) kernel = load();
  return kernel !== null;
}

/**
 * C[M,N] = op(A) · op(B), same arguments and layout as `gemm` in ../matmul.ts. Returns false
 * (and leaves C untouched) when WebAssembly SIMD is unavailable.
 */
export function wasmGemm(transA: boolean, transB: boolean, M: number, N: number, K: number,
  a: Data, aOff: number, b: Data, bOff: number, c: Float32Array, cOff: number): boolean {
  if (!wasmGemmAvailable()) return false;
  const k = kernel!;
  if (M <= 0 || N <= 0) return true;
  if (K <= 0) {
    c.fill(0, cOff, cOff + M * N);
    return true;
  }

  const Mp = Math.ceil(M / MR) * MR;
  const Np = Math.ceil(N / NR) * NR;
  const floats = C_AT + Mp * Np;
  const have = k.memory.buffer.byteLength;
  if (floats * 4 > have) {
    k.memory.grow(Math.ceil((floats * 4 - have) / PAGE));
    k.view = new Float32Array(k.memory.buffer);
  }
  const mem = k.view;

  const blocksK = Math.ceil(K / KC);
  const kb = Math.ceil(K / blocksK);
  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = Math.min(NC, N - j0);
    const ncp = Math.ceil(nc / NR) * NR;
    for (let p0 = 0; p0 < K; p0 += kb) {
      const kc = Math.min(kb, K - p0);
      packB(mem, transB, b, bOff, transB ? K : N, p0, kc, j0, nc);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = Math.min(MC, M - i0);
        packA(mem, transA, a, aOff, transA ? M : K, i0, mc, p0, kc);
        k.macro(Math.ceil(mc / MR) * MR, ncp, kc, A_AT * 4, B_AT * 4, (C_AT + i0 * Np + j0) * 4, Np,
          p0 === 0 ? 0 : 1);
      }
    }
  }

  if (Np === N) c.set(mem.subarray(C_AT, C_AT + M * N), cOff);
  else for (let i = 0; i < M; i++) c.set(mem.subarray(C_AT + i * Np, C_AT + i * Np + N), cOff + i * N);
  return true;
}

/** op(A)[i0:i0+mc, p0:p0+kc] → 4-row panels at A_AT, each k-major, zero-padded to 4 rows. */
function packA(m: Float32Array, trans: boolean, a: Data, aOff: number, lda: number, i0: number,
  mc: number, p0: number, kc: number): void {
  let w = A_AT;
  for (let ib = i0; ib < i0 + mc; ib += MR) {
    const mv = Math.min(MR, i0 + mc - ib);
    if (trans) {
      // A stored [K,M]: a panel's 4 values at depth p are adjacent.
      let r = aOff + p0 * lda + ib;
      if (mv === MR) {
        for (let p = 0; p < kc; p++, r += lda, w += MR) {
          m[w] = a[r]!; m[w + 1] = a[r + 1]!; m[w + 2] = a[r + 2]!; m[w + 3] = a[r + 3]!;
        }
      } else {
        for (let p = 0; p < kc; p++, r += lda, w += MR) {
          for (let i = 0; i < MR; i++) m[w + i] = i < mv ? a[r + i]! : 0;
        }
      }
    } else {
      // A stored [M,K]: read 4 rows in step.
      const r0 = aOff + ib * lda + p0;
      if (mv === MR) {
        const r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
        for (let p = 0; p < kc; p++, w += MR) {
          m[w] = a[r0 + p]!; m[w + 1] = a[r1 + p]!; m[w + 2] = a[r2 + p]!; m[w + 3] = a[r3 + p]!;
        }
      } else {
        for (let p = 0; p < kc; p++, w += MR) {
          for (let i = 0; i < MR; i++) m[w + i] = i < mv ? a[r0 + i * lda + p]! : 0;
        }
      }
    }
  }
}

/** op(B)[p0:p0+kc, j0:j0+nc] → 8-column panels at B_AT, each k-major, zero-padded to 8 columns. */
function packB(m: Float32Array, trans: boolean, b: Data, bOff: number, ldb: number, p0: number,
  kc: number, j0: number, nc: number): void {
  let w = B_AT;
  for (let jb = j0; jb < j0 + nc; jb += NR) {
    const nv = Math.min(NR, j0 + nc - jb);
    if (trans) {
      // B stored [N,K]: read 8 rows in step.
      const r0 = bOff + jb * ldb + p0;
      if (nv === NR) {
        const r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb, r4 = r3 + ldb, r5 = r4 + ldb;
        const r6 = r5 + ldb, r7 = r6 + ldb;
        for (let p = 0; p < kc; p++, w += NR) {
          m[w] = b[r0 + p]!; m[w + 1] = b[r1 + p]!; m[w + 2] = b[r2 + p]!; m[w + 3] = b[r3 + p]!;
          m[w + 4] = b[r4 + p]!; m[w + 5] = b[r5 + p]!; m[w + 6] = b[r6 + p]!; m[w + 7] = b[r7 + p]!;
        }
      } else {
        for (let p = 0; p < kc; p++, w += NR) {
          for (let j = 0; j < NR; j++) m[w + j] = j < nv ? b[r0 + j * ldb + p]! : 0;
        }
      }
    } else {
      // B stored [K,N]: a panel's 8 values at depth p are adjacent.
      let r = bOff + p0 * ldb + jb;
      if (nv === NR) {
        for (let p = 0; p < kc; p++, r += ldb, w += NR) {
          m[w] = b[r]!; m[w + 1] = b[r + 1]!; m[w + 2] = b[r + 2]!; m[w + 3] = b[r + 3]!;
          m[w + 4] = b[r + 4]!; m[w + 5] = b[r + 5]!; m[w + 6] = b[r + 6]!; m[w + 7] = b[r + 7]!;
        }
      } else {
        for (let p = 0; p < kc; p++, r += ldb, w += NR) {
          for (let j = 0; j < NR; j++) m[w + j] = j < nv ? b[r + j]! : 0;
        }
      }
    }
  }
}
