import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const BIN = fileURLToPath(new URL("../../../bin/tensorsheet.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tensorsheet-resume-"));

const SHEET = {
  format: "tensorsheet", version: 1, title: "resume", seed: 11,
  cells: [
    { address: "A1", source: "x = randn([96, 4])" },
    { address: "A2", source: "y = [0, 1, 2, 1, 0, 2, 1, 0, 2, 0, 1, 2] .* ones([8, 12])" },
    { address: "A3", source: "labels = reshape(y, [-1])" },
    { address: "A4", source: "W = param(glorot_uniform([4, 3]))" },
    { address: "A5", source: "b = param(zeros([3]))" },
    { address: "A6", source: "loss = sparse_categorical_crossentropy(labels, softmax(dot(x, W) + b))" },
    { address: "A7", source: 'fit = train(loss, [W, b], {optimizer: "adam", lr: 0.01, batch: 10, epochs: 4, feed: [x, labels], metrics: [loss]})' },
  ],
};

/** Each call is a separate Node process, as a user would run the CLI. */
function train(input: string, output: string, epochs: number): void {
  execFileSync("node", [BIN, "train", input, "--epochs", String(epochs), "--out", output], { encoding: "utf8" });
}

describe("tensorsheet train across processes", () => {
  it("resumes a run in a fresh process exactly: params and state byte for byte", { timeout: 120_000 }, () => {
    const start = join(dir, "start.json");
    writeFileSync(start, JSON.stringify(SHEET));
    train(start, join(dir, "straight.json"), 4);
    train(start, join(dir, "half.json"), 2);
    train(join(dir, "half.json"), join(dir, "resumed.json"), 4);

    const straight = JSON.parse(readFileSync(join(dir, "straight.json"), "utf8"));
    const resumed = JSON.parse(readFileSync(join(dir, "resumed.json"), "utf8"));
    expect(resumed.training.fit.step).toBe(40);
    expect(resumed.tensors).toEqual(straight.tensors);
    const { elapsedMs: _a, ...resumedState } = resumed.training.fit;
    const { elapsedMs: _b, ...straightState } = straight.training.fit;
    expect(resumedState).toEqual(straightState);
  });
});
