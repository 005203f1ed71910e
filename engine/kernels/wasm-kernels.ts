import type { Kernels } from "./backend.ts";
import type { ArithmeticOp } from "./elementwise.ts";
import { jsKernels as js } from "./js-kernels.ts";
import { wasmBinary, wasmBinaryRow, wasmRelu, wasmReluGrad, wasmSumRows, type ArithmeticCode } from "./wasm/elementwise-wasm.ts";
import { OPTIM_WASM_MIN, wasmAdagrad, wasmAdam, wasmRmsprop } from "./wasm/optim-wasm.ts";

const CODE: Record<ArithmeticOp, ArithmeticCode> = { add: 0, sub: 1, mul: 2, div: 3 };

/**
 * The JavaScript table with the hot loops of a training step in WebAssembly SIMD. Each driver
 * returns null (false) when it won't run (too few elements, no memory, turned off), and the
 * JavaScript kernel runs instead; the element-wise ones are bit-identical to it.
 */
export const wasmKernels: Kernels = {
  ...js,
  arithmetic: (op, a, b) => wasmBinary(CODE[op], a, b) ?? js.arithmetic(op, a, b),
  arithmeticRow: (op, a, b) => wasmBinaryRow(CODE[op], a, b) ?? js.arithmeticRow(op, a, b),
  relu: (x) => wasmRelu(x) ?? js.relu(x),
  reluGrad: (g, x) => wasmReluGrad(g, x) ?? js.reluGrad(g, x),
  sumRows: (x, rows, cols) => wasmSumRows(x, rows, cols) ?? js.sumRows(x, rows, cols),
  rmsprop(p, g, v, b, lr, rho, epsilon, momentum) {
    if (p.length >= OPTIM_WASM_MIN && wasmRmsprop(p, g, v, b, lr, rho, epsilon, momentum)) return;
    js.rmsprop(p, g, v, b, lr, rho, epsilon, momentum);
  },
  adam(p, g, m, v, alpha, beta1, beta2, epsilon) {
    if (p.length >= OPTIM_WASM_MIN && wasmAdam(p, g, m, v, alpha, beta1, beta2, epsilon)) return;
    js.adam(p, g, m, v, alpha, beta1, beta2, epsilon);
  },
  adagrad(p, g, a, lr, epsilon) {
    if (p.length >= OPTIM_WASM_MIN && wasmAdagrad(p, g, a, lr, epsilon)) return;
    js.adagrad(p, g, a, lr, epsilon);
  },
};
