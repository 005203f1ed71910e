// What the page remembers of each training run between reloads, beside its checkpoint: the run's
// shape (epochs, steps an epoch), how it was left (training, paused, stopped, finished) and the
// user's choice to resume interrupted runs automatically. Small and synchronous: localStorage.
import type { TrainingStatus } from "./training-state.ts";

export interface RunMemo {
  /** The run's epochs (its own setting or a "Train N more epochs" target) and steps an epoch. */
  readonly epochs: number;
  readonly stepsPerEpoch: number;
  /** The `epochs` the run was asked to train to, beyond the cell's own setting (null: none). */
  readonly epochsOverride: number | null;
  /** How the run was left: "running" means the page closed (or reloaded) while it trained. */
  readonly status: TrainingStatus;
}

/** Where memos live: localStorage in the page, a Map in tests. */
export interface RunMemoStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

const PREFIX = "tensorsheet.training.run:";
const AUTO_RESUME = "tensorsheet.training.autoResume";

export function memoryMemoStore(): RunMemoStore {
  const map = new Map<string, string>();
  return { get: (k) => map.get(k) ?? null, set: (k, v) => void map.set(k, v), remove: (k) => void map.delete(k) };
}

/** localStorage when the page has it (private modes may throw on use: then nothing is remembered). */
export function browserMemoStore(): RunMemoStore {
  const storage = typeof localStorage === "undefined" ? null : localStorage;
  if (storage === null) return memoryMemoStore();
  const quietly = <T>(f: () => T, fallback: T): T => {
    try {
      return f();
    } catch {
      return fallback;
    }
  };
  return {
    get: (k) => quietly(() => storage.getItem(k), null),
    set: (k, v) => quietly(() => storage.setItem(k, v), undefined),
    remove: (k) => quietly(() => storage.removeItem(k), undefined),
  };
}

export function readRunMemo(store: RunMemoStore, runKey: string): RunMemo | null {
  const text = store.get(PREFIX + runKey);
  if (text === null) return null;
  try {
    const m = JSON.parse(text) as Partial<RunMemo>;
    if (typeof m.epochs !== "number" || typeof m.stepsPerEpoch !== "number" || typeof m.status !== "string") return null;
    return { epochs: m.epochs, stepsPerEpoch: m.stepsPerEpoch, epochsOverride: m.epochsOverride ?? null, status: m.status };
  } catch {
    return null;
  }
}

export function writeRunMemo(store: RunMemoStore, runKey: string, memo: RunMemo | null): void {
  if (memo === null) store.remove(PREFIX + runKey);
  else store.set(PREFIX + runKey, JSON.stringify(memo));
}

/** The user's opt-in: a run interrupted by a reload resumes by itself (one setting for every sheet). */
export function autoResumeEnabled(store: RunMemoStore): boolean {
  return store.get(AUTO_RESUME) === "on";
}

export function setAutoResume(store: RunMemoStore, on: boolean): void {
  if (on) store.set(AUTO_RESUME, "on");
  else store.remove(AUTO_RESUME);
}
