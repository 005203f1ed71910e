import { describe, expect, it } from "vitest";
import { grad } from "../../../engine/grad.ts";
import { add } from "../../../engine/ops/elementwise.ts";
import { index } from "../../../engine/ops/indexing.ts";
import { conv2d } from "../../../engine/ops/conv.ts";
import { COLS_CAP_BYTES, colsScratchBytes, releaseColsScratch } from "../../../engine/kernels/conv.ts";
import { gemmMemoryBytes } from "../../../engine/kernels/wasm/gemm-wasm.ts";
import { releaseIdleMemory } from "../../../engine/kernels/wasm/idle-memory.ts";
import { seededUniform, uniformTensor } from "../../support/gradcheck.ts";
import { maxRelativeError } from "../../support/conv-naive.ts";

describe("conv2d's im2col scratch stays within its cap", () => {
  it("a [64, 28, 28, 32] batch ⊛ 3×3×32×64 runs in chunks whose scratch is ≤ 32 MiB, and the chunks agree with smaller runs", () => {
    // Its whole im2col would be 64·28·28 rows × 288 floats = 57.8 MB. A chunk's positions each take a
    // row of cols and 64 output channels (352 floats): 23,831 positions, so three chunks, the
    // boundaries inside images 30 and 60.
    const r = seededUniform(2300);
    const x = uniformTensor([64, 28, 28, 32], r);
    const k = uniformTensor([3, 3, 32, 64], r, -0.1, 0.1);
    const dy = uniformTensor([64, 28, 28, 64], r);
    const options = { padding: "same" } as const;
    const y = conv2d(x, k, options);
    const [gx, gk] = grad(y, [x, k], { seed: dy });
    expect(colsScratchBytes()).toBeLessThanOrEqual(COLS_CAP_BYTES);
    expect(COLS_CAP_BYTES).toBe(32 * 1024 * 1024);
    // On the WebAssembly kernel the cols (and col2im's dcols) live in its memory instead, chunked
    // alike: one chunk's cols and dy, output or dcols rows (≤ 32 MiB together) plus the packing
    // area (1.25 MiB). Unchunked, the cols alone would be 57.8 MB.
    expect(gemmMemoryBytes()).toBeGreaterThan(0);
    expect(gemmMemoryBytes()).toBeLessThanOrEqual(COLS_CAP_BYTES + 2 * 1024 * 1024);

    // Images 30 and 60 alone (one chunk) give the same output and input gradient as inside the big run.
    const at = (t: typeof x, n: number) => index(t, [{ start: n, stop: n + 1 }]);
    for (const n of [30, 60]) {
      const xn = at(x, n);
      const yn = conv2d(xn, k, options);
      expect(maxRelativeError(at(y, n), yn), `y of image ${n}`).toBeLessThanOrEqual(1e-5);
      const [gxn] = grad(yn, [xn], { seed: at(dy, n) });
      expect(maxRelativeError(at(gx!, n), gxn!), `dx of image ${n}`).toBeLessThanOrEqual(1e-5);
    }

    // The kernel gradient summed over chunks equals the sum over two half batches of one chunk each.
    const half = (t: typeof x, lo: number) => index(t, [{ start: lo, stop: lo + 32 }]);
    const parts = [0, 32].map((lo) => {
      const xh = half(x, lo);
      return grad(conv2d(xh, k, options), [k], { seed: half(dy, lo) })[0]!;
    });
    expect(maxRelativeError(gk!, add(parts[0]!, parts[1]!))).toBeLessThanOrEqual(1e-4);
    expect(colsScratchBytes()).toBeLessThanOrEqual(COLS_CAP_BYTES);
  });

  it("gives the scratch back when released, and regrows it only to what the next convolution needs", () => {
    conv2d(uniformTensor([2, 8, 8, 3], seededUniform(2310)), uniformTensor([3, 3, 3, 4], seededUniform(2311)));
    releaseColsScratch();
    expect(colsScratchBytes()).toBe(0);
    conv2d(uniformTensor([2, 8, 8, 3], seededUniform(2312)), uniformTensor([3, 3, 3, 4], seededUniform(2313)));
    // 2 images × 6 × 6 positions × 27 values × 4 bytes.
    expect(colsScratchBytes()).toBe(2 * 36 * 27 * 4);
  });

  it("is given back with the kernels' memories when a worker goes idle", async () => {
    conv2d(uniformTensor([2, 8, 8, 3], seededUniform(2314)), uniformTensor([3, 3, 3, 4], seededUniform(2315)));
    expect(colsScratchBytes()).toBeGreaterThan(0);
    await releaseIdleMemory();
    expect(colsScratchBytes()).toBe(0);
  });
});
