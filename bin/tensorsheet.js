#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx compiles on the fly, so there is no build step to forget.
import { existsSync, readdirSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { register } from "tsx/esm/api";

register();
// The WASM kernels' bytes are generated from engine/kernels/wasm/*.wat (npm's prepare step does
// it on install); build them here too if that step was skipped or a kernel was added since.
const wasmDir = new URL("../engine/kernels/wasm/", import.meta.url);
const wasmSources = readdirSync(wasmDir).filter((f) => f.endsWith(".wat"));
if (wasmSources.some((f) => !existsSync(new URL(f.replace(/\.wat$/, "-bytes.generated.ts"), wasmDir)))) {
  await import("../tools/build-wasm.node.ts");
}
// Fused multiply-adds for the matrix kernel (Node 20 keeps relaxed SIMD behind a flag).
(await import("../engine/kernels/wasm/relaxed-simd.node.ts")).enableRelaxedSimd();
const { runCli: main } = await import("../cells/index.ts");
const { loadMnistNode } = await import("../engine/datasets/mnist-build.node.ts");
const { startNodeGemmThreads } = await import("../engine/kernels/wasm/gemm-threads.node.ts");
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
  readFile: (path) => readFile(path, "utf8"),
  writeFile: (path, text) => writeFile(path, text, "utf8"),
  isTTY: Boolean(process.stderr.isTTY),
  loadMnist: loadMnistNode,
  // 0: every core.
  startThreads: (threads) => startNodeGemmThreads(threads || undefined),
  // Once: a second Ctrl-C (or a SIGTERM after a SIGINT) ends the process at once, as usual.
  onInterrupt: (handler) => {
    const signals = ["SIGINT", "SIGTERM"];
    const listener = (signal) => {
      for (const s of signals) process.off(s, listener);
      handler(signal);
    };
    for (const s of signals) process.on(s, listener);
    return () => {
      for (const s of signals) process.off(s, listener);
    };
  },
});
