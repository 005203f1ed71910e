import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { partition } from "../../../engine/kernels/wasm/gemm-wasm.ts";
import { startNodeGemmThreads } from "../../../engine/kernels/wasm/gemm-threads.node.ts";
import { gemmThreads, startGemmThreads, stopGemmThreads } from "../../../engine/kernels/wasm/gemm-threads.ts";
import { enableRelaxedSimd } from "../../../engine/kernels/wasm/relaxed-simd.node.ts";
import { checkWasmGemm as check, edges, variants } from "../../support/wasm-gemm-check.ts";

// As the CLI and bench run it: the fused (relaxed-SIMD) kernel, shared by every helper.
enableRelaxedSimd();

describe("partition", () => {
  it("tiles C exactly, on 4-row / 8-column boundaries, by the longer side", () => {
    for (const [M, N, threads] of [[128, 512, 2], [784, 512, 3], [7, 17, 2], [129, 1, 4], [1, 1, 3], [40, 9, 16]] as const) {
      const parts = partition(M, N, threads);
      expect(parts.length).toBeGreaterThan(0);
      expect(parts.length).toBeLessThanOrEqual(threads);
      const covered = new Uint8Array(M * N);
      for (const [i0, i1, j0, j1] of parts) {
        expect(i0 % 4).toBe(0);
        expect(j0 % 8).toBe(0);
        for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) covered[i * N + j]!++;
      }
      expect(covered.every((c) => c === 1)).toBe(true);
      if (threads > 1 && (N >= M ? N > 8 : M > 4)) expect(parts.length).toBeGreaterThan(1);
    }
  });
});

describe("without shared memory", () => {
  it("stays on one thread: a page that isn't cross-origin isolated starts no helper", async () => {
    const g = globalThis as { crossOriginIsolated?: boolean };
    g.crossOriginIsolated = false;
    try {
      let spawned = 0;
      expect(await startGemmThreads(2, () => {
        spawned++;
        throw new Error("must not spawn");
      })).toBe(1);
      expect(spawned).toBe(0);
      expect(gemmThreads()).toBe(1);
      check(false, false, 128, 512, 784, 21);
    } finally {
      delete g.crossOriginIsolated;
    }
  });
});

describe("multi-threaded wasm gemm (Node worker_threads)", () => {
  // Every product fans out, however small, so the edge sizes exercise the split too.
  beforeAll(async () => {
    expect(await startNodeGemmThreads(3, 1)).toBe(3);
  });
  afterAll(() => stopGemmThreads());

  for (const [tA, tB] of variants) {
    const name = `${tA ? "T" : "N"}${tB ? "T" : "N"}`;
    it(`${name}: matches the JS kernel on edge sizes and across block boundaries`, () => {
      let seed = 100;
      for (const M of edges) for (const N of edges) check(tA, tB, M, N, 17, seed++);
      check(tA, tB, 133, 515, 300, seed++);
      check(tA, tB, 131, 9, 1100, seed++);
    });
  }

  it("matches on the bench shapes, and back on one thread after stopping", () => {
    check(false, false, 128, 512, 784, 11);
    check(true, false, 784, 512, 128, 12);
    check(false, true, 128, 784, 512, 13);
    expect(gemmThreads()).toBe(3);
    stopGemmThreads();
    expect(gemmThreads()).toBe(1);
    check(false, false, 128, 512, 784, 14);
  });
});
