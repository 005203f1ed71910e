import { describe, expect, it } from "vitest";
import { Sheet } from "../../../cells/sheet.ts";
import { drive, progressOf, type TrainingProgress } from "../../../cells/training/driver.ts";
import { MemoryCheckpointStore } from "../../../cells/training/memory-store.ts";
import { TrainingRun } from "../../../cells/training/run.ts";

function sheet() {
  const s = new Sheet({
    seed: 9,
    cells: [
      { address: "A1", source: "x = randn([64, 2])" },
      { address: "A2", source: "y = dot(x, [[2], [-1]])" },
      { address: "A3", source: "W = param(zeros([2, 1]))" },
      { address: "A4", source: "loss = mse(y, dot(x, W))" },
      { address: "A5", source: "fit = train(loss, [W], {optimizer: \"rmsprop\", lr: 0.01, batch: 8, epochs: 3, feed: [x, y], metrics: [loss]})" },
    ],
  });
  s.evaluate();
  return s;
}

describe("the training driver", () => {
  it("pauses with a checkpoint, and a resumed run finishes exactly like an uninterrupted one", async () => {
    const straight = TrainingRun.start(sheet(), "A5");
    expect(await drive(straight, { runKey: "k" })).toBe("finished");

    const store = new MemoryCheckpointStore();
    const first = TrainingRun.start(sheet(), "A5");
    let steps = 0;
    const outcome = await drive(first, { runKey: "k", store, control: () => (++steps > 10 ? "pause" : "run") });
    expect(outcome).toBe("paused");
    const saved = await store.load("k");
    expect(saved!.step).toBe(10);

    const resumed = TrainingRun.resume(sheet(), "A5", saved!);
    expect(await drive(resumed, { runKey: "k", store })).toBe("finished");
    expect(resumed.lossHistory()).toEqual(straight.lossHistory());
    expect(resumed.checkpoint("k").params).toEqual(straight.checkpoint("k").params);
    expect((await store.load("k"))!.step).toBe(24);
  });

  it("checkpoints every epoch and reports progress with epoch, step, metrics, speed and ETA", async () => {
    const store = new MemoryCheckpointStore();
    const saves: number[] = [];
    const epochs: TrainingProgress[] = [];
    const progress: TrainingProgress[] = [];
    const run = TrainingRun.start(sheet(), "A5");
    await drive(run, {
      runKey: "k", store, checkpointEveryMs: Infinity, progressEveryMs: Infinity,
      onCheckpoint: (step) => saves.push(step), onEpoch: (p) => epochs.push(p), onProgress: (p) => progress.push(p),
    });
    expect(saves).toEqual([8, 16, 24]);
    expect(epochs.map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(epochs[0]!.metrics.loss).toBeTypeOf("number");
    // Throttled: the first step and the final report only.
    expect(progress).toHaveLength(2);
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ epoch: 3, epochs: 3, step: 24, totalSteps: 24, stepsPerEpoch: 8 });
    expect(last.samplesPerSecond).toBeGreaterThan(0);
    expect(last.etaSeconds).toBe(0);
  });

  it("counts samples/s over the steps alone, and adds a metric pass per epoch still to end to the ETA", () => {
    const run = TrainingRun.start(sheet(), "A5");
    for (let i = 0; i < 10; i++) run.runStep();
    // Step 8 ended epoch 1 and ran its metric pass, which the steps' time leaves out.
    expect(run.metricsMs).toBeGreaterThan(0);
    run.elapsedMs = 2000;
    run.metricsMs = 500;
    const p = progressOf(run, 0.5);
    expect(p.samplesPerSecond).toBe((10 * 8) / 2);
    // 14 steps at 0.2 s, and the metric passes ending epochs 2 and 3.
    expect(p.etaSeconds).toBeCloseTo(14 * 0.2 + 2 * 0.5, 12);
  });

  it("stops on request, saving first", async () => {
    const store = new MemoryCheckpointStore();
    const run = TrainingRun.start(sheet(), "A5");
    expect(await drive(run, { runKey: "k", store, control: () => "stop" })).toBe("stopped");
    expect((await store.load("k"))!.step).toBe(0);
  });

  it("stops at the next step boundary once its signal aborts (the CLI's Ctrl-C), saving first", async () => {
    const store = new MemoryCheckpointStore();
    const interrupt = new AbortController();
    const run = TrainingRun.start(sheet(), "A5");
    let steps = 0;
    const outcome = await drive(run, {
      runKey: "k", store, signal: interrupt.signal,
      onProgress: () => void (++steps === 1 && interrupt.abort("SIGINT")), progressEveryMs: 0,
    });
    expect(outcome).toBe("stopped");
    expect(run.step).toBe(1);
    expect((await store.load("k"))!.step).toBe(1);
  });
});
