import { describe, expect, it } from "vitest";
import { ArgumentError } from "../../../engine/errors.ts";
import { applyDropoutMask, dropout, dropoutMask } from "../../../engine/ops/dropout.ts";
import { grad } from "../../../engine/grad.ts";
import { Rng } from "../../../engine/random.ts";
import { ones } from "../../../engine/ops/creation.ts";
import { assertGradcheck, seededUniform, uniformTensor } from "../../support/gradcheck.ts";

const rng = (stream: string) => new Rng({ seed: 7, stream });

describe("dropout", () => {
  it("keeps about 1 − rate of the units and scales them by 1/(1 − rate), as Keras' inverted dropout", () => {
    const y = dropout(ones([100, 100]), 0.25, rng("a"));
    const kept = y.data.filter((v) => v !== 0);
    expect(new Set(y.data)).toEqual(new Set([0, Math.fround(1 / 0.75)]));
    // 10,000 draws: the keep fraction's standard deviation is 0.0043.
    expect(Math.abs(kept.length / 10_000 - 0.75)).toBeLessThan(0.02);
  });

  it("draws the same mask from the same stream and another from another", () => {
    const a = dropoutMask([64], 0.5, rng("a"));
    expect(dropoutMask([64], 0.5, rng("a"))).toEqual(a);
    expect(dropoutMask([64], 0.5, rng("b"))).not.toEqual(a);
  });

  it("is the identity at rate 0 and without a generator (evaluation), and refuses a rate outside [0, 1) either way", () => {
    const x = uniformTensor([3, 4], seededUniform(1));
    expect(dropout(x, 0, rng("a"))).toBe(x);
    expect(dropout(x, 0.5, null)).toBe(x);
    for (const bad of [1, -0.1, 1.5, Number.NaN]) {
      expect(() => dropout(x, bad, null)).toThrow(ArgumentError);
      expect(() => dropout(x, bad, rng("a"))).toThrow(`dropout: rate must be in [0, 1), got ${bad}`);
    }
  });

  it("passes the gradient through the same mask (checked by central differences, fixed mask)", () => {
    const x = uniformTensor([2, 3, 5], seededUniform(3));
    const mask = dropoutMask(x.shape, 0.4, rng("grad"));
    assertGradcheck((t) => applyDropoutMask(t, mask), [x]);
    const [dx] = grad(applyDropoutMask(x, mask), [x]);
    expect(dx!.data).toEqual(mask);
  });
});
