import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { pytorchScript } from "../../../cells/pytorch/script.ts";
import { Sheet } from "../../../cells/sheet.ts";
import { TrainingRun } from "../../../cells/training/run.ts";
import { Tensor } from "../../../engine/tensor.ts";
import { mismatches } from "../../support/refcases.ts";
import { HAS_TORCH, reportSkip, runPython, writeExport } from "./torch-env.ts";

// The script's optimizers are the sheet's update rules written out (Keras's, not torch.optim's): with
// one full batch per epoch (so shuffling cannot matter), 5 steps in the sheet and in torch end on
// the same params.
const OPTIMIZERS = [
  'optimizer: "sgd", lr: 0.1', 'optimizer: "momentum", lr: 0.05, momentum: 0.8', 'optimizer: "nesterov", lr: 0.05',
  'optimizer: "adagrad", lr: 0.3', 'optimizer: "rmsprop", lr: 0.01', 'optimizer: "rmsprop", lr: 0.01, rho: 0.8, momentum: 0.5, epsilon: 0.001',
  'optimizer: "adam", lr: 0.05', 'optimizer: "adam", lr: 0.05, beta1: 0.5, beta2: 0.9, epsilon: 0.01',
];

const TRAIN = `
import contextlib, json, runpy, sys
out = []
for path in json.load(open(sys.argv[1])):
    with contextlib.redirect_stdout(sys.stderr):  # the epoch lines
        model = runpy.run_path(path)["train_fit"]()
    out.append({n: p.detach().reshape(-1).tolist() for n, p in model.named_parameters()})
print(json.dumps(out))
`;

describe("the exported optimizers", () => {
  reportSkip("the exported optimizers trained with torch");
  it.skipIf(!HAS_TORCH)("end 5 full-batch steps on the params the sheet's training reaches", () => {
    const runs = OPTIMIZERS.map((options) => {
      const cells = [
        "x = randn([16, 3])", "y = dot(x, [[1], [-2], [0.5]]) + 0.3", "w = param(randn([3, 1], 0, 0.1))", "b = param(zeros([1]))",
        "loss = mse(y, tanh(dot(x, w) + b))", `fit = train(loss, [w, b], {${options}, batch: 16, epochs: 5, feed: [x, y]})`,
      ];
      const sheet = new Sheet({ title: "opt", seed: 4, cells: cells.map((source, i) => ({ address: `A${i + 1}`, source })) });
      sheet.evaluate();
      const path = writeExport(pytorchScript(sheet));
      const run = TrainingRun.start(sheet, sheet.resolve("fit")!);
      while (!run.done) run.runStep();
      return { options, path, params: run.currentParams() };
    });
    const list = join(dirname(runs[0]!.path), "optimizers.json");
    writeFileSync(list, JSON.stringify(runs.map((r) => r.path)));
    const got = JSON.parse(runPython(["-c", TRAIN, list])) as Record<string, number[]>[];
    const problems = runs.flatMap((r, i) =>
      [...r.params].flatMap(([name, want]) =>
        mismatches(new Tensor(want.shape, Float32Array.from(got[i]![name]!)), { shape: [...want.shape], data: Array.from(want.data) }).map((p) => `${r.options} ${name}: ${p}`)));
    expect(problems).toEqual([]);
  }, 120_000);
});
