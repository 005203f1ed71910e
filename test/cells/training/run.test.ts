import { describe, expect, it } from "vitest";
import { Sheet } from "../../../cells/sheet.ts";
import { TrainingError, TrainingRun } from "../../../cells/training/run.ts";
import { expectResumeLikeUninterrupted, regressionCells } from "../../support/training.ts";

function regressionSheet(options = '{optimizer: "adam", lr: 0.1, batch: 16, epochs: 8, feed: [x, y], metrics: [mse_all]}') {
  const sheet = new Sheet({
    seed: 5,
    cells: regressionCells(options),
  });
  sheet.evaluate();
  return sheet;
}

describe("training runs", () => {
  it("allocates no tensor memory after its first epoch (buffers recycled step to step)", () => {
    const run = TrainingRun.start(regressionSheet(), "A9");
    // The first epoch meets every batch size (16, and the last 4) and the metric pass.
    for (let s = 0; s < run.stepsPerEpoch; s++) run.runStep();
    const afterFirstEpoch = run.memory();
    expect(afterFirstEpoch.created).toBeGreaterThan(0);
    while (!run.done) run.runStep();
    expect(run.memory().created).toBe(afterFirstEpoch.created);
    expect(run.memory().bytes).toBe(afterFirstEpoch.bytes);
    expect(run.memory().reused).toBeGreaterThan(afterFirstEpoch.reused);
  });

  it("learns a linear model with mini-batches and reports metrics each epoch", () => {
    const sheet = regressionSheet();
    const run = TrainingRun.start(sheet, "A9");
    expect(run.stepsPerEpoch).toBe(7);
    while (!run.done) run.runStep();
    expect(run.step).toBe(56);
    const history = run.lossHistory();
    expect(history[history.length - 1]!).toBeLessThan(history[0]! / 100);
    expect(run.metrics().mse_all).toHaveLength(8);
    run.applyToSheet();
    sheet.evaluate();
    expect(sheet.result("A9")!.shape).toEqual([56]);
    expect(sheet.result("A8")!.value!.item()).toBeCloseTo(run.metrics().mse_all!.at(-1)!, 5);
  });

  it("resumes from a checkpoint bit for bit like an uninterrupted run", () => {
    expectResumeLikeUninterrupted(() => regressionSheet(), "A9", 11);
  });

  it("refuses a checkpoint taken before the sheet changed", () => {
    const run = TrainingRun.start(regressionSheet(), "A9");
    run.runStep();
    const saved = run.checkpoint("run");
    const edited = regressionSheet();
    edited.setCell("A3", "y = dot(x, w_true) + 1");
    edited.evaluate();
    expect(() => TrainingRun.resume(edited, "A9", saved)).toThrow(/sheet changed/);
  });

  it("stops on a NaN loss with a clear message and keeps the last good params", () => {
    const sheet = regressionSheet('{optimizer: "sgd", lr: 1e30, batch: 100, epochs: 50, feed: [x, y]}');
    const run = TrainingRun.start(sheet, "A9");
    let error: unknown;
    try {
      while (!run.done) run.runStep();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as Error).message).toMatch(/loss became (NaN|Infinity)/);
    for (const p of run.currentParams().values()) expect(p.data.every(Number.isFinite)).toBe(true);
  });

  it("explains bad training cells by argument", () => {
    const cases: [string, RegExp][] = [
      ['{optimizer: "adamw"}', /optimizer must be one of/],
      ["{lrate: 0.1}", /unknown option lrate/],
      ["{batch: 0}", /batch must be a whole number/],
      ["{feed: [x, w_true]}", /share their axis-0 length|does not depend on the feed w_true/],
      ['{optimizer: "rmsprop", lr: -1}', /lr/],
    ];
    for (const [options, pattern] of cases) {
      const sheet = regressionSheet(options);
      expect(() => TrainingRun.start(sheet, "A9"), options).toThrow(pattern);
    }
    const notParam = new Sheet({ cells: [{ address: "A1", source: "a = 1" }, { address: "A2", source: "l = a * 2" }, { address: "A3", source: "t = train(l, [a])" }] });
    notParam.evaluate();
    expect(() => TrainingRun.start(notParam, "A3")).toThrow(/a is not a param cell/);
  });

  it("refuses __proto__ and other reserved words as unknown train options, naming them", () => {
    const options = "optimizer, batch, epochs, feed, metrics, lr, learning_rate, momentum, rho, beta1, beta_1, beta2, beta_2, epsilon, initial_accumulator";
    expect(() => TrainingRun.start(regressionSheet("{constructor: 1}"), "A9")).toThrow(`fit: unknown option constructor; the options are ${options}`);
    // The parser itself refuses __proto__, which would otherwise vanish from the options unseen.
    for (const written of ["{__proto__: 1}", '{lr: 0.1, "__proto__": 2}']) {
      const sheet = regressionSheet(written);
      sheet.evaluate();
      expect(sheet.result("A9")!.error?.message, written).toBe("__proto__ cannot be an option name (it is reserved in JavaScript)");
    }
  });
});
