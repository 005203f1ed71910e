import { describe, expect, it } from "vitest";
import { ArgumentError, ShapeError } from "../../../engine/errors.ts";
import { createOptimizer, restoreOptimizer, type OptimizerConfig, type OptimizerState } from "../../../engine/optim/index.ts";
import { tensor } from "../../../engine/tensor.ts";

const bad = (config: unknown) => () => createOptimizer(config as OptimizerConfig);

describe("config validation", () => {
  it("rejects unknown kinds, naming the valid ones", () => {
    expect(bad({ kind: "adamw" })).toThrow(ArgumentError);
    expect(bad({ kind: "adamw" })).toThrow(/unknown optimizer kind "adamw".*sgd, momentum, nesterov, adagrad, rmsprop, adam/);
    expect(bad(null)).toThrow(ArgumentError);
  });

  it("rejects out-of-range hyperparameters", () => {
    expect(bad({ kind: "sgd", lr: -0.1 })).toThrow(/lr must be a number in \[0, Infinity\), got -0.1/);
    expect(bad({ kind: "adam", lr: Number.NaN })).toThrow(ArgumentError);
    expect(bad({ kind: "rmsprop", rho: 1 })).toThrow(/rho must be a number in \[0, 1\), got 1/);
    expect(bad({ kind: "rmsprop", rho: -0.1 })).toThrow(ArgumentError);
    expect(bad({ kind: "adam", beta1: 1 })).toThrow(ArgumentError);
    expect(bad({ kind: "adam", beta2: 1.5 })).toThrow(ArgumentError);
    expect(bad({ kind: "momentum", momentum: 1.1 })).toThrow(ArgumentError);
    expect(bad({ kind: "adagrad", epsilon: -1e-7 })).toThrow(ArgumentError);
    expect(bad({ kind: "adagrad", initialAccumulator: "0.1" })).toThrow(ArgumentError);
    expect(createOptimizer({ kind: "sgd", lr: 0 }).config.lr).toBe(0);
    expect(createOptimizer({ kind: "momentum", momentum: 1 }).config).toMatchObject({ momentum: 1 });
  });

  it("rejects hyperparameters the kind does not use instead of ignoring them", () => {
    expect(bad({ kind: "sgd", momentum: 0.9 })).toThrow(/sgd does not take "momentum" \(it takes lr\)/);
    expect(bad({ kind: "adam", rho: 0.9 })).toThrow(ArgumentError);
    expect(createOptimizer({ kind: "adam", rho: undefined }).config.kind).toBe("adam");
  });
});

describe("step validation", () => {
  it("names the param index and both sizes on a param/gradient mismatch", () => {
    const opt = createOptimizer({ kind: "adam" });
    const call = () => opt.stepInPlace([new Float32Array(2), new Float32Array(3)], [new Float32Array(2), new Float32Array(4)]);
    expect(call).toThrow(ArgumentError);
    expect(call).toThrow("param 1 has 3 values but its gradient has 4");
  });

  it("rejects mismatched param and gradient counts", () => {
    const opt = createOptimizer({ kind: "sgd" });
    expect(() => opt.stepInPlace([new Float32Array(2)], [])).toThrow("got 1 params but 0 gradients");
  });

  it("rejects a param whose size changed since its slots were built", () => {
    const opt = createOptimizer({ kind: "rmsprop" });
    opt.stepInPlace([new Float32Array(2)], [new Float32Array(2)]);
    expect(() => opt.stepInPlace([new Float32Array(5)], [new Float32Array(5)])).toThrow("param 0 has 5 values but its optimizer slots were built for 2");
  });

  it("changes nothing when a step is rejected", () => {
    const opt = createOptimizer({ kind: "adam" });
    const p0 = Float32Array.of(1, 2), p1 = Float32Array.of(3);
    expect(() => opt.stepInPlace([p0, p1], [Float32Array.of(1, 1), Float32Array.of(1, 1)])).toThrow(ArgumentError);
    expect(Array.from(p0)).toEqual([1, 2]);
    expect(opt.state()).toEqual({ kind: "adam", config: opt.config, iterations: 0, slots: [] });
  });

  it("apply rejects gradients whose shape differs from the param's", () => {
    const opt = createOptimizer({ kind: "sgd" });
    expect(() => opt.apply([tensor([[1, 2, 3]])], [tensor([[1], [2], [3]])])).toThrow(ShapeError);
  });
});

describe("restore validation", () => {
  const good = (): OptimizerState => {
    const opt = createOptimizer({ kind: "adam" });
    opt.stepInPlace([new Float32Array(2)], [new Float32Array(2)]);
    return opt.state();
  };

  it("rejects inconsistent or malformed states", () => {
    expect(() => restoreOptimizer({ ...good(), kind: "sgd" })).toThrow(ArgumentError);
    expect(() => restoreOptimizer({ ...good(), iterations: -1 })).toThrow(ArgumentError);
    expect(() => restoreOptimizer({ ...good(), slots: [[new Float32Array(2)]] })).toThrow(/slots\[0\] must hold 2 Float32Arrays/);
    expect(() => restoreOptimizer({ ...good(), slots: [[new Float32Array(2), new Float32Array(3)]] })).toThrow(ArgumentError);
    expect(() => restoreOptimizer({ ...good(), config: { kind: "adam", lr: -1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } })).toThrow(ArgumentError);
    expect(() => restoreOptimizer(good())).not.toThrow();
  });
});
