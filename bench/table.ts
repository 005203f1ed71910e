/**
 * The benchmark loop and its markdown table, with no Node or DOM API in sight: `npm run bench`
 * (bench/run.ts) and the browser page (bench.html → bench/browser/worker.ts) both run this.
 *
 * Each cell's budget is split over rounds that cycle through all peers, so background load that
 * comes and goes (a shared machine) lands on every peer alike instead of on whoever ran then.
 * Every peer's outputs are checked against the first peer's (tensorsheet); a disagreement marks
 * that peer's figure with ⚠.
 */
import { gflops, MATMUL_CASES, MLP_CASE, type Peer, type Runner } from "./cases.ts";
import { median, sample, type MeasureOptions } from "./measure.ts";

/** full: the real numbers; quick: a smoke test (`--quick`, `?quick`). */
export type BenchMode = "full" | "quick";

export interface Schedule {
  readonly rounds: number;
  /** Timing of every cell in round `r` (0-based). */
  round(r: number): MeasureOptions;
}

export function schedule(mode: BenchMode): Schedule {
  switch (mode) {
    case "full":
      // Per cell per round; the first round warms up longer (JIT), later ones just refill caches.
      return { rounds: 3, round: (r) => ({ warmupMs: r === 0 ? 400 : 100, budgetMs: 500, minRuns: 2 }) };
    case "quick":
      return { rounds: 1, round: () => ({ warmupMs: 50, budgetMs: 150, minRuns: 3 }) };
  }
}

/** One line of the table: a workload every peer runs. */
export interface BenchRow {
  readonly label: string;
  readonly note: string;
  /** Turns a median time in ms into the reported figure (higher is better). */
  score(ms: number): number;
  make(peer: Peer): Runner;
}

/** The table's rows: the matmul shapes of an MLP step (GFLOP/s), then the whole step (samples/s). */
export function benchRows(): BenchRow[] {
  return [
    ...MATMUL_CASES.map((c) => ({ label: c.label, note: c.note, score: (ms: number) => gflops(c, ms), make: (p: Peer) => p.matmul(c) })),
    { label: MLP_CASE.label, note: MLP_CASE.note, score: (ms: number) => (MLP_CASE.batch * 1000) / ms, make: (p: Peer) => p.mlpStep(MLP_CASE) },
  ];
}

export interface BenchOptions {
  /** Columns, in order. The first is the reference the others' outputs are checked against. */
  readonly peers: readonly Peer[];
  readonly rows?: readonly BenchRow[];
  readonly schedule: Schedule;
  /** Progress, one line per measured cell (and per disagreement). */
  readonly log?: (line: string) => void;
}

export interface RowResult {
  readonly row: BenchRow;
  /** Milliseconds per run, every round's samples together, by peer name. */
  readonly samples: Map<string, number[]>;
  /** Peers whose output disagreed with the reference peer's. */
  readonly mismatch: Set<string>;
}

export interface BenchResult {
  readonly peers: readonly Peer[];
  readonly rows: readonly RowResult[];
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { peers, schedule: { rounds, round } } = options;
  const log = options.log ?? (() => {});
  const rows: RowResult[] = (options.rows ?? benchRows()).map((row) => ({ row, samples: new Map(), mismatch: new Set() }));
  const referencePeer = peers[0]?.name ?? "";
  /** The reference peer's outputs, by row label. */
  const reference = new Map<string, Float32Array>();

  const check = (peer: Peer, result: RowResult, runner: Runner): void => {
    const probe = runner.probe();
    const ref = reference.get(result.row.label);
    if (ref === undefined) reference.set(result.row.label, probe);
    else if (!close(ref, probe, 1e-4)) {
      result.mismatch.add(peer.name);
      log(`  ! ${peer.name} disagrees with ${referencePeer} on ${result.row.label}`);
    }
  };

  for (let r = 0; r < rounds; r++) {
    for (const peer of peers) {
      await peer.activate();
      for (const result of rows) {
        const runner = result.row.make(peer);
        try {
          if (r === 0) check(peer, result, runner);
          const s = sample(() => runner.run(), round(r));
          result.samples.set(peer.name, [...(result.samples.get(peer.name) ?? []), ...s]);
          log(`  round ${r + 1}/${rounds} ${peer.name.padEnd(12)} ${result.row.label}: ${median(s).toFixed(2)} ms median of ${s.length}`);
        } finally {
          runner.dispose();
        }
      }
    }
  }
  return { peers, rows };
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

/** A figure as the tables print it: no decimals from 100 up, two below; "—" when not measured. */
export function formatFigure(v: number | undefined): string {
  return v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(2);
}

/** Marks a figure whose peer disagreed with the reference peer. */
export const MISMATCH_MARK = "⚠";

/**
 * The markdown table: one column per peer (in order), then `ours ÷ baseline` and the row's note.
 * Figures are scores of the median over all rounds' samples.
 */
export function formatTable(result: BenchResult, { ours = "tensorsheet", baseline = "tfjs-wasm" } = {}): string {
  const { peers } = result;
  const header = ["benchmark (GFLOP/s unless noted)", ...peers.map((p) => p.name), `${ours} ÷ ${baseline}`, "what"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? "---" : "--:")).join("|")}|`];
  for (const { row, samples, mismatch } of result.rows) {
    const value = (name: string) => {
      const s = samples.get(name);
      return s ? row.score(median(s)) : undefined;
    };
    const mine = value(ours);
    const theirs = value(baseline);
    const ratio = mine !== undefined && theirs !== undefined ? `${(mine / theirs).toFixed(2)}×` : "—";
    const cells = peers.map((p) => formatFigure(value(p.name)) + (mismatch.has(p.name) ? ` ${MISMATCH_MARK}` : ""));
    lines.push(`| ${row.label} | ${cells.join(" | ")} | ${ratio} | ${row.note} |`);
  }
  return lines.join("\n");
}
