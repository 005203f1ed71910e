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
import { CONV_FORWARD_CASES, CONVNET_CASE } from "./convnet-cases.ts";
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
  /** Turns a median time in ms into the reported figure: higher is better, unless `lowerIsBetter`. */
  score(ms: number): number;
  /** A time (ms) rather than a rate: the ratio column is then theirs ÷ ours, so > 1 still means we're faster. */
  readonly lowerIsBetter?: boolean;
  /** Undefined when the peer does not run this workload (its cell shows "—"). */
  make(peer: Peer): Runner | undefined;
}

const perSecond = (batch: number) => (ms: number) => (batch * 1000) / ms;

/**
 * The table's rows: the matmul shapes of an MLP step (GFLOP/s), the whole step (samples/s), the
 * convnet's step (samples/s) and its three convolutions' forward passes (ms).
 */
export function benchRows(): BenchRow[] {
  return [
    ...MATMUL_CASES.map((c) => ({ label: c.label, note: c.note, score: (ms: number) => gflops(c, ms), make: (p: Peer) => p.matmul(c) })),
    { label: MLP_CASE.label, note: MLP_CASE.note, score: perSecond(MLP_CASE.batch), make: (p: Peer) => p.mlpStep(MLP_CASE) },
    { label: CONVNET_CASE.label, note: CONVNET_CASE.note, score: perSecond(CONVNET_CASE.batch), make: (p: Peer) => p.convnetStep?.(CONVNET_CASE) },
    ...CONV_FORWARD_CASES.map((c) => ({ label: c.label, note: c.note, score: (ms: number) => ms, lowerIsBetter: true, make: (p: Peer) => p.conv2d?.(c) })),
  ];
}

export interface BenchOptions {
  /** Columns, in order. The first is the reference the others' outputs are checked against. */
  readonly peers: readonly Peer[];
  readonly rows?: readonly BenchRow[];
  readonly schedule: Schedule;
  /** Progress, one line per measured cell (and per disagreement). */
  readonly log?: (line: string) => void;
  /**
   * Outputs to check against, by row label, when the reference peer ran elsewhere (the browser's
   * threaded tfjs-wasm runs in a worker of its own); `referencePeer` names it in messages.
   */
  readonly reference?: ReadonlyMap<string, Float32Array>;
  readonly referencePeer?: string;
  /** Whether the first round probes and cross-checks outputs (default true): a caller running one round at a time checks once. */
  readonly check?: boolean;
}

export interface RowResult {
  readonly row: BenchRow;
  /** Milliseconds per run, every round's samples together, by peer name. */
  readonly samples: Map<string, number[]>;
  /** Peers whose output disagreed with the reference peer's. */
  readonly mismatch: Set<string>;
  /** Peers that threw on this workload (a missing kernel, say), with the message. */
  readonly failed: Map<string, string>;
}

export interface BenchResult {
  /** Peer names: the table's columns, in order. */
  readonly peers: readonly string[];
  readonly rows: readonly RowResult[];
  /** What each peer says about its build once activated (SIMD binary, threads), in peer order. */
  readonly environment: readonly string[];
  /** The outputs every other peer was checked against, by row label. */
  readonly reference: ReadonlyMap<string, Float32Array>;
}

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const { peers, schedule: { rounds, round } } = options;
  const log = options.log ?? (() => {});
  const rows: RowResult[] = (options.rows ?? benchRows()).map((row) => ({ row, samples: new Map(), mismatch: new Set(), failed: new Map() }));
  const environment = new Map<string, string>();
  const referencePeer = options.referencePeer ?? peers[0]?.name ?? "";
  /** The reference peer's outputs, by row label. */
  const reference = new Map<string, Float32Array>(options.reference ?? []);

  const check = (peer: Peer, result: RowResult, runner: Runner): void => {
    const probe = runner.probe();
    const ref = reference.get(result.row.label);
    if (ref === undefined) reference.set(result.row.label, probe);
    else if (!close(ref, probe, 1e-4)) {
      result.mismatch.add(peer.name);
      // Losses are a value or two: show them, so the size of the disagreement is on record.
      const values = (v: Float32Array) => (v.length <= 4 ? ` (${Array.from(v, (x) => x.toPrecision(7)).join(", ")})` : "");
      log(`  ! ${peer.name}${values(probe)} disagrees with ${referencePeer}${values(ref)} on ${result.row.label}`);
    }
  };

  for (let r = 0; r < rounds; r++) {
    for (const peer of peers) {
      await peer.activate();
      const described = await peer.describe?.();
      if (described !== undefined && !environment.has(peer.name)) {
        environment.set(peer.name, described);
        log(`  ${described}`);
      }
      for (const result of rows) {
        if (result.failed.has(peer.name)) continue;
        try {
          measureCell(peer, result, r);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          result.failed.set(peer.name, message);
          log(`  ! ${peer.name} cannot run ${result.row.label}: ${message}`);
        }
      }
    }
  }
  return { peers: peers.map((p) => p.name), rows, environment: [...environment.values()], reference };

  function measureCell(peer: Peer, result: RowResult, r: number): void {
    const runner = result.row.make(peer);
    if (runner === undefined) return;
    try {
      if (r === 0 && options.check !== false) check(peer, result, runner);
      const s = sample(() => runner.run(), round(r));
      result.samples.set(peer.name, [...(result.samples.get(peer.name) ?? []), ...s]);
      log(`  round ${r + 1}/${rounds} ${peer.name.padEnd(12)} ${result.row.label}: ${median(s).toFixed(2)} ms median of ${s.length}`);
    } finally {
      runner.dispose();
    }
  }
}

/** Relative to the largest magnitude, so near-zero entries don't make float32 noise look like a bug. */
function close(want: Float32Array, got: Float32Array, tolerance: number): boolean {
  return want.length === got.length && relativeError(want, got) <= tolerance;
}

/** The largest difference relative to the largest magnitude: how the cross-check compares two peers' outputs. */
export function relativeError(want: ArrayLike<number>, got: ArrayLike<number>): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < want.length; i++) {
    scale = Math.max(scale, Math.abs(want[i]!));
    err = Math.max(err, Math.abs(want[i]! - got[i]!));
  }
  return err / Math.max(scale, 1e-30);
}

/** A figure as the tables print it: no decimals from 100 up, two below; "—" when not measured. */
export function formatFigure(v: number | undefined): string {
  return v === undefined ? "—" : v >= 100 ? v.toFixed(0) : v.toFixed(2);
}

/** Marks a figure whose peer disagreed with the reference peer. */
export const MISMATCH_MARK = "⚠";

/** What a failed cell shows; the reason is listed under the table. */
export const FAILED_MARK = "n/a";

/** A ratio column: how many times faster `ours` is than `baseline`. */
export type Ratio = readonly [ours: string, baseline: string];

export const DEFAULT_RATIOS: readonly Ratio[] = [["tensorsheet", "tfjs-wasm"]];

export interface TableOptions {
  /** Ratio columns, in order; one whose peers did not both run is left out. */
  readonly ratios?: readonly Ratio[];
  /** Lines above the table (when and where it was measured). */
  readonly caption?: readonly string[];
}

/**
 * The markdown table: one column per peer (in order), then a `ours ÷ baseline` column per ratio
 * (always "how many times faster we are": a time row divides the other way) and the row's note.
 * Figures are scores of the median over all rounds' samples. The caption and the peers' own
 * descriptions (the builds measured) go above it, and the peers that could not run a row below it.
 */
export function formatTable(result: BenchResult, { ratios = DEFAULT_RATIOS, caption = [] }: TableOptions = {}): string {
  const { peers } = result;
  const shown = ratios.filter(([a, b]) => peers.includes(a) && peers.includes(b));
  const header = ["benchmark (GFLOP/s unless noted)", ...peers, ...shown.map(([a, b]) => `${a} ÷ ${b}`), "what"];
  const lines = [`| ${header.join(" | ")} |`, `|${header.map((_, i) => (i === 0 || i === header.length - 1 ? "---" : "--:")).join("|")}|`];
  const failures: string[] = [];
  for (const { row, samples, mismatch, failed } of result.rows) {
    const value = (name: string) => {
      const s = samples.get(name);
      return s ? row.score(median(s)) : undefined;
    };
    const ratio = ([ours, baseline]: Ratio) => {
      const mine = value(ours);
      const theirs = value(baseline);
      return mine !== undefined && theirs !== undefined ? `${(row.lowerIsBetter ? theirs / mine : mine / theirs).toFixed(2)}×` : "—";
    };
    const cells = peers.map((name) => {
      if (failed.has(name)) return FAILED_MARK;
      return formatFigure(value(name)) + (mismatch.has(name) ? ` ${MISMATCH_MARK}` : "");
    });
    lines.push(`| ${[row.label, ...cells, ...shown.map(ratio), row.note].join(" | ")} |`);
    for (const [peer, message] of failed) failures.push(`- ${FAILED_MARK}: ${peer} could not run "${row.label}": ${message}`);
  }
  const above = [...caption, ...result.environment].map((line) => `- ${line}\n`).join("");
  return `${above}${above ? "\n" : ""}${lines.join("\n")}${failures.length ? `\n\n${failures.join("\n")}` : ""}`;
}
