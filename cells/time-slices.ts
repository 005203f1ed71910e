/**
 * Run `steps` to the end, yielding to the event loop whenever a slice of `sliceMs` has passed so
 * a newer edit can abort the run through `signal`. Steps not reached are left to the iterator's owner.
 */
export async function runInSlices<T>(steps: Iterator<T>, signal: AbortSignal | undefined, sliceMs: number): Promise<{ readonly done: T[]; readonly cancelled: boolean }> {
  const done: T[] = [];
  let sliceStart = performance.now();
  for (;;) {
    if (signal?.aborted) return { done, cancelled: true };
    const s = steps.next();
    if (s.done) return { done, cancelled: false };
    done.push(s.value);
    if (performance.now() - sliceStart > sliceMs) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = performance.now();
    }
  }
}
