/**
 * `npm run bench`: every workload on every peer in this one process, printed as one markdown table.
 * Progress goes to stderr so stdout is just the table. `--quick` shortens every cell (smoke test).
 *
 * Each cell's budget is split over rounds that cycle through all peers, so background load that
 * comes and goes (a shared machine) lands on every peer alike instead of on whoever ran then.
 */
import { gflops, MATMUL_CASES, MLP_CASE, type Peer, type Runner } from "./cases.ts";
import { median, sample, type MeasureOptions } from "./measure.ts";
import { tfjsPeer } from "./peers/tfjs.ts";
import { measureSheetTraining } from "./sheet-training.ts";
import { tensorsheet } from "./tensorsheet.ts";

const quick = process.argv.includes("--quick");
const ROUNDS = quick ? 1 : 3;
/** Per cell per round; the first round warms up longer (JIT), later ones just refill caches. */
const round = (r: number): MeasureOptions => quick
  ? { warmupMs: 50, budgetMs: 150, minRuns: 3 }
  : { warmupMs: r === 0 ? 400 : 100, budgetMs: 500, minRuns: 2 };

const peers: Peer[] = [tensorsheet, tfjsPeer("cpu"), tfjsPeer("wasm")];
const baseline = "tfjs-wasm";

interface Row {
  label: string;
  note: string;
  /** Turns a median time in ms into the reported figure (higher is better). */
  score: (ms: number) => number;
  make: (peer: Peer) => Runner;
  samples: Map<string, number[]>;
  /** Peers whose output disagreed with tensorsheet's. */
  mismatch: Set<string>;
}

const rows: Row[] = [
  ...MATMUL_CASES.map((c) => ({ ...c, score: (ms: number) => gflops(c, ms), make: (p: Peer) => p.matmul(c) })),
  { ...MLP_CASE, score: (ms: number) => (MLP_CASE.batch * 1000) / ms, make: (p: Peer) => p.mlpStep(MLP_CASE) },
].map(({ label, note, score, make }) => ({ label, note, score, make, samples: new Map(), mismatch: new Set() }));

/** tensorsheet's outputs, the reference every other peer is checked against. */
const reference = new Map<string, Float32Array>();

function check(peer: Peer, row: Row, runner: Runner): void {
  const probe = runner.probe();
  const ref = reference.get(row.label);
  if (ref === undefined) reference.set(row.label, probe);
  else if (!close(ref, probe, 1e-4)) {
    row.mismatch.add(peer.name);
    console.error(`  ! ${peer.name} disagrees with tensorsheet on ${row.label}`);
  }
}

/** Relative to the largest magnitude, so near-zero entries don't make float32 noise look like a bug. */
function close(want: Float32Array, got: Float32Array, tolerance: number): boolean {
  if (want.length !== got.length) return false;
  let scale = 0;
  let err = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    err = Math.max(err, Math.abs(want[i]! - got[i]!));
  }
  return err <= tolerance * Math.max(scale, 1e-30);
}

const started = performance.now();
for (let r = 0; r < ROUNDS; r++) {
  for (const peer of peers) {
    await peer.activate();
    for (const row of rows) {
      const runner = row.make(peer);
      try {
        if (r === 0) check(peer, row, runner);
        const s = sample(() => runner.run(), round(r));
        row.samples.set(peer.name, [...(row.samples.get(peer.name) ?? []), ...s]);
        console.error(`  round ${r + 1}/${ROUNDS} ${peer.name.padEnd(12)} ${row.label}: ${median(s).toFixed(2)} ms median of ${s.length}`);
      } finally {
        runner.dispose();
      }
    }
  }
}
console.error("  first-look sheet: compiled TrainingRun step vs hand-written step…");
const training = await measureSheetTraining(ROUNDS, round);
console.error(`done in ${((performance.now() - started) / 1000).toFixed(0)} s (node ${process.version}, single thread)\n`);

const fmt = (v: number | undefined) => (v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(2));
const header = ["benchmark (GFLOP/s unless noted)", ...peers.map((p) => p.name), `tensorsheet ÷ ${baseline}`, "what"];
const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? "---" : "--:")).join("|")}|`];
for (const row of rows) {
  const value = (name: string) => {
    const s = row.samples.get(name);
    return s ? row.score(median(s)) : undefined;
  };
  const ours = value("tensorsheet");
  const theirs = value(baseline);
  const ratio = ours !== undefined && theirs !== undefined ? `${(ours / theirs).toFixed(2)}×` : "—";
  const cells = peers.map((p) => fmt(value(p.name)) + (row.mismatch.has(p.name) ? " ⚠" : ""));
  lines.push(`| ${row.label} | ${cells.join(" | ")} | ${ratio} | ${row.note} |`);
}
console.log(lines.join("\n"));

const overhead = 1 - training.compiledSamplesPerSecond / training.handWrittenSamplesPerSecond;
console.log(`
| first-look sheet training (samples/s, batch 128, MNIST) | sheet-compiled step | hand-written engine step | compile overhead |
|---|--:|--:|--:|
| 784-512-10 MLP, RMSprop, mini-batches taken from x_train | ${fmt(training.compiledSamplesPerSecond)} | ${fmt(training.handWrittenSamplesPerSecond)} | ${(overhead * 100).toFixed(1)}% |`);
