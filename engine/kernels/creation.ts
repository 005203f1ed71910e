import { allocate, allocateUnset } from "../buffers.ts";

/** An n × m identity matrix, row-major. */
export function identity(n: number, m: number): Float32Array {
  const out = allocate(n * m);
  for (let i = 0; i < Math.min(n, m); i++) out[i * m + i] = 1;
  return out;
}

/** start + i·step for i < n (arange, linspace). */
export function range(start: number, step: number, n: number): Float32Array {
  const out = allocateUnset(n);
  for (let i = 0; i < n; i++) out[i] = start + i * step;
  return out;
}
