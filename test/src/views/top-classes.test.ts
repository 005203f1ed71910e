import { describe, expect, it } from "vitest";
import { percent, topLabel } from "../../../src/views/top-classes.ts";

describe("the top-classes view's labels", () => {
  it("label each bar with its class and rounded percentage", () => {
    const top = { classes: [7, 1, 9], probabilities: [0.9132, 0.0861, 0.0004], of: "my_probs" };
    expect([0, 1, 2].map((i) => topLabel(top, i))).toEqual(["7 · 91%", "1 · 9%", "9 · <1%"]);
  });

  it("say 0% only for a probability of zero", () => {
    expect([percent(0), percent(0.004), percent(0.005), percent(1)]).toEqual(["0%", "<1%", "1%", "100%"]);
  });
});
