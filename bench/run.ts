/**
 * `npm run bench`: every workload on every peer in this one process, printed as markdown tables.
 * Progress goes to stderr so stdout is just the tables. `--quick` shortens every cell (smoke test).
 *
 * The measuring loop and the main table are bench/table.ts, which the browser page (bench.html,
 * `npm run bench:browser`) runs too; the peers are bench/peers/index.ts. The main table has the
 * MLP's and the convnet's training steps (bench/cases.ts, bench/convnet-cases.ts); the convnet's
 * accuracy is `npm run bench:convnet`, which this only points to. Node-only tables follow:
 * the example sheet's compiled training step, sheet re-evaluation in a 1,000-cell chain, an edit of
 * the first-look sheet (in Node, and in the app in Chromium), and the memory of a training run.
 */
import { startNodeGemmThreads } from "../engine/kernels/wasm/gemm-threads.node.ts";
import { availableParallelism } from "node:os";
import { gemmFma, stopGemmThreads } from "../engine/index.ts";
import { enableRelaxedSimd } from "../engine/kernels/wasm/relaxed-simd.node.ts";
import { benchPeers } from "./peers/index.ts";
import { tfjsPeer } from "./peers/tfjs.ts";
import { firstLookEditRow, measureFirstLookEdit } from "./first-look-edit.ts";
import { measureChromiumEdit } from "./browser/chromium-edit.node.ts";
import { firstLookEditTable } from "./browser/edit-latency.node.ts";
import { measureSheetChain, type EditFigure } from "./sheet-chain.ts";
import { measureSheetTraining } from "./sheet-training.ts";
import { formatFigure as fmt, formatTable, runBench, schedule } from "./table.ts";
import { measureTrainingMemory } from "./training-memory.ts";
import { measureLiveRefresh } from "./training-live.ts";

// Before any WebAssembly is compiled: fused multiply-adds (Node 20 keeps relaxed SIMD behind a flag).
enableRelaxedSimd();
const quick = process.argv.includes("--quick");
const { rounds, round } = schedule(quick ? "quick" : "full");

const started = performance.now();
const result = await runBench({
  peers: benchPeers({ tfjs: tfjsPeer, startThreads: (n) => startNodeGemmThreads(n) }),
  schedule: { rounds, round },
  log: (line) => console.error(line),
});
stopGemmThreads();
console.error("  first-look sheet: compiled TrainingRun step vs hand-written step…");
const training = await measureSheetTraining(rounds, round);
console.error("  1,000-cell chain: edits…");
const chain = await measureSheetChain(rounds, round);
console.error("  first-look sheet: b1 edit to updated…");
const firstLookEdit = await measureFirstLookEdit(quick ? 3 : 9);
console.error("  first-look sheet: b1 edit in the app, in Chromium…");
const chromiumEdit = await measureChromiumEdit(quick ? 3 : 9, (line) => console.error(`    ${line}`));
console.error("  first-look sheet: memory of a training run…");
const memory = await measureTrainingMemory(quick ? 2 : 4);
console.error("  first-look sheet: training with live cell refresh off and on…");
const live = await measureLiveRefresh(quick ? 1 : 3, quick ? 3 : 10);
console.error(`done in ${((performance.now() - started) / 1000).toFixed(0)} s (node ${process.version}, `
  + `WASM SIMD${gemmFma() ? " + relaxed-SIMD FMA" : ""})\n`);

const measured = `measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, node ${process.version}, `
  + `${availableParallelism()} logical cores (a shared machine's load shows in every column alike: rounds interleave the peers)`;
console.log(formatTable(result, { caption: [measured] }));

const overhead = 1 - training.compiledSamplesPerSecond / training.handWrittenSamplesPerSecond;
console.log(`
| first-look sheet training (samples/s, batch 128, MNIST, one thread) | sheet-compiled step | hand-written engine step | compile overhead |
|---|--:|--:|--:|
| 784-512-10 MLP, RMSprop, mini-batches taken from x_train | ${fmt(training.compiledSamplesPerSecond)} | ${fmt(training.handWrittenSamplesPerSecond)} | ${(overhead * 100).toFixed(1)}% |`);

const edit = (what: string, f: EditFigure) =>
  `| ${what} | ${f.msPerEdit.toFixed(2)} | ${f.evaluatedPerEdit} | ${f.expectedPerEdit} | ${f.exact ? "yes" : "NO"} |`;
console.log(`
| sheet re-evaluation, ${chain.cells}-cell chain of 4×4 tensors | ms per edit (median) | cells evaluated per edit | cells downstream | only those, every edit |
|---|--:|--:|--:|--:|
${edit("edit the scalar feeding the middle (setCell + evaluation)", chain.mid)}
${edit("the same, plus the cell views the worker sends the page", chain.midWithViews)}
${edit("edit the head of the chain (setCell + evaluation)", chain.head)}`);

console.log(`\n${firstLookEditTable(firstLookEditRow(firstLookEdit), chromiumEdit)}`);

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
console.log(`
| memory of a training run: first-look sheet, ${memory.epochs} epochs, ${memory.steps} steps | MiB |
|---|--:|
| tensor buffers the run holds (step arena) after epoch 1 → at the end | ${mb(memory.arenaBytesAfterFirstEpoch)} → ${mb(memory.arenaBytesAtEnd)} |
| new tensor buffers after epoch 1 (count; reused ${memory.buffersReused} times) | ${memory.buffersCreatedAfterFirstEpoch} |
| process ArrayBuffer memory: before → peak in epoch 1 → peak in later epochs | ${mb(memory.arrayBuffers.before)} → ${mb(memory.arrayBuffers.peakFirstEpoch)} → ${mb(memory.arrayBuffers.peakLater)} |
| process RSS: before → peak in epoch 1 → peak in later epochs | ${mb(memory.rss.before)} → ${mb(memory.rss.peakFirstEpoch)} → ${mb(memory.rss.peakLater)} |`);

const liveCost = 1 - live.onSamplesPerSecond / live.offSamplesPerSecond;
console.log(`
| first-look sheet training with live cell refresh (samples/s, wall clock over ${live.seconds} s after epoch 1, median) | refresh off | refresh on: params every 2 s, downstream cells re-evaluated on another thread | cost |
|---|--:|--:|--:|
| TrainingRun driven as the training worker drives it; ${live.sends} sends, ${live.refreshes} sheet refreshes done per run | ${fmt(live.offSamplesPerSecond)} | ${fmt(live.onSamplesPerSecond)} | ${(liveCost * 100).toFixed(1)}% |`);

// The convnet's accuracy takes ~3 minutes a seed, too long for this table: it has its own command.
console.log(`
Convnet test accuracy (5 epochs through \`tensorsheet train\`, seeds 1, 2, 3; target mean ≥ 0.97, each ≥ 0.965): \`npm run bench:convnet\` (bench/convnet-accuracy.ts, ~3 minutes per seed).`);
