/** TensorFlow.js in Node: the peers of ./tfjs-peer.ts, with the binaries and gradients loaded the Node way. */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { Peer } from "../cases.ts";
import { tfjsPeer as peer } from "./tfjs-peer.ts";

// tfjs-core's Node bundle leaves out the gradient functions (the @tensorflow/tfjs umbrella adds
// them). Their ESM build uses extensionless imports that Node's ESM resolver refuses, so load it
// through require, which tsx transpiles; the registry is a global shared with the bundle above.
createRequire(import.meta.url)("@tensorflow/tfjs-core/dist/register_all_gradients.js");

let wasmConfigured = false;

function configureWasm(): void {
  if (wasmConfigured) return;
  // In Node the backend reads the .wasm binaries from disk; the prefix is their folder, with a
  // trailing slash because the file name is appended to it verbatim.
  const entry = createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");
  setWasmPaths(`${dirname(entry)}/`);
  // Must precede setBackend. Node has no wasm threads in this backend anyway, so this pins the
  // comparison to one core, like our engine.
  setThreadsCount(1);
  wasmConfigured = true;
}

export function tfjsPeer(backend: "cpu" | "wasm"): Peer {
  return peer(backend, configureWasm);
}
