import { describe, expect, it } from "vitest";
import { LossSeries, downsampleLosses } from "../../../src/training/loss-series.ts";

const ramp = (n: number, from = 0) => Array.from({ length: n }, (_, i) => from + i);

describe("LossSeries", () => {
  it("keeps every step while under the limit", () => {
    const s = new LossSeries(10);
    s.append(0, [5, 4, 3]);
    s.append(3, [2, 1]);
    expect(s.points()).toEqual({ steps: [1, 2, 3, 4, 5], values: [5, 4, 3, 2, 1] });
    expect(s.stride).toBe(1);
    expect(s.steps).toBe(5);
  });

  it("merges neighbours into means beyond the limit, never exceeding it", () => {
    const s = new LossSeries(8);
    s.append(0, ramp(9));
    // 9 points > 8: stride 2, buckets {0,1} {2,3} {4,5} {6,7} {8}.
    expect(s.stride).toBe(2);
    expect(s.points()).toEqual({ steps: [2, 4, 6, 8, 9], values: [0.5, 2.5, 4.5, 6.5, 8] });
    s.append(9, [9]);
    expect(s.points().values.at(-1)).toBe(8.5);
    expect(s.points().steps.at(-1)).toBe(10);
    for (let n = 10; n < 1000; n++) {
      s.append(n, [n]);
      expect(s.length).toBeLessThanOrEqual(8);
    }
    const { steps, values } = s.points();
    expect(steps.at(-1)).toBe(1000);
    // Each point is the mean of the steps it covers: the mean of a ramp segment is its midpoint.
    let first = 0;
    steps.forEach((last, i) => {
      expect(values[i]).toBeCloseTo((first + last - 1) / 2, 9);
      first = last;
    });
  });

  it("keeps 12,000 steps as at most 5,000 points covering them all", () => {
    const losses = Float32Array.from(ramp(12_000), (v) => 1 / (1 + v));
    const { steps, values } = downsampleLosses(losses);
    expect(steps.length).toBeLessThanOrEqual(5000);
    expect(steps.length).toBeGreaterThan(2500);
    expect(steps.at(-1)).toBe(12_000);
    expect(values[0]).toBeCloseTo((losses[0]! + losses[1]! + losses[2]! + losses[3]!) / 4, 6);
    expect(steps.every((x, i) => i === 0 || x > steps[i - 1]!)).toBe(true);
  });

  it("gives the same points whether fed at once or in pieces", () => {
    const losses = ramp(7_777).map((i) => Math.sin(i / 50) + i / 1000);
    const whole = downsampleLosses(losses, 300);
    const s = new LossSeries(300);
    let at = 0;
    for (const size of [1, 7, 250, 3, 999, 10, 5000]) {
      s.append(at, losses.slice(at, at + size));
      at += size;
    }
    s.append(at, losses.slice(at));
    expect(s.points()).toEqual(whole);
  });

  it("skips steps it already has, so a repeated message does not count twice", () => {
    const s = new LossSeries(100);
    s.append(0, [1, 2, 3]);
    s.append(1, [2, 3, 4]);
    expect(s.points().values).toEqual([1, 2, 3, 4]);
  });

  it("clears", () => {
    const s = new LossSeries(4);
    s.append(0, ramp(10));
    s.clear();
    expect(s.points()).toEqual({ steps: [], values: [] });
    expect(s.stride).toBe(1);
    s.append(0, [3]);
    expect(s.points()).toEqual({ steps: [1], values: [3] });
  });
});
