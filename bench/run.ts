/**
 * `npm run bench`: every workload on every peer in this one process, printed as one markdown table.
 * Progress goes to stderr so stdout is just the table. `--quick` shortens every cell (smoke test).
 *
 * The measuring loop and the table are bench/table.ts, which the browser page (bench.html,
 * `npm run bench:browser`) runs too; the peers are bench/peers/index.ts.
 */
import { benchPeers } from "./peers/index.ts";
import { tfjsPeer } from "./peers/tfjs.ts";
import { measureSheetTraining } from "./sheet-training.ts";
import { formatFigure as fmt, formatTable, runBench, schedule } from "./table.ts";

const { rounds, round } = schedule(process.argv.includes("--quick") ? "quick" : "full");

const started = performance.now();
const result = await runBench({
  peers: benchPeers({ tfjs: tfjsPeer }),
  schedule: { rounds, round },
  log: (line) => console.error(line),
});
console.error("  first-look sheet: compiled TrainingRun step vs hand-written step…");
const training = await measureSheetTraining(rounds, round);
console.error(`done in ${((performance.now() - started) / 1000).toFixed(0)} s (node ${process.version}, single thread)\n`);

console.log(formatTable(result));

const overhead = 1 - training.compiledSamplesPerSecond / training.handWrittenSamplesPerSecond;
console.log(`
| first-look sheet training (samples/s, batch 128, MNIST) | sheet-compiled step | hand-written engine step | compile overhead |
|---|--:|--:|--:|
| 784-512-10 MLP, RMSprop, mini-batches taken from x_train | ${fmt(training.compiledSamplesPerSecond)} | ${fmt(training.handWrittenSamplesPerSecond)} | ${(overhead * 100).toFixed(1)}% |`);
