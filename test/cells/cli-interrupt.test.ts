import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { main } from "../../cells/cli/main.ts";
import type { CliIO } from "../../cells/cli/io.ts";
import { loadMnistNode } from "../../engine/datasets/mnist-build.node.ts";
import { runCli } from "../support/cli.ts";
import { classifierSheet } from "../support/training.ts";

const BIN = fileURLToPath(new URL("../../bin/tensorsheet.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "tensorsheet-interrupt-"));

/** 10 steps an epoch. */
const sheet = (epochs: number) => classifierSheet("interrupt", epochs);

/**
 * Runs the CLI core with an io whose interrupt fires (as Ctrl-C would) when a line on stdout
 * matches `when`; records whether the command stopped listening afterwards.
 */
async function runInterrupted(when: RegExp, signal: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  let listening = false;
  let handler: ((signal: string) => void) | null = null;
  const io: CliIO = {
    out: (t) => {
      stdout += t + "\n";
      if (when.test(t)) handler?.(signal);
    },
    err: (t) => void (stderr += t + "\n"),
    readFile: (p) => readFile(p, "utf8"),
    writeFile: (p, t) => writeFile(p, t, "utf8"),
    isTTY: false,
    loadMnist: loadMnistNode,
    onInterrupt: (h) => {
      handler = h;
      listening = true;
      return () => void (listening = false);
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, listening };
}

const read = (path: string) => JSON.parse(readFileSync(path, "utf8"));
const withoutTime = ({ elapsedMs: _, ...state }: Record<string, unknown>) => state;

describe("tensorsheet train interrupted", () => {
  it("writes the state reached to --out on SIGINT, and resuming from it matches an uninterrupted run exactly", async () => {
    const start = join(dir, "start.json");
    writeFileSync(start, JSON.stringify(sheet(4)));
    const straight = await runCli("train", start, "--out", join(dir, "straight.json"));
    expect(straight.code).toBe(0);

    const half = join(dir, "half.json");
    const stopped = await runInterrupted(/^epoch 2\/4 /, "SIGINT", "train", start, "--out", half);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toBe(`tensorsheet: SIGINT: stopped training fit at epoch 3, step 20; wrote ${half}, train it again to resume\n`);
    expect(stopped.stdout).not.toMatch(/epoch 3\/4/);
    expect(stopped.listening).toBe(false);
    expect(read(half).training.fit).toMatchObject({ epoch: 2, stepInEpoch: 0, step: 20 });

    const resumedPath = join(dir, "resumed.json");
    const resumed = await runCli("train", half, "--out", resumedPath);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^resuming fit at epoch 3, step 20\n/);
    const a = read(resumedPath);
    const b = read(join(dir, "straight.json"));
    expect(a.tensors).toEqual(b.tensors);
    expect(withoutTime(a.training.fit)).toEqual(withoutTime(b.training.fit));
  });

  it("exits 143 on SIGTERM and says nothing was written without --out", async () => {
    const start = join(dir, "term.json");
    writeFileSync(start, JSON.stringify(sheet(4)));
    const stopped = await runInterrupted(/^epoch 1\/4 /, "SIGTERM", "train", start);
    expect(stopped.code).toBe(143);
    expect(stopped.stderr).toBe("tensorsheet: SIGTERM: stopped training fit at epoch 2, step 10; nothing written (use --out FILE to keep the state)\n");
  });

  it("stops the real CLI on Ctrl-C (SIGINT) after its first epoch, writing a file that resumes", { timeout: 120_000 }, async () => {
    const start = join(dir, "long.json");
    const out = join(dir, "long-out.json");
    // Far more epochs than can run before the signal arrives.
    writeFileSync(start, JSON.stringify(sheet(100_000)));
    const child = spawn("node", [BIN, "train", start, "--threads", "1", "--out", out], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    let stdout = "";
    let interrupted = false;
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      // One Ctrl-C: more epoch lines may arrive before the run stops, and a second one ends the process at once.
      if (!interrupted && /^epoch 1\//m.test(stdout)) {
        interrupted = true;
        child.kill("SIGINT");
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(stderr).toMatch(new RegExp(`^tensorsheet: SIGINT: stopped training fit at epoch \\d+, step \\d+; wrote ${out.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}, train it again to resume\\n$`, "m"));
    expect(code).toBe(130);
    const state = read(out).training.fit;
    expect(state.step).toBeGreaterThanOrEqual(10);
    expect(state.step).toBe(state.epoch * 10 + state.stepInEpoch);

    const more = await runCli("train", out, "--epochs", String(state.epoch + 1), "--out", join(dir, "long-more.json"));
    // The bin runs the fused (relaxed SIMD) matrix kernel, which this test process may lack.
    expect(more.stderr).toMatch(/^(|tensorsheet: fit was saved on kernels "[^"]+" and continues on "[^"]+": numerically equivalent, not bit-identical to a run that never stopped\n)$/);
    expect(more.code).toBe(0);
    expect(read(join(dir, "long-more.json")).training.fit.step).toBe((state.epoch + 1) * 10);
  });
});
