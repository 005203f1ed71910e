import { afterEach, describe, expect, it } from "vitest";
import { add, div, fromBuffer, mul, relu, sub, sum, grad, type Tensor } from "../../../engine/index.ts";
import {
  setElementwiseWasm, wasmBinary, wasmBinaryRow, wasmRelu, wasmReluGrad, wasmSumRows,
} from "../../../engine/kernels/wasm/elementwise-wasm.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";

/**
 * The WASM element-wise and reduction loops against the JavaScript kernels on the same inputs:
 * bit-identical (NaN, ±0 and ±Infinity included), on sizes around the WASM threshold (4,096)
 * with ragged tails, through the public ops.
 */
function both(f: () => Tensor): [Float32Array, Float32Array] {
  setElementwiseWasm(false);
  const js = Float32Array.from(f().data);
  setElementwiseWasm(true);
  return [Float32Array.from(f().data), js];
}

function expectIdentical([wasm, js]: [Float32Array, Float32Array], what: string): void {
  expect(wasm.length, what).toBe(js.length);
  for (let i = 0; i < js.length; i++) {
    if (!Object.is(wasm[i], js[i])) expect.fail(`${what}[${i}]: wasm ${wasm[i]}, js ${js[i]}`);
  }
}

/** Random values with the special ones sprinkled in. */
function values(n: number, seed: number): Float32Array {
  const v = randomArray(n, rng(seed));
  const specials = [NaN, 0, -0, Infinity, -Infinity, 1e-45, -3.5];
  for (let i = 0; i < n; i += 97) v[i] = specials[(i / 97) % specials.length]!;
  return v;
}

const shapes: [number, number][] = [[128, 512], [64, 65], [1025, 4], [4097, 1], [3, 4]];

describe("WASM element-wise loops", () => {
  afterEach(() => setElementwiseWasm(true));

  it("+ − × ÷ of equal shapes and of a broadcast row are bit-identical to JavaScript", () => {
    let seed = 1;
    for (const [r, c] of shapes) {
      const a = fromBuffer([r, c], values(r * c, seed++));
      const b = fromBuffer([r, c], values(r * c, seed++));
      const row = fromBuffer([c], values(c, seed++));
      for (const [name, op] of [["add", add], ["sub", sub], ["mul", mul], ["div", div]] as const) {
        expectIdentical(both(() => op(a, b)), `${name} [${r},${c}]`);
        expectIdentical(both(() => op(a, row)), `${name} [${r},${c}] by a row`);
      }
    }
  });

  it("relu, its gradient and column sums are bit-identical to JavaScript", () => {
    let seed = 50;
    for (const [r, c] of shapes) {
      const x = fromBuffer([r, c], values(r * c, seed++));
      const g = fromBuffer([r, c], values(r * c, seed++));
      expectIdentical(both(() => relu(x)), `relu [${r},${c}]`);
      expectIdentical(both(() => grad(relu(x), [x], { seed: g })[0]!), `relu grad [${r},${c}]`);
      expectIdentical(both(() => sum(x, 0)), `sum over rows [${r},${c}]`);
      const x3 = fromBuffer([2, r, c], values(2 * r * c, seed++));
      expectIdentical(both(() => sum(x3, [0, 1])), `sum over leading axes [2,${r},${c}]`);
    }
  });

  it("runs here (so the comparisons above compare two paths), and declines ragged rows", () => {
    const x = values(128 * 512, 99);
    expect(wasmRelu(x)).not.toBeNull();
    expect(wasmReluGrad(x, x)).not.toBeNull();
    expect(wasmBinary(0, x, x)).not.toBeNull();
    expect(wasmBinaryRow(0, x, x.subarray(0, 512))).not.toBeNull();
    expect(wasmSumRows(x, 128, 512)).not.toBeNull();
    // Rows that aren't whole vectors stay in JavaScript.
    expect(wasmBinaryRow(0, x.subarray(0, 65 * 64), x.subarray(0, 65))).toBeNull();
    expect(wasmSumRows(x.subarray(0, 64 * 65), 64, 65)).toBeNull();
  });
});
