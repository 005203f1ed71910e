import { describe, expect, it } from "vitest";
import { planWords } from "../../../src/training/plan-text.ts";

describe("planWords", () => {
  it("says what the formula asks for, not what a note says", () => {
    const source = 'fit = train(loss, [W1, b1, W2, b2], {optimizer: "rmsprop", lr: 0.001, batch: 128, epochs: 60, feed: [x_train, train_labels]})';
    expect(planWords(source)).toEqual({ epochs: 60, text: "60 epochs · batch 128 · rmsprop, lr 0.001" });
  });

  it("fills in planTraining's defaults and names options set by a cell", () => {
    expect(planWords("fit = train(loss, [W])")).toEqual({ epochs: 1, text: "1 epoch · batch 32 · rmsprop" });
    expect(planWords('fit = train(loss, [W], {epochs: n, optimizer: "adam", lr: -0.5})')).toEqual({
      epochs: null,
      text: "epochs set by a cell · batch 32 · adam, lr -0.5",
    });
  });

  it("is null for anything but a training cell", () => {
    expect(planWords("x = 1 + 2")).toBeNull();
    expect(planWords("fit = train(")).toBeNull();
  });
});
