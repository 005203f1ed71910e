/**
 * Single-threaded GEMM in plain JavaScript, GotoBLAS-style: op(B) is packed a K-block at a time
 * into NR-wide column panels, op(A) an M-block at a time into MR-tall row panels, and a 4×4
 * micro-kernel walks one panel pair keeping its 16 sums in locals.
 *
 * Why it looks like this (measured in V8 on x86-64, Node 20):
 * - Every typed-array load costs a bounds check and index arithmetic, so loads per multiply-add
 *   decide the speed; a 4×4 tile needs 8 loads per 16 multiply-adds. Bigger tiles spill the sums
 *   to the stack (V8 allocates 15 float registers) and were 10–20% slower (4×6, 4×8); 3×4, 4×3,
 *   5×3 were within noise of 4×4; 2×4 and 3×3 were slower. K-unrolling was slower too.
 * - The packed panels live in one fixed-size module-level `const` array. TurboFan then embeds its
 *   address and length as constants: no map check, no base-pointer reload, bounds checks against
 *   an immediate. Indices are `| 0` so the adds need no overflow check. Together: ~+25%, which
 *   is why PACK must stay a module-level `const` of fixed size (1.25 MiB, allocated on import).
 * - Packing makes the micro-kernel's reads unit-stride whatever the transposes, so NN, TN, NT
 *   (and TT) all run the same kernel at the same speed; packing is O(MK + KN) against O(MNK).
 * - Panels are packed as float64 so the kernel loads need no float32→float64 conversion and the
 *   sums stay float64 from the first product to the final store.
 */

import { checkInterrupt } from "../interrupt.ts";
import { runtime } from "../runtime.ts";
import { wasmGemm, wasmGemmFrom, type ReadC, type WriteA } from "./wasm/gemm-wasm.ts";
export { copyCTo, type ReadC, type WriteA } from "./wasm/gemm-wasm.ts";

type Data = Readonly<Float32Array>;

/**
 * Which kernel `gemm` uses is `runtime.gemmBackend` (../runtime.ts): "auto" (default) runs the
 * WebAssembly SIMD kernel (wasm/gemm-wasm.ts, float32 accumulation, ~8× faster) when
 * M·N·K ≥ WASM_MIN and WebAssembly SIMD is available, else the JavaScript kernel below.
 */
export { getGemmBackend, setGemmBackend, type GemmBackend } from "../runtime.ts";
/** Below this many multiply-adds the JS kernel is as fast (no copies in and out of WASM memory). */
const WASM_MIN = 32768;

const MR = 4;
const NR = 4;
/** Max depth of a packed block: an NR×KC B micro-panel (8 KiB) stays in L1 across an A block. */
const KC = 256;
/** Max rows of A packed at once: MC×KC float64 (256 KiB) lives in L2. */
const MC = 128;
/** Max columns of B packed at once: KC×NC float64 (1 MiB) in L2/L3. */
const NC = 512;
/** Below this many multiply-adds, packing costs more than it saves. */
const SMALL = 4096;

// Whole panels must fit the fixed blocks below (edge panels are zero-padded to MR or NR).
if (MC % MR !== 0 || NC % NR !== 0) throw new Error("matmul: MC and NC must be multiples of MR and NR");
if (MR !== 4 || NR !== 4) throw new Error("matmul: packPanels and the micro-kernels are written for 4×4 tiles");

/** Packed A block at [0, A_SIZE), packed B panel after it. Fixed size, see above for why. */
const A_SIZE = MC * KC;
const PACK = new Float64Array(A_SIZE + KC * NC);
/** float64 partial sums of C when K spans several blocks, so rounding to float32 happens once. */
let acc = new Float64Array(0);
/** The micro-kernel's 16 sums, handed to the store path that called it. */
const tile = new Float64Array(MR * NR);

/**
 * C[M,N] = op(A) · op(B), written (not accumulated) into c starting at cOff, row-major.
 * op(A) is A ([M,K] row-major at aOff) or, when transA, Aᵀ where A is stored [K,M].
 * op(B) is B ([K,N] row-major at bOff) or, when transB, Bᵀ where B is stored [N,K].
 */
export function gemm(transA: boolean, transB: boolean, M: number, N: number, K: number,
  a: Readonly<Float32Array>, aOff: number, b: Readonly<Float32Array>, bOff: number,
  c: Float32Array, cOff: number): void {
  if (M <= 0 || N <= 0) return;
  if (K <= 0) {
    c.fill(0, cOff, cOff + M * N);
    return;
  }
  const backend = runtime.gemmBackend;
  if (backend !== "js" && (backend === "wasm" || M * N * K >= WASM_MIN)
    && wasmGemm(transA, transB, M, N, K, a, aOff, b, bOff, c, cOff)) return;
  if (M * N * K <= SMALL) {
    gemmSmall(transA, transB, M, N, K, a, aOff, b, bOff, c, cOff);
    return;
  }

  // Equal K blocks: a short last block would pay the per-tile overhead for little work.
  const blocksK = Math.ceil(K / KC);
  const kb = Math.ceil(K / blocksK);
  // Sums for one column block of C (M × NC at most) between K blocks.
  if (blocksK > 1 && acc.length < M * Math.min(N, NC)) acc = new Float64Array(M * Math.min(N, NC));

  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = Math.min(NC, N - j0);
    for (let p0 = 0; p0 < K; p0 += kb) {
      const kc = Math.min(kb, K - p0);
      const first = p0 === 0;
      packPanels(!transB, b, bOff, transB ? K : N, j0, nc, p0, kc, A_SIZE);
      for (let i0 = 0; i0 < M; i0 += MC) {
        checkInterrupt();
        const mc = Math.min(MC, M - i0);
        packPanels(transA, a, aOff, transA ? M : K, i0, mc, p0, kc, 0);
        for (let jr = 0; jr < nc; jr += NR) {
          const nv = Math.min(NR, nc - jr);
          const bIdx = A_SIZE + jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const mv = Math.min(MR, mc - ir);
            const row = i0 + ir;
            if (blocksK === 1) kernelStore(kc, ir * kc, bIdx, c, cOff + row * N + j0 + jr, N, mv, nv);
            else kernelAcc(kc, ir * kc, bIdx, acc, row * nc + jr, nc, mv, nv, first);
          }
        }
      }
    }
    if (blocksK > 1) {
      for (let i = 0; i < M; i++) {
        const src = i * nc;
        const dst = cOff + i * N + j0;
        for (let j = 0; j < nc; j++) c[dst + j] = acc[src + j]!;
      }
    }
  }
}

/**
 * `gemm` with A written straight into the WebAssembly kernel's memory by `writeA` and C read
 * from there by `readC` (see WriteA, ReadC), saving the copies of an A that exists only to be
 * multiplied (im2col's) and of a C that exists only to be consumed (col2im's). False, with
 * nothing called, when this product would not take the WebAssembly kernel: the caller then
 * builds A and calls `gemm`.
 */
export function gemmFrom(transA: boolean, transB: boolean, M: number, N: number, K: number,
  writeA: WriteA, b: Readonly<Float32Array>, bOff: number, readC: ReadC): boolean {
  const backend = runtime.gemmBackend;
  if (M <= 0 || N <= 0 || K <= 0 || backend === "js" || (backend !== "wasm" && M * N * K < WASM_MIN)) return false;
  return wasmGemmFrom(transA, transB, M, N, K, writeA, b, bOff, readC);
}

/**
 * `count` lines from `l0` (rows of op(A), or columns of op(B)), depths p0..p0+kc, → 4-line panels
 * at buf[w…], each stored k-major (4 values per k) and zero-padded to a whole panel so the kernel
 * never branches on the edge. `adjacent`: a panel's 4 values at one depth are adjacent in memory
 * (Aᵀ stored [K,M], B stored [K,N]); otherwise each line runs along K (A [M,K], Bᵀ stored [N,K]).
 * MR = NR = 4, so A and B pack alike.
 */
function packPanels(adjacent: boolean, x: Data, off: number, ld: number, l0: number, count: number,
  p0: number, kc: number, w: number): void {
  const buf = PACK;
  for (let lb = l0; lb < l0 + count; lb += 4) {
    const lv = Math.min(4, l0 + count - lb);
    if (adjacent) {
      let r = off + p0 * ld + lb;
      if (lv === 4) {
        for (let p = 0; p < kc; p++, r += ld, w += 4) {
          buf[w] = x[r]!; buf[w + 1] = x[r + 1]!; buf[w + 2] = x[r + 2]!; buf[w + 3] = x[r + 3]!;
        }
      } else {
        for (let p = 0; p < kc; p++, r += ld, w += 4) {
          for (let i = 0; i < 4; i++) buf[w + i] = i < lv ? x[r + i]! : 0;
        }
      }
    } else {
      // Read the 4 lines in step.
      const r0 = off + lb * ld + p0;
      if (lv === 4) {
        const r1 = r0 + ld, r2 = r1 + ld, r3 = r2 + ld;
        for (let p = 0; p < kc; p++, w += 4) {
          buf[w] = x[r0 + p]!; buf[w + 1] = x[r1 + p]!; buf[w + 2] = x[r2 + p]!; buf[w + 3] = x[r3 + p]!;
        }
      } else {
        for (let p = 0; p < kc; p++, w += 4) {
          for (let i = 0; i < 4; i++) buf[w + i] = i < lv ? x[r0 + i * ld + p]! : 0;
        }
      }
    }
  }
}

/**
 * The 4×4 micro-kernel: one MR×NR tile of op(A)·op(B) over one K block, its 16 sums kept in
 * locals and left in `tile`. Both store paths below read `tile`, so the k-loop exists once.
 */
function sumTile(kc: number, ai: number, bi: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const buf = PACK;
  for (let p = 0; p < kc; p++, ai = (ai + MR) | 0, bi = (bi + NR) | 0) {
    const a0 = buf[ai]!, a1 = buf[(ai + 1) | 0]!, a2 = buf[(ai + 2) | 0]!, a3 = buf[(ai + 3) | 0]!;
    const b0 = buf[bi]!, b1 = buf[(bi + 1) | 0]!, b2 = buf[(bi + 2) | 0]!, b3 = buf[(bi + 3) | 0]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  const t = tile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23; t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
}

/** One tile over a single K block, stored straight into float32 C (only its valid mv×nv part). */
function kernelStore(kc: number, ai: number, bi: number, c: Float32Array,
  o: number, ldc: number, mv: number, nv: number): void {
  sumTile(kc, ai, bi);
  const t = tile;
  if (mv === MR && nv === NR) {
    for (let i = 0; i < 16; i += 4, o += ldc) {
      c[o] = t[i]!; c[o + 1] = t[i + 1]!; c[o + 2] = t[i + 2]!; c[o + 3] = t[i + 3]!;
    }
    return;
  }
  for (let i = 0; i < mv; i++, o += ldc) for (let j = 0; j < nv; j++) c[o + j] = t[i * NR + j]!;
}

/** One tile over one of several K blocks, summed into float64 `sum` (overwritten when `first`). */
function kernelAcc(kc: number, ai: number, bi: number, sum: Float64Array,
  o: number, ldc: number, mv: number, nv: number, first: boolean): void {
  sumTile(kc, ai, bi);
  const t = tile;
  for (let i = 0; i < mv; i++, o += ldc) {
    for (let j = 0; j < nv; j++) sum[o + j] = first ? t[i * NR + j]! : sum[o + j]! + t[i * NR + j]!;
  }
}

/** Direct strided dot products: for tiny products the packing setup would dominate. */
function gemmSmall(transA: boolean, transB: boolean, M: number, N: number, K: number,
  a: Data, aOff: number, b: Data, bOff: number, c: Float32Array, cOff: number): void {
  const sAi = transA ? 1 : K, sAk = transA ? M : 1;
  const sBk = transB ? 1 : N, sBj = transB ? K : 1;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0, ia = aOff + i * sAi, ib = bOff + j * sBj; k < K; k++, ia += sAk, ib += sBk) s += a[ia]! * b[ib]!;
      c[cOff + i * N + j] = s;
    }
  }
}
