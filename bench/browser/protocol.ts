/** Messages between the bench page (./main.ts) and its worker (./worker.ts). */
import type { BenchMode } from "../table.ts";

export type ToWorker = { type: "start"; mode: BenchMode };

export type FromWorker =
  | { type: "started"; crossOriginIsolated: boolean }
  | { type: "progress"; line: string }
  | { type: "done"; table: string; seconds: number }
  | { type: "error"; message: string };
