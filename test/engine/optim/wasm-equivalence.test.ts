import { afterEach, describe, expect, it } from "vitest";
import { setOptimWasm } from "../../../engine/kernels/wasm/optim-wasm.ts";
import { createOptimizer, type OptimizerConfig } from "../../../engine/optim/index.ts";
import { randomArray, rng } from "../../support/random-arrays.ts";

/**
 * The WASM SIMD updates (float32 arithmetic) against the JavaScript rules (float64, rounded on
 * store) on the same params and gradients: every param and slot after several steps, within
 * float32 rounding. Sizes cover whole vectors, a ragged tail, and the size threshold.
 */
function steps(config: OptimizerConfig, n: number, wasm: boolean, seed: number) {
  setOptimWasm(wasm);
  const next = rng(seed);
  const p = randomArray(n, next);
  const opt = createOptimizer(config);
  for (let s = 0; s < 6; s++) opt.stepInPlace([p], [randomArray(n, next)]);
  return { p, slots: opt.state().slots[0]! };
}

function expectNear(got: Float32Array, want: Float32Array, what: string): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!, g = got[i]!;
    if (!(Math.abs(g - w) <= 2e-6 * (Math.abs(w) + 1))) expect.fail(`${what}[${i}] = ${g}, want ${w}`);
  }
}

const configs: OptimizerConfig[] = [
  { kind: "rmsprop", lr: 0.01 },
  { kind: "rmsprop", lr: 0.01, momentum: 0.9 },
  { kind: "adam", lr: 0.01 },
  { kind: "adagrad", lr: 0.1 },
];

describe("WASM optimizer updates", () => {
  afterEach(() => setOptimWasm(true));

  for (const config of configs) {
    const name = `${config.kind}${config.momentum ? " with momentum" : ""}`;
    it(`${name}: matches the JavaScript rule`, () => {
      for (const n of [256, 257, 1030, 4099]) {
        const js = steps(config, n, false, n);
        const wasm = steps(config, n, true, n);
        expectNear(wasm.p, js.p, `${name} n=${n} param`);
        js.slots.forEach((s, i) => expectNear(wasm.slots[i]!, s, `${name} n=${n} slot ${i}`));
        // Float32 and float64 arithmetic round differently somewhere: proof the WASM path ran.
        expect(wasm.p.some((x, i) => x !== js.p[i])).toBe(true);
      }
    });
  }
});
