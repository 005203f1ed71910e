import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importSheet, mnistProvider, TrainingRun, type Sheet } from "../../../cells/index.ts";
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
});
