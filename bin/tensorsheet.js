#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx compiles on the fly, so there is no build step to forget.
import { readFile, writeFile } from "node:fs/promises";
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cells/cli/main.ts");
const { loadMnistNode } = await import("../engine/datasets/mnist-build.node.ts");
process.exitCode = await main(process.argv.slice(2), {
  out: (text) => process.stdout.write(text + "\n"),
  err: (text) => process.stderr.write(text + "\n"),
  readFile: (path) => readFile(path, "utf8"),
  writeFile: (path, text) => writeFile(path, text, "utf8"),
  isTTY: Boolean(process.stderr.isTTY),
  loadMnist: loadMnistNode,
});
