import { afterEach, describe, expect, it, vi } from "vitest";
import { add, fromBuffer, matmul, max_pool2d, relu, type Tensor } from "../../../engine/index.ts";
import { elementwiseScratch, setElementwiseWasm } from "../../../engine/kernels/wasm/elementwise-wasm.ts";
import { releaseIdleMemory, wasmMemoryBytes } from "../../../engine/kernels/wasm/idle-memory.ts";
import { SCRATCH_MAX_BYTES } from "../../../engine/kernels/wasm/scratch-module.ts";
import { createOptimizer } from "../../../engine/optim/index.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";

/**
 * WebAssembly memory as a cache: past the ceiling or when growing fails, the element-wise ops
 * run in JavaScript (bit-identical by design); releasing drops the memories and the next op
 * re-instantiates small and computes the same bits.
 */
const PAGE = 65536;
const x = fromBuffer([128, 512], randomArray(128 * 512, rng(1)));
const y = fromBuffer([128, 512], randomArray(128 * 512, rng(2)));

function bits(t: Tensor): Uint32Array {
  return new Uint32Array(Float32Array.from(t.data).buffer);
}

/** The JavaScript kernels' answer, the reference for the WASM path and the fallback alike. */
function inJavaScript(f: () => Tensor): Uint32Array {
  setElementwiseWasm(false);
  try {
    return bits(f());
  } finally {
    setElementwiseWasm(true);
  }
}

describe("element-wise WASM memory", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    elementwiseScratch.setMaxBytes(SCRATCH_MAX_BYTES);
  });

  it("past its ceiling an op runs in JavaScript with identical results, never growing the memory", async () => {
    await releaseIdleMemory();
    elementwiseScratch.setMaxBytes(PAGE);
    expect(bits(add(x, y))).toEqual(inJavaScript(() => add(x, y)));
    expect(bits(relu(x))).toEqual(inJavaScript(() => relu(x)));
    expect(wasmMemoryBytes().elementwise).toBe(0);
  });

  it("when memory.grow throws a RangeError, the op falls back to JavaScript for that call", async () => {
    await releaseIdleMemory();
    const grow = vi.spyOn(WebAssembly.Memory.prototype, "grow").mockImplementation(() => {
      throw new RangeError("WebAssembly.Memory.grow(): Maximum memory size exceeded");
    });
    expect(bits(add(x, y))).toEqual(inJavaScript(() => add(x, y)));
    expect(grow).toHaveBeenCalled();
    expect(wasmMemoryBytes().elementwise).toBe(PAGE);
    grow.mockRestore();
    // Memory to spare again: back on the WASM path, same bits.
    expect(bits(add(x, y))).toEqual(inJavaScript(() => add(x, y)));
    expect(wasmMemoryBytes().elementwise).toBeGreaterThanOrEqual(3 * 128 * 512 * 4);
  });

  it("other errors from memory.grow are not swallowed", async () => {
    await releaseIdleMemory();
    vi.spyOn(WebAssembly.Memory.prototype, "grow").mockImplementation(() => {
      throw new TypeError("not a memory");
    });
    expect(() => add(x, y)).toThrow("not a memory");
  });
});

describe("releaseIdleMemory", () => {
  it("shrinks every kernel's memory to nothing, and the next ops re-instantiate and give identical results", async () => {
    const a = fromBuffer([128, 784], randomArray(128 * 784, rng(3)));
    const b = fromBuffer([784, 512], randomArray(784 * 512, rng(4)));
    const p = randomArray(4096, rng(5));
    const g = randomArray(4096, rng(6));
    const adamStep = () => {
      const param = Float32Array.from(p);
      createOptimizer({ kind: "adam", lr: 0.01 }).stepInPlace([param], [g]);
      return param;
    };

    const images = fromBuffer([8, 16, 16, 8], randomArray(8 * 16 * 16 * 8, rng(7)));
    const before = {
      sum: bits(add(x, y)), relu: bits(relu(x)), product: bits(matmul(a, b)), adam: adamStep(), pool: bits(max_pool2d(images, 2)),
    };
    const grown = wasmMemoryBytes();
    // The pool's input and its maxima and their offsets.
    expect(grown.window).toBeGreaterThanOrEqual((8 * 16 * 16 * 8 + 2 * 8 * 8 * 8 * 8) * 4);
    expect(grown.elementwise).toBeGreaterThanOrEqual(3 * 128 * 512 * 4);
    expect(grown.gemm).toBeGreaterThanOrEqual((128 * 784 + 784 * 512 + 128 * 512) * 4);
    expect(grown.optim).toBeGreaterThanOrEqual(4 * 4096 * 4);

    await releaseIdleMemory();
    expect(wasmMemoryBytes()).toEqual({ elementwise: 0, optim: 0, window: 0, gemm: 0 });

    expect(bits(add(x, y))).toEqual(before.sum);
    expect(bits(relu(x))).toEqual(before.relu);
    expect(bits(matmul(a, b))).toEqual(before.product);
    expect(adamStep()).toEqual(before.adam);
    expect(bits(max_pool2d(images, 2))).toEqual(before.pool);
    expect(wasmMemoryBytes().gemm).toBeGreaterThan(0);
  });
});
