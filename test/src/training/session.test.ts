import { afterEach, describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { CheckpointStoreError, type CheckpointStore, type TrainingCheckpoint } from "../../../cells/training/checkpoint.ts";
import { MemoryCheckpointStore } from "../../../cells/training/memory-store.ts";
import { DatasetError } from "../../../engine/datasets/errors.ts";
import { IdbCheckpointStore, type AppDatabase } from "../../../src/persistence/index.ts";
import { transferables, type TrainingCommand, type TrainingEvent, type TrainingResult } from "../../../src/training/protocol.ts";
import { TrainingSession, trainedParamNames, type DatasetLoader } from "../../../src/training/session.ts";
import { freshDatabase } from "../persistence/fake-idb.ts";
import { regressionCells } from "../../support/training.ts";

const DEFAULT_OPTIONS = '{optimizer: "adam", lr: 0.1, batch: 16, epochs: 4, feed: [x, y], metrics: [mse_all]}';

/** A small regression sheet as the page would send it: 7 steps an epoch, 28 in all. */
function regressionDocument(options = DEFAULT_OPTIONS, seed = 5): SheetDocument {
  return {
    format: "tensorsheet",
    version: 1,
    title: "regression",
    seed,
    cells: regressionCells(options),
  };
}

const RUN = "sheet-1:fit";
/** Every step reports progress and yields, so a pause lands after an exact step. */
const TIMING = { yieldEveryMs: 0, progressEveryMs: 0, checkpointEveryMs: Infinity };

interface Harness {
  session: TrainingSession;
  events: TrainingEvent[];
  /** Called synchronously for each event, after it is recorded. */
  onEvent: ((e: TrainingEvent, session: TrainingSession) => void) | null;
  of<T extends TrainingEvent["type"]>(type: T): Extract<TrainingEvent, { type: T }>[];
}

function harness(store: CheckpointStore, loadDataset?: DatasetLoader, timing: typeof TIMING = TIMING): Harness {
  const h: Harness = {
    session: null as unknown as TrainingSession,
    events: [],
    onEvent: null,
    of: (type) => h.events.filter((e) => e.type === type) as never,
  };
  h.session = new TrainingSession({
    store,
    timing,
    ...(loadDataset ? { loadDataset } : {}),
    post: (event, transfer) => {
      // What postMessage would do: the listed buffers must belong to the event.
      expect(transfer).toEqual(transferables(event));
      h.events.push(structuredClone(event));
      h.onEvent?.(event, h.session);
    },
  });
  return h;
}

const start = (document = regressionDocument()): TrainingCommand => ({ type: "start", runKey: RUN, document, address: "A9" });
const resume = (document = regressionDocument()): TrainingCommand => ({ type: "resume", runKey: RUN, document, address: "A9" });

function resultOf(h: Harness, type: "paused" | "stopped" | "finished"): TrainingResult {
  const events = h.of(type);
  expect(events, `${type} events`).toHaveLength(1);
  return events[0]!.result;
}

/** Bit patterns, so -0 and NaN payloads count too. */
function bits(a: Float32Array): number[] {
  return [...new Uint32Array(a.buffer, a.byteOffset, a.length)];
}

function expectSameResult(actual: TrainingResult, expected: TrainingResult): void {
  expect(bits(actual.lossHistory)).toEqual(bits(expected.lossHistory));
  expect(Object.keys(actual.params).sort()).toEqual(Object.keys(expected.params).sort());
  for (const [name, p] of Object.entries(expected.params)) {
    expect(actual.params[name]!.shape, name).toEqual(p.shape);
    expect(bits(actual.params[name]!.data), name).toEqual(bits(p.data));
  }
  expect(actual.metricHistory).toEqual(expected.metricHistory);
}

/** Pause as soon as `step` steps are done. */
function pauseAt(h: Harness, step: number): void {
  h.onEvent = (e, session) => {
    if (e.type === "progress" && e.progress.step === step) void session.handle({ type: "pause" });
  };
}

async function uninterrupted(): Promise<TrainingResult> {
  const h = harness(new MemoryCheckpointStore());
  await h.session.handle(start());
  return resultOf(h, "finished");
}

const open: AppDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

describe("TrainingSession", () => {
  it("pauses, resumes in a new session from the store, and finishes exactly like an uninterrupted run", async () => {
    const straight = await uninterrupted();
    expect(straight.lossHistory).toHaveLength(28);
    expect(straight.progress).toMatchObject({ step: 28, totalSteps: 28, epoch: 4, epochs: 4 });

    const store = new MemoryCheckpointStore();
    const first = harness(store);
    pauseAt(first, 3);
    await first.session.handle(start());
    const paused = resultOf(first, "paused");
    expect(paused.progress.step).toBe(3);
    expect(paused.lossHistory).toEqual(straight.lossHistory.slice(0, 3));
    expect(first.of("checkpointed").map((e) => e.step)).toEqual([3]);
    expect((await store.load(RUN))!.step).toBe(3);
    expect(first.session.activeRunKey).toBeNull();

    // A new session, as after a page reload: only the store survives.
    const second = harness(store);
    await second.session.handle(resume());
    const started = second.of("started");
    expect(started).toHaveLength(1);
    expect(started[0]!.resumedFrom).toBe(3);
    expect(started[0]!.lossHistory).toEqual(paused.lossHistory);
    const finished = resultOf(second, "finished");
    expectSameResult(finished, straight);
    expect(second.of("failed")).toEqual([]);
    expect((await store.load(RUN))!.step).toBe(28);
  });

  it("does the same through the browser's IndexedDB store", async () => {
    const straight = await uninterrupted();
    const { db } = freshDatabase();
    open.push(db);
    const store = new IdbCheckpointStore(db);

    const first = harness(store);
    pauseAt(first, 9);
    await first.session.handle(start());
    expect(resultOf(first, "paused").progress.step).toBe(9);
    // The epoch boundary at step 7 checkpointed too.
    expect(first.of("checkpointed").map((e) => e.step)).toEqual([7, 9]);

    const second = harness(new IdbCheckpointStore(db));
    pauseAt(second, 20);
    await second.session.handle(resume());
    expect(resultOf(second, "paused").progress.step).toBe(20);

    const third = harness(new IdbCheckpointStore(db));
    await third.session.handle(resume());
    expectSameResult(resultOf(third, "finished"), straight);
  });

  it("streams every step's loss in its progress events, for the live chart", async () => {
    const h = harness(new MemoryCheckpointStore());
    await h.session.handle(start());
    const streamed: number[] = [];
    for (const e of h.of("progress")) {
      expect(e.fromStep).toBe(streamed.length);
      streamed.push(...e.losses);
    }
    expect(streamed).toEqual([...resultOf(h, "finished").lossHistory]);
    expect(h.of("epoch").map((e) => e.progress.epoch)).toEqual([1, 2, 3, 4]);
    expect(h.of("epoch")[0]!.progress.metrics.mse_all).toBeTypeOf("number");
  });

  it("sends every epoch's metrics, batching them when epochs are tiny", async () => {
    const tiny = regressionDocument('{optimizer: "adam", lr: 0.1, batch: 100, epochs: 30, feed: [x, y], metrics: [mse_all]}');
    const every = harness(new MemoryCheckpointStore());
    await every.session.handle(start(tiny));
    const all = resultOf(every, "finished").metricHistory.mse_all!;
    expect(all).toHaveLength(30);
    const streamed: number[] = [];
    for (const e of every.of("epoch")) {
      expect(e.fromEpoch).toBe(streamed.length);
      streamed.push(...e.metrics.mse_all!);
    }
    expect(streamed).toEqual(all);

    const throttled = harness(new MemoryCheckpointStore(), undefined, { ...TIMING, progressEveryMs: 60_000 });
    await throttled.session.handle(start(tiny));
    expect(throttled.of("epoch")).toEqual([expect.objectContaining({ fromEpoch: 0, metrics: { mse_all: [all[0]] } })]);
    expect(resultOf(throttled, "finished").metricHistory.mse_all).toEqual(all);
  });

  it("checkpoints every epoch, and stop saves and hands the params back", async () => {
    const store = new MemoryCheckpointStore();
    const h = harness(store);
    h.onEvent = (e, session) => {
      if (e.type === "progress" && e.progress.step === 10) void session.handle({ type: "stop" });
    };
    await h.session.handle(start());
    expect(h.of("checkpointed").map((e) => e.step)).toEqual([7, 10]);
    const stopped = resultOf(h, "stopped");
    expect(stopped.progress.step).toBe(10);
    expect(Object.keys(stopped.params).sort()).toEqual(["W", "b"]);
    expect(stopped.params.W!.shape).toEqual([3, 1]);
    expect(stopped.address).toBe("A9");
  });

  it("resume without a checkpoint starts a fresh run", async () => {
    const straight = await uninterrupted();
    const h = harness(new MemoryCheckpointStore());
    await h.session.handle(resume());
    expect(h.of("started")[0]!.resumedFrom).toBeNull();
    expectSameResult(resultOf(h, "finished"), straight);
  });

  it("refuses to resume into a sheet that changed since the checkpoint, keeping the checkpoint", async () => {
    const store = new MemoryCheckpointStore();
    const first = harness(store);
    pauseAt(first, 2);
    await first.session.handle(start());

    const changed = regressionDocument(DEFAULT_OPTIONS.replace("lr: 0.1", "lr: 0.05"));
    const second = harness(store);
    await second.session.handle(resume(changed));
    const [failed] = second.of("failed");
    expect(failed).toMatchObject({ kind: "training", continuing: false, runKey: RUN });
    expect(failed!.message).toMatch(/sheet changed/);
    expect((await store.load(RUN))!.step).toBe(2);
  });

  it("reports a NaN loss as a training failure, hands back the last good params and keeps the checkpoint", async () => {
    const store = new MemoryCheckpointStore();
    const h = harness(store);
    await h.session.handle(start(regressionDocument('{optimizer: "sgd", lr: 1e30, batch: 100, epochs: 50, feed: [x, y]}')));
    const [failed] = h.of("failed");
    expect(failed).toMatchObject({ kind: "training", continuing: false });
    expect(failed!.message).toMatch(/loss became (NaN|Infinity)/);
    expect(failed!.message).toMatch(/last checkpoint \(step \d+\) is kept/);
    const saved = (await store.load(RUN))!;
    expect(failed!.result).toBeDefined();
    for (const p of Object.values(failed!.result!.params)) expect(p.data.every(Number.isFinite)).toBe(true);
    expect(failed!.result!.lossHistory.length).toBeGreaterThanOrEqual(saved.step);
    expect(h.of("finished")).toEqual([]);
  });

  it("explains a broken training cell as a training failure", async () => {
    const h = harness(new MemoryCheckpointStore());
    await h.session.handle(start(regressionDocument('{optimizer: "adamw"}')));
    const [failed] = h.of("failed");
    expect(failed).toMatchObject({ kind: "training", continuing: false });
    expect(failed!.message).toMatch(/optimizer must be one of/);
    expect(failed!.result).toBeUndefined();
  });

  it("keeps training when checkpoints cannot be saved, says so once, and clears it when a save works again", async () => {
    const straight = await uninterrupted();
    const memory = new MemoryCheckpointStore();
    let failing = true;
    const store: CheckpointStore = {
      save: async (c: TrainingCheckpoint) => {
        if (failing) throw new CheckpointStoreError("quota", `Storage is full: the checkpoint of "${c.runKey}" at step ${c.step} could not be saved.`);
        return memory.save(c);
      },
      load: (k) => memory.load(k),
      delete: (k) => memory.delete(k),
      list: () => memory.list(),
    };
    const h = harness(store);
    h.onEvent = (e) => {
      if (e.type === "epoch" && e.progress.epoch === 2) failing = false;
    };
    await h.session.handle(start());
    const failures = h.of("failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ kind: "storage", continuing: true, runKey: RUN });
    expect(failures[0]!.message).toMatch(/Storage is full/);
    expect(failures[0]!.message).toMatch(/Training continues without checkpoints/);
    expect(h.of("checkpointed").map((e) => e.step)).toEqual([14, 21, 28]);
    expectSameResult(resultOf(h, "finished"), straight);
  });

  it("reports a checkpoint that cannot be loaded as a storage failure, without training", async () => {
    const memory = new MemoryCheckpointStore();
    const store: CheckpointStore = {
      save: (c) => memory.save(c),
      load: async () => {
        throw new CheckpointStoreError("unavailable", "Browser storage (IndexedDB) is not available here.");
      },
      delete: (k) => memory.delete(k),
      list: () => memory.list(),
    };
    const h = harness(store);
    await h.session.handle(resume());
    expect(h.of("failed")).toEqual([
      expect.objectContaining({ kind: "storage", continuing: false, message: expect.stringMatching(/not available.*could not resume/) }),
    ]);
    expect(h.of("started")).toEqual([]);
  });

  it("turns an unexpected exception into a crash event instead of dying", async () => {
    const h = harness(new MemoryCheckpointStore(), async () => {
      throw new TypeError("x is undefined");
    });
    await expect(h.session.handle(start())).resolves.toBeUndefined();
    expect(h.of("failed")).toEqual([
      expect.objectContaining({ kind: "crash", continuing: false, runKey: RUN, message: expect.stringMatching(/x is undefined.*last checkpoint is kept/) }),
    ]);
    expect(h.session.activeRunKey).toBeNull();
  });

  it("reports a dataset that cannot be loaded as a training failure", async () => {
    const h = harness(new MemoryCheckpointStore(), async () => {
      throw new DatasetError("data/mnist.bin", "could not load the built-in MNIST asset: HTTP 404");
    });
    await h.session.handle(start());
    expect(h.of("failed")[0]).toMatchObject({ kind: "training", message: expect.stringMatching(/HTTP 404/) });
  });

  it("passes the dataset loader every source", async () => {
    const seen: string[][] = [];
    const h = harness(new MemoryCheckpointStore(), async (sources) => {
      seen.push([...sources]);
      return undefined;
    });
    await h.session.handle(start());
    expect(seen).toEqual([regressionDocument().cells.map((c) => c.source)]);
    expect(h.of("finished")).toHaveLength(1);
  });

  it("trains one run at a time", async () => {
    const h = harness(new MemoryCheckpointStore());
    let second: Promise<void> | null = null;
    h.onEvent = (e, session) => {
      if (e.type === "progress" && e.progress.step === 1 && second === null) {
        second = session.handle({ type: "start", runKey: "sheet-1:other", document: regressionDocument(), address: "A9" });
      }
    };
    await h.session.handle(start());
    await second;
    expect(h.of("failed")).toEqual([expect.objectContaining({ runKey: "sheet-1:other", message: expect.stringMatching(/still training/) })]);
    expect(h.of("finished")).toHaveLength(1);
  });

  it("reset stops the run, deletes its checkpoint and names the params to re-initialize", async () => {
    const store = new MemoryCheckpointStore();
    const h = harness(store);
    let reset: Promise<void> | null = null;
    h.onEvent = (e, session) => {
      if (e.type === "progress" && e.progress.step === 8 && reset === null) reset = session.handle({ type: "reset", runKey: RUN });
    };
    await h.session.handle(start());
    await reset;
    expect(h.events.map((e) => e.type).slice(-2)).toEqual(["stopped", "reset"]);
    expect(h.of("reset")[0]).toMatchObject({ type: "reset", runKey: RUN, params: ["W", "b"], deleted: { runKey: RUN, step: 8 } });
    expect(await store.load(RUN)).toBeNull();

    // Without a checkpoint the training cell's source names them.
    await h.session.handle({ type: "reset", runKey: RUN, source: "fit = train(loss, [W, b], {lr: 0.1})" });
    expect(h.of("reset")[1]!.params).toEqual(["W", "b"]);
  });

  it("answers probes from the store", async () => {
    const store = new MemoryCheckpointStore();
    const h = harness(store);
    await h.session.handle({ type: "probe", id: 1, runKey: RUN });
    pauseAt(h, 5);
    await h.session.handle(start());
    await h.session.handle({ type: "probe", id: 2, runKey: RUN });
    const probes = h.of("probed");
    expect(probes[0]).toEqual({ type: "probed", id: 1, runKey: RUN, checkpoint: null });
    expect(probes[1]!.checkpoint).toMatchObject({ runKey: RUN, step: 5, epoch: 0, stepInEpoch: 5, params: ["W", "b"] });
  });

  it("ignores pause and stop when nothing trains", async () => {
    const h = harness(new MemoryCheckpointStore());
    await h.session.handle({ type: "pause" });
    await h.session.handle({ type: "stop" });
    expect(h.events).toEqual([]);
  });
});

describe("trainedParamNames", () => {
  it("reads the params of a train(…) cell", () => {
    expect(trainedParamNames("fit = train(loss, [W1, b1, W2], {lr: 0.1})")).toEqual(["W1", "b1", "W2"]);
    expect(trainedParamNames("train(loss, W)")).toEqual(["W"]);
    expect(trainedParamNames("x = 1 + 2")).toEqual([]);
    expect(trainedParamNames("fit = train(")).toEqual([]);
  });
});

describe("TrainingSession: one holder per run", () => {
  it("refuses to train a run whose lock another tab holds, and releases its own lock when the run ends", async () => {
    const held = new Set<string>(["sheet-1:fit"]);
    const released: string[] = [];
    const lockRun = async (runKey: string) => {
      if (held.has(runKey)) return null;
      held.add(runKey);
      return () => {
        held.delete(runKey);
        released.push(runKey);
      };
    };
    const events: TrainingEvent[] = [];
    const session = new TrainingSession({ store: new MemoryCheckpointStore(), timing: TIMING, lockRun, post: (e) => events.push(structuredClone(e)) });
    await session.handle(start());
    expect(events.map((e) => e.type)).toEqual(["failed"]);
    expect(events[0]).toMatchObject({ kind: "training", continuing: false, message: "This run is training in another tab; pause it there, or close that tab, to train it here." });

    held.clear();
    events.length = 0;
    await session.handle(start());
    expect(events.at(-1)!.type).toBe("finished");
    expect(released).toEqual([RUN]);
    expect(held.size).toBe(0);
  });
});
