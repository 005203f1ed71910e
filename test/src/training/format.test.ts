import { describe, expect, it } from "vitest";
import type { TrainingProgress } from "../../../cells/training/driver.ts";
import { formatDuration, formatMetrics, formatProgress, formatValue } from "../../../src/training/format.ts";

const progress = (over: Partial<TrainingProgress> = {}): TrainingProgress => ({
  epoch: 1,
  epochs: 5,
  stepInEpoch: 20,
  stepsPerEpoch: 100,
  step: 120,
  totalSteps: 500,
  loss: 0.012345,
  metrics: { accuracy: 0.93456, test_loss: null },
  samplesPerSecond: 1234.4,
  etaSeconds: 42.2,
  threads: 1,
  ...over,
});

describe("training panel text", () => {
  it("formats durations", () => {
    expect(formatDuration(42.2)).toBe("0:42");
    expect(formatDuration(185)).toBe("3:05");
    expect(formatDuration(3723)).toBe("1:02:03");
    expect(formatDuration(NaN)).toBe("—");
  });

  it("formats the progress line", () => {
    expect(formatProgress(progress())).toBe("epoch 2/5 · step 120/500 · 1,234 samples/s · ETA 0:42");
    expect(formatProgress(progress({ threads: 2 }))).toBe("epoch 2/5 · step 120/500 · 1,234 samples/s on 2 threads · ETA 0:42");
    expect(formatProgress(progress({ epoch: 5, step: 500, stepInEpoch: 0, etaSeconds: 0 }))).toBe("epoch 5/5 · step 500/500 · 1,234 samples/s");
    expect(formatProgress(progress({ step: 0, samplesPerSecond: 0, etaSeconds: NaN, epoch: 0 }))).toBe("epoch 1/5 · step 0/500 · ETA —");
    expect(formatProgress(progress(), false)).toBe("epoch 2/5 · step 120/500 · 1,234 samples/s");
  });

  it("formats the loss and metrics", () => {
    expect(formatMetrics(progress())).toBe("batch loss 0.01235 · accuracy 0.9346 · test_loss —");
    // No step yet (a run paused at step 0): no batch loss to show, not a diverged "NaN".
    expect(formatMetrics(progress({ step: 0, loss: NaN, metrics: {} }))).toBe("batch loss —");
    // A diverged run still says NaN.
    expect(formatMetrics(progress({ step: 7, loss: NaN, metrics: {} }))).toBe("batch loss NaN");
    expect(formatValue(1.5e-6)).toBe("1.500e-6");
    expect(formatValue(NaN)).toBe("NaN");
    expect(formatValue(0)).toBe("0");
  });
});
