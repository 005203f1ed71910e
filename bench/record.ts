/**
 * A bench result as plain data, so it can cross a postMessage: the browser bench measures
 * tfjs-wasm's threaded build in a worker of its own (the backend is one per realm and picks its
 * binary once), then the page merges both workers' records into one table.
 */
import { benchRows, type BenchResult, type BenchRow, type RowResult } from "./table.ts";

export interface RowRecord {
  readonly label: string;
  /** Milliseconds per run, by peer name. */
  readonly samples: Record<string, number[]>;
  readonly mismatch: readonly string[];
  readonly failed: Record<string, string>;
}

export interface BenchRecord {
  readonly peers: readonly string[];
  readonly rows: readonly RowRecord[];
  readonly environment: readonly string[];
  /** The reference peer's outputs, by row label. */
  readonly reference: Record<string, number[]>;
}

export function toRecord(result: BenchResult): BenchRecord {
  return {
    peers: [...result.peers],
    rows: result.rows.map(({ row, samples, mismatch, failed }) => ({
      label: row.label,
      samples: Object.fromEntries(samples),
      mismatch: [...mismatch],
      failed: Object.fromEntries(failed),
    })),
    environment: [...result.environment],
    reference: Object.fromEntries([...result.reference].map(([label, values]) => [label, Array.from(values)])),
  };
}

/** A record's reference outputs, for runBench's `reference` option. */
export function referenceOf(reference: BenchRecord["reference"]): Map<string, Float32Array> {
  return new Map(Object.entries(reference).map(([label, values]) => [label, Float32Array.from(values)]));
}

/** One result with every record's columns, in order; rows are `rows` (by label), measured or not. */
export function mergeRecords(records: readonly BenchRecord[], rows: readonly BenchRow[] = benchRows()): BenchResult {
  const merged: RowResult[] = rows.map((row) => {
    const mine = records.flatMap((r) => r.rows.filter((x) => x.label === row.label));
    return {
      row,
      samples: new Map(mine.flatMap((x) => Object.entries(x.samples))),
      mismatch: new Set(mine.flatMap((x) => x.mismatch)),
      failed: new Map(mine.flatMap((x) => Object.entries(x.failed))),
    };
  });
  return {
    peers: records.flatMap((r) => r.peers),
    rows: merged,
    environment: records.flatMap((r) => r.environment),
    reference: referenceOf(records[0]?.reference ?? {}),
  };
}

/** One peer set's rounds, run one at a time, as one record: samples concatenated in round order. */
export function appendRounds(rounds: readonly BenchRecord[]): BenchRecord {
  const [first] = rounds;
  if (!first) return { peers: [], rows: [], environment: [], reference: {} };
  const rows = first.rows.map((row) => {
    const same = rounds.map((r) => r.rows.find((x) => x.label === row.label)).filter((x) => x !== undefined);
    const samples: Record<string, number[]> = {};
    for (const x of same) for (const [peer, s] of Object.entries(x.samples)) samples[peer] = [...(samples[peer] ?? []), ...s];
    return {
      label: row.label,
      samples,
      mismatch: [...new Set(same.flatMap((x) => x.mismatch))],
      failed: Object.assign({}, ...same.map((x) => x.failed)) as Record<string, string>,
    };
  });
  return { peers: first.peers, rows, environment: first.environment, reference: first.reference };
}
