/**
 * Single-threaded GEMM in plain JavaScript, GotoBLAS-style: op(B) is packed a K-block at a time
 * into NR-wide column panels, op(A) an M-block at a time into MR-tall row panels, and a 4×4
 * micro-kernel walks one panel pair keeping its 16 sums in locals.
 *
 * Why it looks like this (measured in V8 on x86-64):
 * - Every typed-array load costs ~5 instructions (sign-extend, bounds check, base reload), so the
 *   loads per multiply-add decide the speed; a 4×4 tile needs 8 loads per 16 multiply-adds.
 *   Bigger tiles spill the sums to the stack and were no faster; 3×3 was within noise.
 * - Packing makes the micro-kernel's reads unit-stride whatever the transposes, so NN, TN, NT
 *   (and TT) all run the same kernel at the same speed; packing is O(MK + KN) against O(MNK).
 * - Panels are packed as float64 so the kernel loads need no float32→float64 conversion and the
 *   sums stay float64 from the first product to the final store.
 * - One scratch array holds both packed blocks: one array means one map check per k-step.
 */

type Data = Readonly<Float32Array>;

const MR = 4;
const NR = 4;
/** Depth of a packed block: an NR×KC B micro-panel (16 KiB) stays in L1 across a whole A block. */
const KC = 4096;
/** Rows of A packed at once: MC×KC float64 (512 KiB) lives in L2. */
const MC = 128;
/** Columns of B packed at once: KC×NC float64 (4 MiB) stays in L2/L3. */
const NC = 1024;
/** Below this many multiply-adds, packing costs more than it saves. */
const SMALL = 4096;

let scratch = new Float64Array(0);
/** float64 partial sums of C when K spans several blocks, so rounding to float32 happens once. */
let acc = new Float64Array(0);
/** Staging for edge tiles, which store only their valid part. */
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
  if (M * N * K <= SMALL) {
    gemmSmall(transA, transB, M, N, K, a, aOff, b, bOff, c, cOff);
    return;
  }

  const kcMax = Math.min(K, KC);
  const mcMax = Math.min(M, MC);
  const ncMax = Math.min(N, NC);
  const aSize = roundUp(mcMax, MR) * kcMax;
  const need = aSize + roundUp(ncMax, NR) * kcMax;
  if (scratch.length < need) scratch = new Float64Array(need);
  const buf = scratch;
  const blocksK = Math.ceil(K / KC);
  if (blocksK > 1 && acc.length < M * N) acc = new Float64Array(M * N);

  for (let j0 = 0; j0 < N; j0 += NC) {
    const nc = Math.min(NC, N - j0);
    for (let p0 = 0; p0 < K; p0 += KC) {
      const kc = Math.min(KC, K - p0);
      const first = p0 === 0;
      const last = p0 + kc === K;
      packB(transB, b, bOff, transB ? K : N, p0, kc, j0, nc, buf, aSize);
      for (let i0 = 0; i0 < M; i0 += MC) {
        const mc = Math.min(MC, M - i0);
        packA(transA, a, aOff, transA ? M : K, i0, mc, p0, kc, buf);
        for (let jr = 0; jr < nc; jr += NR) {
          const nv = Math.min(NR, nc - jr);
          const bIdx = aSize + jr * kc;
          for (let ir = 0; ir < mc; ir += MR) {
            const mv = Math.min(MR, mc - ir);
            const row = i0 + ir;
            const col = j0 + jr;
            if (blocksK === 1) kernelStore(kc, buf, ir * kc, bIdx, c, cOff + row * N + col, N, mv, nv);
            else kernelAcc(kc, buf, ir * kc, bIdx, acc, row * N + col, N, mv, nv, first);
          }
        }
      }
      if (blocksK > 1 && last) {
        for (let i = 0; i < M; i++) {
          const src = i * N + j0;
          const dst = cOff + i * N + j0;
          for (let j = 0; j < nc; j++) c[dst + j] = acc[src + j]!;
        }
      }
    }
  }
}

function roundUp(n: number, m: number): number {
  return Math.ceil(n / m) * m;
}

/**
 * op(A)[i0:i0+mc, p0:p0+kc] → MR-row panels, each stored k-major (MR values per k), zero-padded
 * to a whole panel so the kernel never branches on the edge.
 */
function packA(trans: boolean, a: Data, aOff: number, lda: number, i0: number, mc: number,
  p0: number, kc: number, buf: Float64Array): void {
  let w = 0;
  for (let ib = i0; ib < i0 + mc; ib += MR) {
    const mv = Math.min(MR, i0 + mc - ib);
    if (trans) {
      // A stored [K,M]: the panel's MR values at depth p are adjacent.
      let r = aOff + p0 * lda + ib;
      if (mv === MR) {
        for (let p = 0; p < kc; p++, r += lda, w += MR) {
          buf[w] = a[r]!; buf[w + 1] = a[r + 1]!; buf[w + 2] = a[r + 2]!; buf[w + 3] = a[r + 3]!;
        }
      } else {
        for (let p = 0; p < kc; p++, r += lda, w += MR) {
          for (let i = 0; i < MR; i++) buf[w + i] = i < mv ? a[r + i]! : 0;
        }
      }
    } else {
      // A stored [M,K]: read MR rows in step.
      const r0 = aOff + ib * lda + p0;
      if (mv === MR) {
        const r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
        for (let p = 0; p < kc; p++, w += MR) {
          buf[w] = a[r0 + p]!; buf[w + 1] = a[r1 + p]!; buf[w + 2] = a[r2 + p]!; buf[w + 3] = a[r3 + p]!;
        }
      } else {
        for (let p = 0; p < kc; p++, w += MR) {
          for (let i = 0; i < MR; i++) buf[w + i] = i < mv ? a[r0 + i * lda + p]! : 0;
        }
      }
    }
  }
}

/** op(B)[p0:p0+kc, j0:j0+nc] → NR-column panels, each k-major, zero-padded, written from `w`. */
function packB(trans: boolean, b: Data, bOff: number, ldb: number, p0: number, kc: number,
  j0: number, nc: number, buf: Float64Array, w: number): void {
  for (let jb = j0; jb < j0 + nc; jb += NR) {
    const nv = Math.min(NR, j0 + nc - jb);
    if (trans) {
      // B stored [N,K]: read NR rows in step.
      const r0 = bOff + jb * ldb + p0;
      if (nv === NR) {
        const r1 = r0 + ldb, r2 = r1 + ldb, r3 = r2 + ldb;
        for (let p = 0; p < kc; p++, w += NR) {
          buf[w] = b[r0 + p]!; buf[w + 1] = b[r1 + p]!; buf[w + 2] = b[r2 + p]!; buf[w + 3] = b[r3 + p]!;
        }
      } else {
        for (let p = 0; p < kc; p++, w += NR) {
          for (let j = 0; j < NR; j++) buf[w + j] = j < nv ? b[r0 + j * ldb + p]! : 0;
        }
      }
    } else {
      let r = bOff + p0 * ldb + jb;
      if (nv === NR) {
        for (let p = 0; p < kc; p++, r += ldb, w += NR) {
          buf[w] = b[r]!; buf[w + 1] = b[r + 1]!; buf[w + 2] = b[r + 2]!; buf[w + 3] = b[r + 3]!;
        }
      } else {
        for (let p = 0; p < kc; p++, r += ldb, w += NR) {
          for (let j = 0; j < NR; j++) buf[w + j] = j < nv ? b[r + j]! : 0;
        }
      }
    }
  }
}

/*
 * The two kernels below share their k-loop verbatim; they differ only in where the tile goes.
 * Keeping them separate keeps every store site monomorphic (Float32Array vs Float64Array).
 */

/** One MR×NR tile over a single K block, stored straight into float32 C. */
function kernelStore(kc: number, buf: Float64Array, ai: number, bi: number, c: Float32Array,
  o: number, ldc: number, mv: number, nv: number): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
    const a0 = buf[ai]!, a1 = buf[ai + 1]!, a2 = buf[ai + 2]!, a3 = buf[ai + 3]!;
    const b0 = buf[bi]!, b1 = buf[bi + 1]!, b2 = buf[bi + 2]!, b3 = buf[bi + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  if (mv === MR && nv === NR) {
    c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += ldc;
    c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += ldc;
    c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += ldc;
    c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
    return;
  }
  const t = tile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23; t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let i = 0; i < mv; i++, o += ldc) for (let j = 0; j < nv; j++) c[o + j] = t[i * NR + j]!;
}

/** One MR×NR tile over one of several K blocks, summed into float64 `acc` (overwritten when `first`). */
function kernelAcc(kc: number, buf: Float64Array, ai: number, bi: number, acc: Float64Array,
  o: number, ldc: number, mv: number, nv: number, first: boolean): void {
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
  let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  for (let p = 0; p < kc; p++, ai += MR, bi += NR) {
    const a0 = buf[ai]!, a1 = buf[ai + 1]!, a2 = buf[ai + 2]!, a3 = buf[ai + 3]!;
    const b0 = buf[bi]!, b1 = buf[bi + 1]!, b2 = buf[bi + 2]!, b3 = buf[bi + 3]!;
    c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
    c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
    c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
    c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
  }
  const t = tile;
  t[0] = c00; t[1] = c01; t[2] = c02; t[3] = c03; t[4] = c10; t[5] = c11; t[6] = c12; t[7] = c13;
  t[8] = c20; t[9] = c21; t[10] = c22; t[11] = c23; t[12] = c30; t[13] = c31; t[14] = c32; t[15] = c33;
  for (let i = 0; i < mv; i++, o += ldc) {
    for (let j = 0; j < nv; j++) acc[o + j] = first ? t[i * NR + j]! : acc[o + j]! + t[i * NR + j]!;
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
