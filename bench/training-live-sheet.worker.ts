// The page's sheet worker, as far as live training refresh asks of it: it holds the first-look
// sheet and, for every batch of params a run sends, sets them and re-evaluates every cell
// downstream (hidden, probs, loss, test_probs, test_acc), on a thread of its own as in the browser.
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { importSheet, mnistProvider } from "../cells/index.ts";
import { loadMnistNode } from "../engine/datasets/mnist-build.node.ts";
import { Tensor } from "../engine/index.ts";

interface ParamsMessage {
  readonly params: Readonly<Record<string, { readonly shape: readonly number[]; readonly data: Float32Array }>>;
}

const port = parentPort!;
// Loaded through tsx's CommonJS hook (see training-live.ts): no top-level await here.
void loadMnistNode().then((bytes) => {
  const { sheet } = importSheet(readFileSync((workerData as { example: string }).example, "utf8"), { dataset: mnistProvider(bytes) });
  port.on("message", (m: ParamsMessage) => {
    for (const [name, p] of Object.entries(m.params)) sheet.setParam(name, new Tensor([...p.shape], p.data));
    const { evaluated } = sheet.evaluate();
    port.postMessage({ evaluated: evaluated.length });
  });
  port.postMessage({ ready: true });
});
