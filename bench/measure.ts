/** Wall-clock timing of a synchronous workload: warm up, then sample until a time budget is spent. */

export interface MeasureOptions {
  /** JIT tiers and caches settle here; nothing is recorded. */
  warmupMs: number;
  budgetMs: number;
  /** Slow workloads still get this many samples. */
  minRuns: number;
}

/** Milliseconds per run, one sample per run. */
export function sample(run: () => void, options: MeasureOptions): number[] {
  const warmEnd = performance.now() + options.warmupMs;
  for (let i = 0; i < 2 || performance.now() < warmEnd; i++) run();

  const samples: number[] = [];
  const end = performance.now() + options.budgetMs;
  while (samples.length < options.minRuns || performance.now() < end) {
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
  }
  return samples;
}

/** The median of individual runs, not total/count: a GC pause or a descheduling moves one sample, not the result. */
export function median(samples: readonly number[]): number {
  const s = [...samples].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
