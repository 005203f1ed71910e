/**
 * The optimizer updates as JavaScript loops: float64 arithmetic, rounded to float32 on store
 * (Math.fround) where a slot keeps its value. The formulas and their sources sit with each rule
 * in engine/optim/; these functions only run them over a param's elements, in place.
 */
type Data = Readonly<Float32Array>;

export function sgdUpdate(p: Float32Array, g: Data, lr: number): void {
  for (let i = 0; i < p.length; i++) p[i] = p[i]! - lr * g[i]!;
}

export function momentumUpdate(p: Float32Array, g: Data, m: Float32Array, lr: number, mu: number, nesterov: boolean): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = Math.fround(mu * m[i]! - lr * gi);
    m[i] = mi;
    p[i] = p[i]! + (nesterov ? mu * mi - lr * gi : mi);
  }
}

/** `b` is the momentum slot, absent when momentum is 0. */
export function rmspropUpdate(p: Float32Array, g: Data, v: Float32Array, b: Float32Array | undefined,
  lr: number, rho: number, epsilon: number, momentum: number): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const vi = Math.fround(rho * v[i]! + (1 - rho) * gi * gi);
    v[i] = vi;
    const delta = (lr * gi) / Math.sqrt(vi + epsilon);
    if (b) {
      const bi = Math.fround(momentum * b[i]! + delta);
      b[i] = bi;
      p[i] = p[i]! - bi;
    } else {
      p[i] = p[i]! - delta;
    }
  }
}

/** `alpha` is the step size with Adam's bias correction already folded in. */
export function adamUpdate(p: Float32Array, g: Data, m: Float32Array, v: Float32Array,
  alpha: number, beta1: number, beta2: number, epsilon: number): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const mi = Math.fround(m[i]! + (gi - m[i]!) * (1 - beta1));
    const vi = Math.fround(v[i]! + (gi * gi - v[i]!) * (1 - beta2));
    m[i] = mi;
    v[i] = vi;
    p[i] = p[i]! - (alpha * mi) / (Math.sqrt(vi) + epsilon);
  }
}

export function adagradUpdate(p: Float32Array, g: Data, a: Float32Array, lr: number, epsilon: number): void {
  for (let i = 0; i < p.length; i++) {
    const gi = g[i]!;
    const ai = Math.fround(a[i]! + gi * gi);
    a[i] = ai;
    p[i] = p[i]! - (lr * gi) / Math.sqrt(ai + epsilon);
  }
}
