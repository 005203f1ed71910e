import { readFile, writeFile } from "node:fs/promises";
import { main } from "../../cells/cli/main.ts";
import { loadMnistNode } from "../../engine/datasets/mnist-build.node.ts";

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run the CLI core in-process with real files and captured output. */
export async function runCli(...argv: string[]): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, {
    out: (t) => void (stdout += t + "\n"),
    err: (t) => void (stderr += t + "\n"),
    readFile: (p) => readFile(p, "utf8"),
    writeFile: (p, t) => writeFile(p, t, "utf8"),
    isTTY: false,
    loadMnist: loadMnistNode,
  });
  return { code, stdout, stderr };
}
