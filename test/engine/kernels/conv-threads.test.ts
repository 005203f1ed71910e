import { afterAll, describe, expect, it } from "vitest";
import { grad } from "../../../engine/grad.ts";
import { startNodeGemmThreads } from "../../../engine/kernels/wasm/gemm-threads.node.ts";
import { gemmThreads, stopGemmThreads } from "../../../engine/kernels/wasm/gemm-threads.ts";
import { conv2d } from "../../../engine/ops/conv.ts";
import type { Tensor } from "../../../engine/tensor.ts";
import { maxRelativeError } from "../../support/conv-naive.ts";
import { seededUniform, uniformTensor } from "../../support/gradcheck.ts";

describe("conv2d on the gemm helper threads", () => {
  afterAll(() => stopGemmThreads());

  it("gives the one-thread output and gradients when its products are split across 2 threads", async () => {
    const r = seededUniform(2400);
    const x = uniformTensor([8, 13, 11, 16], r);
    const k = uniformTensor([3, 3, 16, 24], r, -0.2, 0.2);
    const dy = uniformTensor([8, 7, 6, 24], r);
    const run = (): Tensor[] => {
      const y = conv2d(x, k, { strides: 2, padding: "same" });
      return [y, ...grad(y, [x, k], { seed: dy })];
    };
    const alone = run();
    // minPerThread 1: even these products fan out.
    expect(await startNodeGemmThreads(2, 1)).toBe(2);
    expect(gemmThreads()).toBe(2);
    const shared = run();
    for (let i = 0; i < 3; i++) expect(maxRelativeError(shared[i]!, alone[i]!), ["y", "dx", "dk"][i]).toBeLessThanOrEqual(1e-5);
  });
});
