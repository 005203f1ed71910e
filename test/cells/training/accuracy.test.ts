import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../support/cli.ts";

const FIRST_LOOK = fileURLToPath(new URL("../../../public/examples/00-first-look.tensorsheet.json", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tensorsheet-accuracy-"));

/** The first-look sheet through `tensorsheet train`, 5 epochs, with the sheet seed set to `seed`. */
async function finalTestAccuracy(seed: number): Promise<number> {
  const doc = JSON.parse(readFileSync(FIRST_LOOK, "utf8"));
  const input = join(dir, `seed-${seed}.json`);
  const output = join(dir, `seed-${seed}-trained.json`);
  writeFileSync(input, JSON.stringify({ ...doc, seed }));
  const run = await runCli("train", input, "--out", output);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect(run.stdout.match(/^epoch \d\/5 /gm)).toHaveLength(5);
  const trained = JSON.parse(readFileSync(output, "utf8"));
  const history = trained.training.fit.metricHistory.test_acc as number[];
  expect(history).toHaveLength(5);
  return history[4]!;
}

describe("the seed's MNIST network", () => {
  // PyTorch with Keras defaults reaches 0.940 on this split; we must reach 0.93 on average.
  it("reaches test accuracy ≥ 0.93 over 3 seeds after 5 epochs (each ≥ 0.925)", async () => {
    const accuracies: number[] = [];
    for (const seed of [1, 2, 3]) accuracies.push(await finalTestAccuracy(seed));
    console.log(`first-look test accuracy by seed: ${accuracies.map((a) => a.toFixed(4)).join(", ")}`);
    for (const a of accuracies) expect(a).toBeGreaterThanOrEqual(0.925);
    expect(accuracies.reduce((s, a) => s + a, 0) / 3).toBeGreaterThanOrEqual(0.93);
  }, 900_000);
});
