import { Tensor, scalar } from "../tensor.ts";

/** Ops accept plain numbers wherever a scalar tensor would do. */
export type Operand = Tensor | number;

export function asTensor(x: Operand): Tensor {
  return typeof x === "number" ? scalar(x) : x;
}

/** The same values with no recorded history: gradients do not flow through it. */
export function detach(x: Tensor): Tensor {
  return x.node === null ? x : new Tensor(x.shape, x.data);
}
