/** Messages between the bench page (./main.ts) and its workers (./worker.ts). */
import type { BenchRecord } from "../record.ts";
import type { BenchMode } from "../table.ts";

/**
 * Which columns a worker measures: "main" is every single-threaded peer and ours on two threads;
 * "threaded" is tfjs-wasm's threaded build on two threads, alone in its worker (one tfjs-wasm
 * backend per realm), checked against the main run's reference outputs.
 */
export type PeerSet = "main" | "threaded";

/**
 * Measure round `round` of the schedule. The page alternates the two workers round by round, so
 * background load that comes and goes lands on both alike; round 0 also cross-checks outputs.
 */
export type ToWorker = { type: "round"; mode: BenchMode; peers: PeerSet; round: number; reference?: BenchRecord["reference"] };

export type FromWorker =
  | { type: "started"; crossOriginIsolated: boolean }
  | { type: "progress"; line: string }
  | { type: "done"; record: BenchRecord }
  | { type: "error"; message: string };
