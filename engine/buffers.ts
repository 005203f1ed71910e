/**
 * Where op outputs get their memory. Outside an arena: a fresh Float32Array, as before. Inside
 * `arena.run(...)`: a buffer of the same length recycled from an earlier run, so a training
 * loop that does the same work every step stops allocating (and stops the garbage collector
 * from walking and freeing megabytes of activations per step) after its first step.
 *
 * The contract that makes recycling safe: when `arena.recycle()` is called, nothing computed
 * inside the arena since the last recycle is used again. The training loop keeps only numbers
 * (the loss, metric values) from a step and writes params in place, so it recycles after each.
 * Only buffers the arena handed out are recycled; views that share them (reshape) die with them.
 * The arena in use is `runtime.arena` (runtime.ts), set by `run` for its duration.
 */
import { checkElements } from "./limits.ts";
import { runtime } from "./runtime.ts";

export interface ArenaStats {
  /** Buffers made with `new Float32Array` because none of that length was free. */
  readonly created: number;
  /** Buffers handed out again after a recycle. */
  readonly reused: number;
  /** Bytes of every buffer this arena owns (in use or free): its whole footprint. */
  readonly bytes: number;
}

export class BufferArena {
  /** Free buffers by length. */
  private readonly free = new Map<number, Float32Array[]>();
  /** Handed out since the last recycle. */
  private inUse: Float32Array[] = [];
  private created = 0;
  private reused = 0;
  private bytes = 0;

  /** Runs `fn` with op outputs coming from this arena (nested arenas: the innermost wins). */
  run<T>(fn: () => T): T {
    const outer = runtime.arena;
    runtime.arena = this;
    try {
      return fn();
    } finally {
      runtime.arena = outer;
    }
  }

  /**
   * One step: `fn` inside the arena, then everything it was handed recycled, even when it
   * throws. `fn` must return only what doesn't live in those buffers (a number, say).
   */
  step<T>(fn: () => T): T {
    try {
      return this.run(fn);
    } finally {
      this.recycle();
    }
  }

  /** Everything handed out since the last recycle is free again (see the contract above). */
  recycle(): void {
    for (const b of this.inUse) {
      const list = this.free.get(b.length);
      if (list) list.push(b);
      else this.free.set(b.length, [b]);
    }
    this.inUse = [];
  }

  /** Drops every buffer (for the garbage collector), e.g. when a run ends. */
  clear(): void {
    this.free.clear();
    this.inUse = [];
    this.bytes = 0;
  }

  stats(): ArenaStats {
    return { created: this.created, reused: this.reused, bytes: this.bytes };
  }

  take(n: number, zeroed: boolean): Float32Array {
    const b = this.free.get(n)?.pop();
    if (b) {
      this.reused++;
      if (zeroed) b.fill(0);
      this.inUse.push(b);
      return b;
    }
    const fresh = new Float32Array(n);
    this.created++;
    this.bytes += fresh.byteLength;
    this.inUse.push(fresh);
    return fresh;
  }
}

/**
 * A zero-filled buffer of n floats for an op's output. Ops whose result shape comes from the user
 * check it first with a message naming the op; this is the backstop for the rest.
 */
export function allocate(n: number): Float32Array {
  checkElements("allocate", n, "this result");
  const arena = runtime.arena;
  return arena ? arena.take(n, true) : new Float32Array(n);
}

/** A buffer of n floats whose every element the caller is about to write (skips the zeroing). */
export function allocateUnset(n: number): Float32Array {
  checkElements("allocate", n, "this result");
  const arena = runtime.arena;
  return arena ? arena.take(n, false) : new Float32Array(n);
}
