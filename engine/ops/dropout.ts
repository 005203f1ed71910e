import { allocateUnset } from "../buffers.ts";
import { ArgumentError } from "../errors.ts";
import type { Rng } from "../random.ts";
import { sizeOf, type Shape } from "../shape.ts";
import { record } from "../tape.ts";
import type { Tensor } from "../tensor.ts";

/** Keras' Dropout accepts 0 ≤ rate < 1: rate 1 would drop everything and scale by infinity. */
function checkRate(rate: number): void {
  if (!Number.isFinite(rate) || rate < 0 || rate >= 1) {
    throw new ArgumentError("dropout", `rate must be in [0, 1), got ${rate}`);
  }
}

/**
 * An inverted-dropout mask as Keras draws it: each unit is kept when a uniform draw is ≥ rate,
 * and kept units are scaled by 1/(1 − rate) so the expected sum is unchanged and the sheet's
 * evaluation (no dropout) needs no rescaling. Values are 0 or that scale.
 */
export function dropoutMask(shape: Shape, rate: number, rng: Rng): Float32Array {
  checkRate(rate);
  const scale = 1 / (1 - rate);
  const mask = allocateUnset(sizeOf(shape));
  for (let i = 0; i < mask.length; i++) mask[i] = rng.uniform() >= rate ? scale : 0;
  return mask;
}

/** x · mask element-wise; the gradient is the same product with the same mask (it is linear in x). */
export function applyDropoutMask(x: Tensor, mask: Float32Array): Tensor {
  if (mask.length !== x.size) {
    throw new ArgumentError("dropout", `the mask has ${mask.length} values but x has ${x.size}`);
  }
  const y = allocateUnset(x.size);
  const xs = x.data;
  for (let i = 0; i < y.length; i++) y[i] = xs[i]! * mask[i]!;
  return record("dropout", x.shape, y, [x], (dy) => [applyDropoutMask(dy, mask)]);
}

/**
 * Dropout with a mask drawn from `rng`. Without one (evaluation, not a training step) and at rate 0
 * it is the identity: x itself, no draw. The rate is checked either way, so a bad one shows at once.
 */
export function dropout(x: Tensor, rate: number, rng: Rng | null): Tensor {
  checkRate(rate);
  if (rng === null || rate === 0) return x;
  return applyDropoutMask(x, dropoutMask(x.shape, rate, rng));
}
