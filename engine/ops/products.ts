import { ArgumentError, ShapeError, formatShape } from "../errors.ts";
import { kernels } from "../kernels/backend.ts";
import { broadcastShapes, broadcastStrides, sizeOf, type Shape } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";
import { mul } from "./elementwise.ts";
import { sumToShape } from "./reduce.ts";
import { reshape } from "./reshape.ts";
import { transpose } from "./transpose.ts";
import { allocateUnset } from "../buffers.ts";
import { checkResultShape } from "../limits.ts";

/**
 * op(A)·op(B) over the last two axes, batch axes broadcast. The four transpose variants are closed
 * under differentiation, so the backward pass never materializes a transpose:
 *   C = A B    → dA = g Bᵀ,   dB = Aᵀ g
 *   C = Aᵀ B   → dA = B gᵀ,   dB = A g
 *   C = A Bᵀ   → dA = g B,    dB = gᵀ A
 *   C = Aᵀ Bᵀ  → dA = Bᵀ gᵀ,  dB = gᵀ Aᵀ
 */
export function matmulTransposed(a: Tensor, b: Tensor, transA: boolean, transB: boolean, op = "matmul"): Tensor {
  const [rA, cA] = lastTwo(a);
  const [rB, cB] = lastTwo(b);
  const M = transA ? cA : rA;
  const K = transA ? rA : cA;
  const Kb = transB ? cB : rB;
  const N = transB ? rB : cB;
  if (K !== Kb) throw misaligned(op, a, b, transA, transB);
  const batchA = a.shape.slice(0, -2);
  const batchB = b.shape.slice(0, -2);
  const batch = broadcastShapes(op, batchA, batchB);
  const shape = [...batch, M, N];
  checkResultShape(op, shape);
  const data = allocateUnset(sizeOf(shape));
  const offA = batchOffsets(batchA, batch, rA * cA);
  const offB = batchOffsets(batchB, batch, rB * cB);
  for (let i = 0; i < offA.length; i++) kernels.gemm(transA, transB, M, N, K, a.data, offA[i]!, b.data, offB[i]!, data, i * M * N);

  return record(op, shape, data, [a, b], (g, needs) => {
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (needs[0]) {
      ga = !transA
        ? matmulTransposed(g, b, false, !transB)
        : matmulTransposed(b, g, transB, true);
    }
    if (needs[1]) {
      gb = !transB
        ? matmulTransposed(a, g, !transA, false)
        : matmulTransposed(g, a, true, transA);
    }
    return [ga && sumToShape(ga, a.shape), gb && sumToShape(gb, b.shape)];
  });
}

function lastTwo(x: Tensor): [number, number] {
  return [x.shape[x.rank - 2]!, x.shape[x.rank - 1]!];
}

/** Element offset of each batch's matrix, with broadcast batch axes reading the same matrix. */
function batchOffsets(own: Shape, batch: Shape, matrixSize: number): Int32Array {
  return kernels.stridedOffsets(0, batch, broadcastStrides(own, batch).map((s) => s * matrixSize));
}

function misaligned(op: string, a: Tensor, b: Tensor, transA: boolean, transB: boolean): ShapeError {
  const kA = transA ? a.shape[a.rank - 2]! : a.shape[a.rank - 1]!;
  const kB = b.rank === 1 ? b.shape[0]! : transB ? b.shape[b.rank - 1]! : b.shape[b.rank - 2]!;
  const sa = formatShape(a.shape) + (transA ? "ᵀ" : "");
  const sb = formatShape(b.shape) + (transB ? "ᵀ" : "");
  let hint = "";
  if (!transA && !transB && b.rank >= 2 && a.rank >= 2) {
    if (a.shape[a.rank - 1] === b.shape[b.rank - 1]) hint = ` Did you mean ${op}(a, b') with b transposed?`;
    else if (a.shape[a.rank - 2] === b.shape[b.rank - 2]) hint = ` Did you mean ${op}(a', b) with a transposed?`;
  }
  const which = b.rank === 1 ? "the length of the second" : "second-to-last axis of the second";
  return new ShapeError(op, [a.shape, b.shape], `${op}: shapes ${sa} and ${sb} are not aligned: ${kA} (last axis of the first) ≠ ${kB} (${which}).${hint}`);
}

/** The inner dimensions of np.dot / np.matmul, checked on the caller's shapes so errors name them. */
function checkAligned(op: string, a: Tensor, b: Tensor): void {
  const kA = a.shape[a.rank - 1];
  const kB = b.rank === 1 ? b.shape[0] : b.shape[b.rank - 2];
  if (kA !== kB) throw misaligned(op, a, b, false, false);
}

/** np.matmul: matrix product over the last two axes with broadcast batch axes; 1-D operands are promoted and the added axis removed. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0) {
    throw new ArgumentError("matmul", `matmul does not take scalars (shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}); use * to scale`);
  }
  checkAligned("matmul", a, b);
  const a2 = a.rank === 1 ? reshape(a, [1, a.shape[0]!]) : a;
  const b2 = b.rank === 1 ? reshape(b, [b.shape[0]!, 1]) : b;
  const c = matmulTransposed(a2, b2, false, false);
  if (a.rank > 1 && b.rank > 1) return c;
  const shape = c.shape.slice(0, -2);
  if (a.rank > 1) shape.push(c.shape[c.rank - 2]!);
  if (b.rank > 1) shape.push(c.shape[c.rank - 1]!);
  return reshape(c, shape);
}

/**
 * np.dot: for 2-D operands the matrix product, for 1-D the inner product, for N-D × 1-D a sum
 * over the last axis, and for N-D × M-D a sum over a's last axis and b's second-to-last axis.
 */
export function dot(a: Tensor, b: Tensor): Tensor {
  if (a.rank === 0 || b.rank === 0) return mul(a, b);
  checkAligned("dot", a, b);
  if (b.rank === 1 || (b.rank === 2 && a.rank <= 2)) return matmul(a, b);
  if (b.rank === 2) {
    // Stack a's leading axes into rows: one large product instead of many small ones.
    const c = matmul(reshape(a, [-1, a.shape[a.rank - 1]!]), b);
    return reshape(c, [...a.shape.slice(0, -1), b.shape[1]!]);
  }
  return dotBatched(a, b);
}

/** a[..., K] · b[..., K, N]: move b's K axis first and fold its batch axes into the columns. */
function dotBatched(a: Tensor, b: Tensor): Tensor {
  const K = b.shape[b.rank - 2]!;
  const N = b.shape[b.rank - 1]!;
  const perm = [b.rank - 2, ...Array.from({ length: b.rank - 2 }, (_, i) => i), b.rank - 1];
  const b2 = reshape(transpose(b, perm), [K, -1]);
  const a2 = reshape(a, [-1, K]);
  const c = matmulTransposed(a2, b2, false, false, "dot");
  return reshape(c, [...a.shape.slice(0, -1), ...b.shape.slice(0, -2), N]);
}
