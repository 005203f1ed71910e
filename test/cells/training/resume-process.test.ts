import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { classifierSheet } from "../../support/training.ts";

const BIN = fileURLToPath(new URL("../../../bin/tensorsheet.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tensorsheet-resume-"));

const SHEET = classifierSheet("resume", 4);

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
