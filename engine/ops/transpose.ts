import { ArgumentError, formatShape } from "../errors.ts";
import { kernels } from "../kernels/backend.ts";
import { normalizeAxis } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";

/** Permute axes; without `perm`, reverse them (NumPy). The VJP applies the inverse permutation. */
export function transpose(x: Tensor, perm?: readonly number[]): Tensor {
  const rank = x.rank;
  const p = perm === undefined ? Array.from({ length: rank }, (_, i) => rank - 1 - i) : perm.map((a) => normalizeAxis("transpose", a, rank));
  if (p.length !== rank || new Set(p).size !== rank) {
    throw new ArgumentError("transpose", `perm ${formatShape(perm ?? [])} is not a permutation of the ${rank} axes of ${formatShape(x.shape)}`);
  }
  if (p.every((a, i) => a === i)) return x;
  const shape = p.map((a) => x.shape[a]!);
  const inverse = new Array<number>(rank);
  p.forEach((a, i) => (inverse[a] = i));
  return record("transpose", shape, kernels.permute(x.data, x.shape, p, shape), [x], (g) => [transpose(g, inverse)]);
}
