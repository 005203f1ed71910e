import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { partition, wasmGemm } from "../../../engine/kernels/wasm/gemm-wasm.ts";
import { startNodeGemmThreads } from "../../../engine/kernels/wasm/gemm-threads.node.ts";
import {
  gemmHelpersIdle, gemmThreads, setCallerBlockForTests, startGemmThreads, stopGemmThreads,
} from "../../../engine/kernels/wasm/gemm-threads.ts";
import { releaseIdleMemory, wasmMemoryBytes } from "../../../engine/kernels/wasm/idle-memory.ts";
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

  it("when the calling thread's share throws, waits for the helpers, and the next product is right", () => {
    setCallerBlockForTests(() => {
      throw new Error("caller's share failed");
    });
    try {
      const a = new Float32Array(256 * 784).fill(1);
      const b = new Float32Array(784 * 512).fill(1);
      expect(() => wasmGemm(false, false, 256, 512, 784, a, 0, b, 0, new Float32Array(256 * 512), 0))
        .toThrow("caller's share failed");
      // The helpers' shares (hundreds of microseconds of work) are finished, not still running.
      expect(gemmHelpersIdle()).toBe(true);
    } finally {
      setCallerBlockForTests(null);
    }
    expect(gemmThreads()).toBe(3);
    check(false, false, 256, 512, 784, 30);
    check(true, true, 133, 515, 300, 31);
  });

  it("releaseIdleMemory restarts the pool on a fresh memory once it has grown past 16 MiB", async () => {
    // A 16384 × 256 A alone is 16 MiB.
    check(false, false, 16384, 8, 256, 40);
    expect(wasmMemoryBytes().gemm).toBeGreaterThan(16 * 1024 * 1024);
    await releaseIdleMemory();
    expect(gemmThreads()).toBe(3);
    expect(wasmMemoryBytes().gemm).toBe(65536);
    check(false, false, 128, 512, 784, 41);
    // Small again: kept as it is.
    const bytes = wasmMemoryBytes().gemm;
    await releaseIdleMemory();
    expect(wasmMemoryBytes().gemm).toBe(bytes);
    expect(gemmThreads()).toBe(3);
  });

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

describe("a helper that never answers", () => {
  afterEach(() => stopGemmThreads());

  it("still yields the right product, on the calling thread, and says so in a notice", async () => {
    const notices: string[] = [];
    // A helper that reports ready and then never acknowledges a job (as if its thread hung).
    const silent = () => ({ ready: Promise.resolve(), terminate: () => {} });
    expect(await startGemmThreads(2, silent, 1, { helperTimeoutMs: 20, onNotice: (m) => notices.push(m) })).toBe(2);
    check(false, false, 64, 72, 40, 50);
    expect(notices).toEqual([
      "matrix products: a helper thread did not answer within 0.02 s; this product was redone on one thread, and products now run on one thread",
    ]);
    expect(gemmThreads()).toBe(1);
    check(true, false, 64, 72, 40, 51);
    expect(notices.length).toBe(1);
  });
});
