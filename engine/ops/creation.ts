import { ArgumentError } from "../errors.ts";
import { checkShape, sizeOf } from "../shape.ts";
import { Tensor } from "../tensor.ts";
import { allocate, allocateUnset } from "../buffers.ts";
import { checkElements } from "../limits.ts";
import { kernels } from "../kernels/backend.ts";

export function full(shape: readonly number[], value: number): Tensor {
  return filled("full", shape, value);
}

/** `op` names the function the user called, so a size error says ones([…]) rather than full([…]). */
function filled(op: string, shape: readonly number[], value: number): Tensor {
  checkShape(op, shape);
  return new Tensor(shape, allocateUnset(sizeOf(shape)).fill(value));
}

export function zeros(shape: readonly number[]): Tensor {
  checkShape("zeros", shape);
  return new Tensor(shape, allocate(sizeOf(shape)));
}

export function ones(shape: readonly number[]): Tensor {
  return filled("ones", shape, 1);
}

export function zeros_like(x: Tensor): Tensor {
  return zeros(x.shape);
}

export function ones_like(x: Tensor): Tensor {
  return filled("ones_like", x.shape, 1);
}

/** Identity matrix `n × m` (m defaults to n). */
export function eye(n: number, m = n): Tensor {
  checkShape("eye", [n, m]);
  return new Tensor([n, m], kernels.identity(n, m));
}

/** NumPy arange: `arange(stop)`, `arange(start, stop, step = 1)`, stop excluded. */
export function arange(start: number, stop?: number, step = 1): Tensor {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0 || !Number.isFinite(step)) throw new ArgumentError("arange", `step must be a finite non-zero number, got ${step}`);
  const n = Math.max(0, Math.ceil((stop - start) / step));
  if (!Number.isFinite(n)) throw new ArgumentError("arange", `arange(${start}, ${stop}, ${step}) needs finite start and stop`);
  checkElements("arange", n, `arange(${start}, ${stop}, ${step})`);
  return new Tensor([n], kernels.range(start, step, n));
}

/** NumPy linspace: `num` evenly spaced values from start to stop, both included. */
export function linspace(start: number, stop: number, num = 50): Tensor {
  if (!Number.isInteger(num) || num < 0) throw new ArgumentError("linspace", `num must be a non-negative integer, got ${num}`);
  checkElements("linspace", num, `linspace(${start}, ${stop}, ${num})`);
  const data = kernels.range(start, num > 1 ? (stop - start) / (num - 1) : 0, num);
  if (num > 1) data[num - 1] = stop;
  return new Tensor([num], data);
}
