// The training client's side of issue 13: live params reach the sheet while a run trains, a reload
// shows the interrupted run paused at its checkpoint, a reset can be undone, and a finished run
// trains N more epochs (and keeps that target when paused and resumed).
import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { MemoryCheckpointStore } from "../../../cells/training/memory-store.ts";
import type { TrainedParams, TrainingCommand, TrainingEvent } from "../../../src/training/protocol.ts";
import { memoryMemoStore, readRunMemo, writeRunMemo, type RunMemoStore } from "../../../src/training/run-memo.ts";
import { TrainingSession } from "../../../src/training/session.ts";
import { TrainingClient, type TrainingWorkerPort } from "../../../src/training/training-client.ts";
import { regressionCells } from "../../support/training.ts";

const RUN = "sheet-1:fit";
const ADDRESS = "A9";
/** 100 samples in batches of 16: 7 steps an epoch. */
const doc = (epochs = 4): SheetDocument => ({
  format: "tensorsheet",
  version: 1,
  title: "regression",
  seed: 5,
  cells: regressionCells(`{optimizer: "adam", lr: 0.1, batch: 16, epochs: ${epochs}, feed: [x, y], metrics: [mse_all]}`),
});

/** A worker stand-in: an in-process session; events come back asynchronously, as from a worker. */
class FakeWorker implements TrainingWorkerPort {
  onmessage: ((event: MessageEvent<TrainingEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  afterEvent: ((e: TrainingEvent) => void) | null = null;
  private readonly session: TrainingSession;

  constructor(store: MemoryCheckpointStore, liveParamsEveryMs: number | null) {
    this.session = new TrainingSession({
      store,
      liveParamsEveryMs,
      timing: { yieldEveryMs: 0, progressEveryMs: 0, checkpointEveryMs: Infinity },
      post: (event) => {
        const copy = structuredClone(event);
        setTimeout(() => {
          this.onmessage?.({ data: copy } as MessageEvent<TrainingEvent>);
          this.afterEvent?.(copy);
        }, 0);
      },
    });
  }

  postMessage(message: TrainingCommand): void {
    const copy = structuredClone(message);
    setTimeout(() => void this.session.handle(copy), 0);
  }

  terminate(): void {}
}

function setup(store = new MemoryCheckpointStore(), memos: RunMemoStore = memoryMemoStore(), liveParamsEveryMs: number | null = null) {
  const handedBack: { params: TrainedParams; losses: number; address: string }[] = [];
  const live: { step: number; address: string; names: string[] }[] = [];
  const resets: (readonly string[])[] = [];
  const hooks: { afterEvent: ((e: TrainingEvent, client: TrainingClient) => void) | null } = { afterEvent: null };
  const client: TrainingClient = new TrainingClient({
    memos,
    createWorker: () => {
      const w = new FakeWorker(store, liveParamsEveryMs);
      w.afterEvent = (e) => hooks.afterEvent?.(e, client);
      return w;
    },
    onParams: (params, losses, address) => handedBack.push({ params, losses: losses.length, address }),
    onLiveParams: (params, address) => live.push({ step: client.state.liveStep!, address, names: Object.keys(params).sort() }),
    onReset: (names) => resets.push(names),
  });
  return { client, store, memos, handedBack, live, resets, hooks };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 3000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("TrainingClient controls", () => {
  it("hands the running run's params to the sheet as it trains, then the final ones", async () => {
    const { client, live, handedBack } = setup(undefined, undefined, 0);
    client.start(RUN, ADDRESS, doc(1));
    await until(() => client.state.status === "finished", "finished");
    expect(live.map((l) => l.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 7, 7]);
    expect(live[0]).toEqual({ step: 1, address: ADDRESS, names: ["W", "b"] });
    expect(handedBack).toHaveLength(1);
  });

  it("after a reload, an interrupted run shows its checkpoint paused, with its chart, and puts its params back", async () => {
    const first = setup();
    first.hooks.afterEvent = (e, c) => {
      if (e.type === "progress" && e.progress.step === 10) c.pause();
    };
    first.client.start(RUN, ADDRESS, doc());
    await until(() => first.client.state.status === "paused", "paused");
    const step = first.client.state.progress!.step;
    // As the page leaves it when it closes mid-run: the memo says running, the checkpoint is stored.
    writeRunMemo(first.memos, RUN, { ...readRunMemo(first.memos, RUN)!, status: "running" });

    const reloaded = setup(first.store, first.memos);
    expect(await reloaded.client.restore(RUN, ADDRESS)).toBe("interrupted");
    expect(reloaded.client.state).toMatchObject({ runKey: RUN, status: "paused", pausedByReload: true, resumable: true, resumeStep: step });
    expect(reloaded.client.state.progress).toMatchObject({ step, epoch: 1, epochs: 4, stepsPerEpoch: 7, totalSteps: 28 });
    expect(reloaded.client.state.lossSteps).toEqual(Array.from({ length: step }, (_, i) => i + 1));
    expect(reloaded.client.state.metrics["mse_all"]).toHaveLength(1);
    expect(reloaded.handedBack).toEqual([{ params: expect.any(Object), losses: step, address: ADDRESS }]);
    // A second panel of the same run (grid and inspector) does not show it twice.
    expect(await reloaded.client.restore(RUN, ADDRESS)).toBeNull();

    reloaded.client.resume(RUN, ADDRESS, doc());
    await until(() => reloaded.client.state.status === "finished", "finished after the reload");
    expect(reloaded.client.state).toMatchObject({ resumedFrom: step, pausedByReload: false, progress: { step: 28 } });
  });

  it("a reset can be undone until the next action: the checkpoint, the chart and the params come back", async () => {
    const { client, store, handedBack, resets } = setup();
    client.start(RUN, ADDRESS, doc(1));
    await until(() => client.state.status === "finished", "finished");
    client.reset(RUN, ADDRESS);
    await until(() => resets.length === 1, "reset");
    expect(client.state).toMatchObject({ undoReset: RUN, progress: null, resumable: false });
    expect(await store.load(RUN)).toBeNull();

    client.undoReset();
    await until(() => client.state.undoReset === null, "undone");
    expect(client.state).toMatchObject({ status: "finished", resumable: true, resumeStep: 7, progress: { step: 7, totalSteps: 7 } });
    expect(client.state.losses).toHaveLength(7);
    expect((await store.load(RUN))!.step).toBe(7);
    expect(handedBack.map((h) => h.losses)).toEqual([7, 7]);

    client.reset(RUN, ADDRESS);
    await until(() => resets.length === 2, "second reset");
    client.start(RUN, ADDRESS, doc(1));
    expect(client.state.undoReset).toBeNull();
  });

  it("trains N more epochs after a finished run, and a pause in them resumes towards the same target", async () => {
    const { client, memos, hooks } = setup();
    client.start(RUN, ADDRESS, doc(2));
    await until(() => client.state.status === "finished", "finished");
    hooks.afterEvent = (e, c) => {
      if (e.type === "progress" && e.progress.step === 20) c.pause();
    };
    client.resume(RUN, ADDRESS, doc(2), { epochs: 5 });
    await until(() => client.state.status === "paused", "paused in the extra epochs");
    expect(client.state.progress).toMatchObject({ epochs: 5, totalSteps: 35 });
    expect(readRunMemo(memos, RUN)).toMatchObject({ epochsOverride: 5, status: "paused" });
    hooks.afterEvent = null;
    client.resume(RUN, ADDRESS, doc(2));
    await until(() => client.state.status === "finished", "finished the extra epochs");
    expect(client.state.progress).toMatchObject({ step: 35, epoch: 5, epochs: 5 });
    expect(client.state.metrics["mse_all"]).toHaveLength(5);
  });
});
