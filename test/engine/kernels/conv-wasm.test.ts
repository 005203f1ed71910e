import { afterEach, describe, expect, it } from "vitest";
import { grad } from "../../../engine/grad.ts";
import { getGemmBackend, setGemmBackend } from "../../../engine/kernels/matmul.ts";
import { conv2d, type Padding } from "../../../engine/ops/conv.ts";
import type { Tensor } from "../../../engine/tensor.ts";
import { maxRelativeError, naiveConv2d } from "../../support/conv-naive.ts";
import { seededUniform, uniformTensor } from "../../support/gradcheck.ts";

/**
 * conv2d whose products all take the WebAssembly kernel (backend "wasm"), where im2col writes
 * the cols straight into the kernel's memory: the same output and gradients as the JavaScript
 * kernel (which builds cols in its scratch), and the output of a direct loop.
 */
describe("conv2d with im2col written into the WebAssembly kernel's memory", () => {
  const saved = getGemmBackend();
  afterEach(() => setGemmBackend(saved));

  const cases: [number[], number[], number, Padding][] = [
    [[3, 9, 8, 5], [3, 3, 5, 8], 1, "valid"],
    [[2, 11, 7, 3], [3, 2, 3, 4], 2, "same"],
    [[4, 28, 28, 1], [3, 3, 1, 32], 1, "valid"],
    [[2, 6, 6, 7], [1, 1, 7, 5], 1, "valid"],
  ];
  cases.forEach(([xs, ks, stride, padding], n) => {
    it(`[${xs}] ⊛ [${ks}], stride ${stride}, ${padding}: output, dx and dk match the JavaScript kernel and a direct loop`, () => {
      const r = seededUniform(2500 + n);
      const x = uniformTensor(xs, r);
      const k = uniformTensor(ks, r, -0.3, 0.3);
      const run = (backend: "js" | "wasm"): Tensor[] => {
        setGemmBackend(backend);
        const y = conv2d(x, k, { strides: stride, padding });
        const dy = uniformTensor(y.shape, seededUniform(2600 + n));
        return [y, ...grad(y, [x, k], { seed: dy })];
      };
      const wasm = run("wasm");
      const js = run("js");
      // dk sums over every position (2,704 in the first layer's case): float32 sums in the WebAssembly
      // kernel against float64 in JavaScript differ by ~1e-7·√K relative, hence the looser bound.
      expect(maxRelativeError(wasm[0]!, js[0]!), "y").toBeLessThanOrEqual(1e-5);
      expect(maxRelativeError(wasm[1]!, js[1]!), "dx").toBeLessThanOrEqual(1e-5);
      expect(maxRelativeError(wasm[2]!, js[2]!), "dk").toBeLessThanOrEqual(1e-4);
      expect(maxRelativeError(wasm[0]!, naiveConv2d(x, k, { strides: [stride, stride], padding }))).toBeLessThanOrEqual(1e-5);
    });
  });
});
