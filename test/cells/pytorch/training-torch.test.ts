import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importSheet, mnistProvider, Sheet, TrainingRun } from "../../../cells/index.ts";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { loadMnistNode } from "../../../engine/datasets/mnist-build.node.ts";
import { HAS_TORCH, PYTHON, reportSkip, runPython, writeExport } from "./torch-env.ts";

const FIRST_LOOK = new URL("../../../public/examples/00-first-look.tensorsheet.json", import.meta.url);

/** The mean of one epoch's batch losses, as the exported script prints it. */
function printedLoss(stdout: string): number {
  const m = /^epoch 1\/1: loss (\d+\.\d+) \(mean over the epoch's batches\), test_acc (\d+\.\d+)$/m.exec(stdout);
  if (m === null) throw new Error(`no epoch line in:\n${stdout}`);
  return Number(m[1]);
}

describe("the first-look sheet exported to PyTorch trains like the sheet", () => {
  reportSkip("training the first-look export with torch (1 process and torchrun --nproc_per_node=2)");
  let sheet: Sheet;
  let script: string;
  beforeAll(async () => {
    if (!HAS_TORCH) return;
    const mnist = await loadMnistNode();
    sheet = importSheet(readFileSync(FIRST_LOOK, "utf8"), { dataset: mnistProvider(mnist) }).sheet;
    script = writeExport(pytorchScript(sheet, { writeFiles: true, mnist }));
  }, 60_000);

  it.skipIf(!HAS_TORCH)("1 epoch on one process ends within 5% of the sheet's epoch loss", () => {
    const run = TrainingRun.start(sheet, sheet.resolve("fit")!, { epochs: 1 });
    while (!run.done) run.runStep();
    const losses = run.lossHistory();
    const sheetLoss = losses.reduce((s, l) => s + l, 0) / losses.length;
    const torchLoss = printedLoss(runPython([script, "--epochs", "1"], { cwd: dirname(script) }));
    console.log(`first-look, 1 epoch: sheet loss ${sheetLoss.toFixed(4)}, PyTorch loss ${torchLoss.toFixed(4)}`);
    expect(Math.abs(torchLoss - sheetLoss) / sheetLoss).toBeLessThan(0.05);
  }, 180_000);

  it.skipIf(!HAS_TORCH)("torchrun --nproc_per_node=2 trains 1 epoch on CPU with DistributedDataParallel", () => {
    // --redirects/--tee 2: Debian's torch 1.13 on Python 3.11 cannot read their default "0" (an IntFlag change in 3.11).
    const args = ["-m", "torch.distributed.run", "--nproc_per_node=2", "--redirects=2", "--tee=2", "--master_port=29531", script, "--epochs", "1"];
    const r = spawnSync(PYTHON, args, {
      encoding: "utf8", cwd: dirname(script), timeout: 170_000, env: { ...process.env, OMP_NUM_THREADS: "1", CUDA_VISIBLE_DEVICES: "" },
    });
    console.log(`torchrun --nproc_per_node=2: exit ${r.status}\n${r.stdout}`);
    expect(r.stderr.match(/Traceback/g) ?? []).toEqual([]);
    expect(r.status).toBe(0);
    expect(printedLoss(r.stdout)).toBeGreaterThan(0);
  }, 180_000);

  it.skipIf(!HAS_TORCH)("a one-param sheet with dropout trains: dropout drops only inside the loop's steps", () => {
    const cells = [
      "x = randn([64, 2])", "y = dot(x, [[2], [-1]])", "w = param(zeros([2, 1]))", "h = dropout(x, 0.25)", "loss = mse(y, dot(h, w))",
      'fit = train(loss, [w], {optimizer: "adam", lr: 0.1, batch: 16, epochs: 3, feed: [x, y], metrics: [loss]})',
    ];
    const small = new Sheet({ title: "dropout", seed: 2, cells: cells.map((source, i) => ({ address: `A${i + 1}`, source })) });
    small.evaluate();
    const path = writeExport(pytorchScript(small));
    const lines = runPython([path], { cwd: dirname(path) }).trim().split("\n");
    expect(lines.map((l) => l.replace(/\d+\.\d+/g, "#"))).toEqual([1, 2, 3].map((e) => `epoch ${e}/3: loss # (mean over the epoch's batches), loss #`));
    const fullLoss = lines.map((l) => Number(/, loss (\d+\.\d+)$/.exec(l)![1]));
    expect(fullLoss[2]).toBeLessThan(fullLoss[0]!);
    // Importing evaluates h without dropout, as the sheet shows it.
    expect(runPython(["-c", `import runpy; c = runpy.run_path(${JSON.stringify(path)}); print(bool((c["h"] == c["x"]).all()))`])).toBe("True\n");
  }, 60_000);
});
