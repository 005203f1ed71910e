// A newer edit stops a large product part-way: the poll is read between the product's blocks, on
// one thread and on several, and the next product (with nothing asking it to stop) is right.
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { Interrupted, Rng, dot, randn, withInterrupt } from "../../../engine/index.ts";
import { setGemmBackend } from "../../../engine/runtime.ts";
import { startNodeGemmThreads } from "../../../engine/kernels/wasm/gemm-threads.node.ts";
import { gemmHelpersIdle, stopGemmThreads } from "../../../engine/kernels/wasm/gemm-threads.ts";

const a = randn([512, 300], new Rng({ seed: 1 }));
const b = randn([300, 256], new Rng({ seed: 2 }));
const reference = (() => {
  setGemmBackend("js");
  try {
    return dot(a, b).data.slice();
  } finally {
    setGemmBackend("auto");
  }
})();

/** A poll that says "stop" from its `after`-th call on, counting its calls. */
function pollStoppingAfter(after: number) {
  const poll = { calls: 0, check: () => ++poll.calls >= after };
  return poll;
}

/** Stopped at the `after`-th poll (> 1: after some blocks were done, so inside the product). */
function expectInterruptedInside(after: number): void {
  const poll = pollStoppingAfter(after);
  expect(() => withInterrupt(poll.check, () => dot(a, b))).toThrow(Interrupted);
  expect(poll.calls).toBe(after);
  const again = dot(a, b).data;
  for (let i = 0; i < reference.length; i += 97) expect(again[i]).toBeCloseTo(reference[i]!, 3);
}

describe("interrupting a large product", () => {
  afterEach(() => setGemmBackend("auto"));

  it("stops the WebAssembly kernel between blocks", () => {
    setGemmBackend("wasm");
    expectInterruptedInside(3);
  });

  it("stops the JavaScript kernel between blocks", () => {
    setGemmBackend("js");
    expectInterruptedInside(3);
  });

  it("runs to the end when the poll never asks, and without a poll", () => {
    const poll = pollStoppingAfter(Infinity);
    const out = withInterrupt(poll.check, () => dot(a, b)).data;
    expect(poll.calls).toBeGreaterThan(0);
    expect(out[5]).toBeCloseTo(reference[5]!, 3);
  });
});

describe("interrupting a product shared with helper threads", () => {
  afterAll(() => {
    stopGemmThreads();
    setGemmBackend("auto");
  });

  it("stops the caller's share, waits for the helpers, and the next product is right", async () => {
    expect(await startNodeGemmThreads(2, 1)).toBe(2);
    setGemmBackend("wasm");
    // The caller's share is two row blocks of 128: stopped before its second.
    expectInterruptedInside(2);
    expect(gemmHelpersIdle()).toBe(true);
  });
});
