import { Interrupted, withInterrupt } from "../engine/index.ts";

/**
 * Run `steps` to the end, yielding to the event loop whenever a slice of `sliceMs` has passed so
 * a newer edit can abort the run through `signal`. Within a step, `interrupt` (polled by large
 * products between their blocks) can stop it part-way; the step's owner must then leave it to do
 * again. Steps not reached are left to the iterator's owner.
 */
export async function runInSlices<T>(steps: Iterator<T>, signal: AbortSignal | undefined, sliceMs: number,
  interrupt: (() => boolean) | null = null): Promise<{ readonly done: T[]; readonly cancelled: boolean }> {
  const done: T[] = [];
  let sliceStart = performance.now();
  for (;;) {
    if (signal?.aborted) return { done, cancelled: true };
    let s: IteratorResult<T>;
    try {
      s = withInterrupt(interrupt, () => steps.next());
    } catch (e) {
      if (e instanceof Interrupted) return { done, cancelled: true };
      throw e;
    }
    if (s.done) return { done, cancelled: false };
    done.push(s.value);
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
}
