import { runtime } from "./runtime.ts";

/**
 * Long work a newer request has made pointless can stop part-way. The caller installs a poll with
 * `withInterrupt` (the sheet worker's: "has an edit arrived since this pass began?", read from
 * shared memory, since no message can be handled while an op runs); large products call
 * `checkInterrupt` between their blocks and stop with `Interrupted`. The op's partial output is
 * dropped, so nothing half-computed is ever seen.
 */
export class Interrupted extends Error {
  constructor() {
    super("interrupted: a newer request made this work pointless");
    this.name = "Interrupted";
  }
}

/** Run `fn` with `poll` as the interrupt check (null: none), restoring the outer one after. */
export function withInterrupt<T>(poll: (() => boolean) | null, fn: () => T): T {
  const saved = runtime.interrupt;
  runtime.interrupt = poll;
  try {
    return fn();
  } finally {
    runtime.interrupt = saved;
  }
}

/** Whether the installed poll asks work to stop. */
export function interruptRequested(): boolean {
  const poll = runtime.interrupt;
  return poll !== null && poll();
}

export function checkInterrupt(): void {
  if (interruptRequested()) throw new Interrupted();
}
