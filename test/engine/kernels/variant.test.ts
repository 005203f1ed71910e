import { afterEach, describe, expect, it } from "vitest";
import { getGemmBackend, setGemmBackend } from "../../../engine/kernels/matmul.ts";
import { kernelVariant, kernelVariantName } from "../../../engine/kernels/variant.ts";
import { gemmFma, setGemmFma, simdAvailable } from "../../../engine/kernels/wasm/gemm-wasm.ts";
import { setOptimWasm } from "../../../engine/kernels/wasm/optim-wasm.ts";

describe("the kernel variant", () => {
  const backend = getGemmBackend();
  afterEach(() => {
    setGemmBackend(backend);
    setGemmFma(true);
    setOptimWasm(true);
  });

  it("names the JavaScript kernels when they are forced", () => {
    setGemmBackend("js");
    setOptimWasm(false);
    expect(kernelVariant()).toEqual({ gemm: "js", optimizer: "js" });
    expect(kernelVariantName()).toBe("gemm:js optim:js");
  });

  it.runIf(simdAvailable())("names the WebAssembly SIMD kernels, with and without fused multiply-adds", () => {
    setGemmBackend("auto");
    setGemmFma(false);
    expect(kernelVariant()).toEqual({ gemm: "wasm-simd", optimizer: "wasm" });
    setGemmBackend("wasm");
    expect(kernelVariant().gemm).toBe("wasm-simd-all");
    setGemmFma(true);
    expect(kernelVariant().gemm).toBe(gemmFma() ? "wasm-simd-fma-all" : "wasm-simd-all");
  });

  it("writes a variant as one short string for checkpoints", () => {
    expect(kernelVariantName({ gemm: "wasm-simd-fma", optimizer: "wasm" })).toBe("gemm:wasm-simd-fma optim:wasm");
  });
});
