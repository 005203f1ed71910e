import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PytorchExport } from "../../../cells/pytorch/script.ts";

export const PYTHON = "/usr/bin/python3";

/** Fidelity tests run only where Python has torch; elsewhere they say what they skipped and why. */
export const HAS_TORCH = spawnSync(PYTHON, ["-c", "import torch, numpy"], { encoding: "utf8" }).status === 0;

export function reportSkip(what: string): void {
  if (!HAS_TORCH) console.warn(`skipped: ${what}: \`${PYTHON} -c "import torch, numpy"\` fails here (Debian: apt-get install python3-torch)`);
}

/** Writes an export (script and its data files) into a fresh folder; returns the script's path. */
export function writeExport(exported: PytorchExport, fileName = "sheet.py", dir = mkdtempSync(join(tmpdir(), "ts-pytorch-"))): string {
  writeFileSync(join(dir, fileName), exported.script);
  for (const f of exported.files) writeFileSync(join(dir, f.name), f.bytes);
  return join(dir, fileName);
}

/** Runs Python code; throws with its stderr when it fails. */
export function runPython(args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): string {
  const r = spawnSync(PYTHON, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024, timeout: options.timeout ?? 120_000, cwd: options.cwd, env: { ...process.env, OMP_NUM_THREADS: "2", ...options.env } });
  if (r.status !== 0) throw new Error(`python ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  return r.stdout;
}
