import { describe, expect, it } from "vitest";
import {
  createOptimizer,
  optimizerStateFromJSON,
  optimizerStateToJSON,
  restoreOptimizer,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerState,
} from "../../../engine/optim/index.ts";
import { tensor } from "../../../engine/tensor.ts";

const CONFIGS: OptimizerConfig[] = [
  { kind: "sgd" },
  { kind: "momentum" },
  { kind: "nesterov" },
  { kind: "adagrad" },
  { kind: "rmsprop" },
  { kind: "rmsprop", momentum: 0.7 },
  { kind: "adam" },
];

/** Two params of different sizes with gradients that depend on them (a quadratic), so paths diverge on any slip. */
function initialParams(): Float32Array[] {
  return [Float32Array.of(0.5, -1.25, 2), Float32Array.of(3, -0.75)];
}

function advance(opt: Optimizer, params: Float32Array[], steps: number): void {
  for (let s = 0; s < steps; s++) {
    const grads = params.map((p) => p.map((x, i) => (i + 1) * x - 0.3 * s));
    opt.stepInPlace(params, grads);
  }
}

/** Bit patterns, so −0/+0 and NaN payloads count as differences too. */
const bits = (ps: Float32Array[]) => ps.map((p) => Array.from(new Uint32Array(p.buffer.slice(0))));

const ROUND_TRIPS: Record<string, (s: OptimizerState) => OptimizerState> = {
  direct: (s) => s,
  structuredClone: (s) => structuredClone(s),
  JSON: (s) => optimizerStateFromJSON(JSON.parse(JSON.stringify(optimizerStateToJSON(s)))),
};

describe("save → restore → continue", () => {
  for (const config of CONFIGS) {
    for (const [via, trip] of Object.entries(ROUND_TRIPS)) {
      it(`${JSON.stringify(config)} via ${via} is bit-identical to an uninterrupted run`, () => {
        const N = 5, M = 7;
        const straight = createOptimizer(config);
        const ps = initialParams();
        advance(straight, ps, N + M);

        const first = createOptimizer(config);
        const qs = initialParams();
        advance(first, qs, N);
        const resumed = restoreOptimizer(trip(first.state()));
        // Continue with the same gradient schedule (the step index s restarts, so shift it).
        for (let s = N; s < N + M; s++) resumed.stepInPlace(qs, qs.map((p) => p.map((x, i) => (i + 1) * x - 0.3 * s)));

        expect(qs).toEqual(ps);
        expect(bits(qs)).toEqual(bits(ps));
        expect(resumed.state()).toEqual(straight.state());
      });
    }
  }

  it("the state is a deep copy: mutating it or the restored optimizer does not leak", () => {
    const opt = createOptimizer({ kind: "adam" });
    const ps = initialParams();
    advance(opt, ps, 2);
    const s = opt.state();
    const before = structuredClone(s);
    s.slots[0]![0]!.fill(123);
    s.iterations = 99;
    expect(opt.state()).toEqual(before);
    const restored = restoreOptimizer(before);
    advance(restored, initialParams(), 1);
    expect(before.iterations).toBe(2);
    expect(before).toEqual(opt.state());
  });

  it("JSON form keeps NaN, ±Infinity and −0 exactly", () => {
    const state: OptimizerState = {
      kind: "adam",
      config: { kind: "adam", lr: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
      iterations: 3,
      slots: [[Float32Array.of(Number.NaN, Infinity, -Infinity, -0, 1e-45), Float32Array.of(1, 2, 3, 4, 5)]],
    };
    const back = optimizerStateFromJSON(JSON.parse(JSON.stringify(optimizerStateToJSON(state))));
    expect(Object.is(back.slots[0]![0]![3], -0)).toBe(true);
    expect(back).toEqual(state);
  });
});

describe("slots", () => {
  it("are created lazily per param, sized to it, with the rule's initial value", () => {
    const opt = createOptimizer({ kind: "adagrad", initialAccumulator: 0.25 });
    expect(opt.state().slots).toEqual([]);
    opt.stepInPlace([new Float32Array(3), new Float32Array(5)], [new Float32Array(3), new Float32Array(5)]);
    const { slots, iterations } = opt.state();
    expect(iterations).toBe(1);
    expect(slots.map((s) => s.map((a) => a.length))).toEqual([[3], [5]]);
    expect(Array.from(slots[1]![0]!)).toEqual([0.25, 0.25, 0.25, 0.25, 0.25]); // zero gradient: a = a₀ + 0²
  });

  it("count per kind follows Keras (rmsprop's momentum slot only when momentum > 0)", () => {
    const count = (config: OptimizerConfig) => {
      const opt = createOptimizer(config);
      opt.stepInPlace([new Float32Array(2)], [new Float32Array(2)]);
      return opt.state().slots[0]!.length;
    };
    expect(CONFIGS.map(count)).toEqual([0, 1, 1, 1, 1, 2, 2]);
  });
});

describe("apply (functional form)", () => {
  it("returns new tensors equal to an in-place step and leaves its inputs alone", () => {
    const w = tensor([[1, 2], [3, 4]]), b = tensor([0.5]);
    const gw = tensor([[0.1, -0.2], [0.3, -0.4]]), gb = tensor([1]);
    const functional = createOptimizer({ kind: "adam", lr: 0.1 });
    const [w1, b1] = functional.apply([w, b], [gw, gb]);
    expect(w.toFlatArray()).toEqual([1, 2, 3, 4]);
    expect(b.toFlatArray()).toEqual([0.5]);
    expect(w1!.shape).toEqual([2, 2]);
    expect(w1!.node).toBeNull();

    const inPlace = createOptimizer({ kind: "adam", lr: 0.1 });
    const raw = [new Float32Array(w.data), new Float32Array(b.data)];
    inPlace.stepInPlace(raw, [gw.data, gb.data]);
    expect(w1!.data).toEqual(raw[0]);
    expect(b1!.data).toEqual(raw[1]);
    expect(functional.state()).toEqual(inPlace.state());
  });
});
