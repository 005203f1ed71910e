import type { Sheet } from "../sheet.ts";
import { planTraining, type TrainingPlan } from "../training/plan.ts";
import { mnistFiles } from "./datasets.ts";
import { helperSources } from "./helpers.ts";
import { writeStatements } from "./statements.ts";
import { tensorEmbedder, type DataFile } from "./tensors.ts";
import { trainingSection } from "./training-loop.ts";

export interface PytorchExport {
  /** The Python program. */
  readonly script: string;
  /** Files the script reads, to be written beside it (empty when everything is embedded). */
  readonly files: readonly DataFile[];
}

export interface PytorchOptions {
  /** The script's own file name, for the launch lines in its header. */
  readonly fileName?: string;
  /**
   * Large param values go to `<name>.npy` beside the script instead of base64 inside it.
   * The CLI writes files; the app embeds everything.
   */
  readonly writeFiles?: boolean;
  /** The packed built-in MNIST (engine/datasets/mnist-pack.ts): with writeFiles, its splits are written as .npy files. */
  readonly mnist?: Uint8Array;
}

/**
 * An evaluated sheet as a plain PyTorch program: one statement per cell, in dependency order, each
 * under its source as a comment; training cells become a standard training loop run only under
 * `if __name__ == "__main__":`. Throws UntranslatableError for anything that cannot be written.
 */
export function pytorchScript(sheet: Sheet, options: PytorchOptions = {}): PytorchExport {
  const embedder = tensorEmbedder(options.writeFiles ?? false);
  const statements = writeStatements(sheet, embedder);
  const plans = statements.cells.filter((c) => c.isTraining).map((c) => planTraining(sheet, c.address));
  const training = trainingSection(sheet, plans, statements);
  const helpers = new Set([...statements.helpers, ...training.helpers]);
  const fileName = shellWord(options.fileName ?? "sheet.py");
  const parts = [
    header(sheet, plans, fileName),
    IMPORTS,
    ...helperSources(helpers).map((h) => `${h}\n`),
    ...section("Values the sheet drew at random inside larger expressions, as it holds them", statements.constantLines),
    ...section("The cells, in dependency order", statements.cells.flatMap((c) => [...c.lines, ""]).slice(0, -1)),
    ...(training.code.length > 0 ? [training.code.join("\n") + "\n"] : []),
  ];
  const usesMnist = helpers.has("mnist_images") || helpers.has("mnist_labels");
  const files = [...embedder.files, ...(usesMnist && options.writeFiles && options.mnist ? mnistFiles(options.mnist) : [])];
  return { script: parts.join("\n").replace(/\n{3,}/g, "\n\n\n").replace(/\n*$/, "\n"), files };
}

/** A file name as a shell command line needs it: quoted when it holds spaces or other special characters. */
export function shellWord(name: string): string {
  return /^[\w./-]+$/.test(name) ? name : `'${name.replace(/'/g, "'\\''")}'`;
}

function section(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return [`# ---- ${title} ${"-".repeat(Math.max(4, 96 - title.length))}\n`, lines.join("\n") + "\n"];
}

function header(sheet: Sheet, plans: readonly TrainingPlan[], fileName: string): string {
  const cells = sheet.evaluationOrder().length;
  const lines = [
    "#!/usr/bin/env python3",
    `r"""${sheet.title.replace(/"""/g, "'''").replace(/\\/g, "/")}: exported from Tensorsheet (${cells} cell${cells === 1 ? "" : "s"}).`,
    "",
    "Every cell is a module-level variable with the sheet's name, computed in dependency order under its",
    "source; importing this file (or runpy.run_path) evaluates them all without training.",
    "Needs torch and numpy (Debian: apt-get install python3-torch).",
  ];
  if (plans.length > 0) {
    const list = plans.map((p) => `${p.key} (${p.optimizer.kind}, batch ${p.batch}, ${p.epochs} epoch${p.epochs === 1 ? "" : "s"})`).join(", ");
    lines.push(
      "",
      `Train ${list}${plans.length > 1 ? "; --cell NAME picks one" : ""}; --epochs N overrides the sheet's count:`,
      `    python3 ${fileName}`,
      "On one machine with N processes (DistributedDataParallel: gloo on CPU, nccl on GPUs; batch is per process):",
      `    torchrun --nproc_per_node=N ${fileName}`,
      "On M machines (run this on each, NODE_RANK = 0 .. M-1, HOST = the address of machine 0):",
      `    torchrun --nnodes=M --nproc_per_node=N --node_rank=NODE_RANK --master_addr=HOST --master_port=29500 ${fileName}`,
    );
  }
  lines.push('"""');
  return lines.join("\n") + "\n";
}

const IMPORTS = `import argparse
import base64
import os
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

HERE = pathlib.Path(__file__).resolve().parent
DATA_DIR = pathlib.Path(os.environ.get("TENSORSHEET_DATA", HERE))
`;
