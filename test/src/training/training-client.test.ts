import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { MemoryCheckpointStore } from "../../../cells/training/memory-store.ts";
import type { TrainedParams, TrainingCommand, TrainingEvent } from "../../../src/training/protocol.ts";
import { TrainingSession } from "../../../src/training/session.ts";
import { TrainingClient, type TrainingWorkerPort } from "../../../src/training/training-client.ts";
import { sheetFingerprint } from "../../../cells/training/plan-hash.ts";

function regressionDocument(epochs = 4): SheetDocument {
  return {
    format: "tensorsheet",
    version: 1,
    title: "regression",
    seed: 5,
    cells: [
      { address: "A1", source: "x = randn([100, 3])" },
      { address: "A2", source: "y = dot(x, [[1.5], [-2], [0.5]]) + 0.25" },
      { address: "A3", source: "W = param(zeros([3, 1]))" },
      { address: "A4", source: "b = param(zeros([1]))" },
      { address: "A5", source: "loss = mse(y, dot(x, W) + b)" },
      { address: "A6", source: `fit = train(loss, [W, b], {optimizer: "adam", lr: 0.1, batch: 16, epochs: ${epochs}, feed: [x, y], metrics: [loss]})` },
    ],
  };
}

const RUN = "sheet-1:fit";

/** A worker stand-in: commands go to an in-process TrainingSession, events come back asynchronously. */
class FakeWorker implements TrainingWorkerPort {
  onmessage: ((event: MessageEvent<TrainingEvent>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  terminated = false;
  readonly session: TrainingSession;
  /** Runs after each event is delivered. */
  afterEvent: ((e: TrainingEvent) => void) | null = null;

  constructor(store: MemoryCheckpointStore) {
    this.session = new TrainingSession({
      store,
      timing: { yieldEveryMs: 0, progressEveryMs: 0, checkpointEveryMs: Infinity },
      post: (event) => {
        const copy = structuredClone(event);
        queueMicrotask(() => {
          if (this.terminated) return;
          this.onmessage?.({ data: copy } as MessageEvent<TrainingEvent>);
          this.afterEvent?.(copy);
        });
      },
    });
  }

  postMessage(message: TrainingCommand): void {
    if (this.terminated) throw new Error("terminated");
    const copy = structuredClone(message);
    setTimeout(() => void this.session.handle(copy), 0);
  }

  terminate(): void {
    this.terminated = true;
  }

  crash(message: string): void {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

function setup(store = new MemoryCheckpointStore()) {
  const workers: FakeWorker[] = [];
  /** Installed on every worker created. */
  const hooks: { afterEvent: ((e: TrainingEvent) => void) | null } = { afterEvent: null };
  const handedBack: { params: TrainedParams; losses: Float32Array; address: string; runKey: string }[] = [];
  const resets: { names: readonly string[]; address: string | null }[] = [];
  const client = new TrainingClient({
    createWorker: () => {
      const w = new FakeWorker(store);
      w.afterEvent = (e) => hooks.afterEvent?.(e);
      workers.push(w);
      return w;
    },
    onParams: (params, losses, address, runKey) => handedBack.push({ params, losses, address, runKey }),
    onReset: (names, address) => resets.push({ names, address }),
  });
  return { store, workers, client, handedBack, resets, hooks };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (condition()) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("TrainingClient", () => {
  it("runs, pauses, resumes and finishes, handing the params back each time", async () => {
    const { client, handedBack, store, hooks } = setup();
    expect(client.start(RUN, "A6", Promise.resolve(regressionDocument()))).toBe(true);
    expect(client.state.status).toBe("starting");
    expect(client.start(RUN, "A6", regressionDocument())).toBe(false);

    hooks.afterEvent = (e) => {
      if (e.type === "progress" && e.progress.step === 5) client.pause();
    };
    await until(() => client.state.status === "paused", "paused");
    // The pause message arrives a step or so later, as with a real worker.
    const at = client.state.progress!.step;
    expect(at).toBeGreaterThanOrEqual(5);
    expect(at).toBeLessThan(28);
    expect(client.state.losses).toHaveLength(at);
    expect(client.state.lossSteps).toEqual(Array.from({ length: at }, (_, i) => i + 1));
    expect(client.state.resumable).toBe(true);
    expect(client.state.resumeStep).toBe(at);
    expect(client.state.snapshot).toBe(sheetFingerprint(5, regressionDocument().cells));
    expect(handedBack).toHaveLength(1);
    expect(handedBack[0]!.address).toBe("A6");
    expect(handedBack[0]!.losses).toHaveLength(at);
    expect(Object.keys(handedBack[0]!.params).sort()).toEqual(["W", "b"]);

    hooks.afterEvent = null;
    client.resume(RUN, "A6", regressionDocument());
    await until(() => client.state.status === "finished", "finished");
    expect(client.state.resumedFrom).toBe(at);
    expect(client.state.progress).toMatchObject({ step: 28, totalSteps: 28 });
    expect(client.state.losses).toHaveLength(28);
    expect(client.state.metrics.loss).toHaveLength(4);
    expect(handedBack).toHaveLength(2);
    expect(handedBack[1]!.losses).toHaveLength(28);
    expect((await store.load(RUN))!.step).toBe(28);
  });

  it("offers to resume after a reload and resets on request", async () => {
    const first = setup();
    first.client.start(RUN, "A6", regressionDocument());
    await until(() => first.client.state.status === "running", "running");
    first.client.stop();
    await until(() => first.client.state.status === "idle", "stopped");
    expect(first.handedBack).toHaveLength(1);

    // A new client on the same store: the page after a reload.
    const { client: reloaded, resets, store } = setup(first.store);
    const saved = await reloaded.checkResumable(RUN);
    expect(saved).toMatchObject({ runKey: RUN, params: ["W", "b"] });
    expect(reloaded.checkpointOf(RUN)!.step).toBe(saved!.step);
    expect(await reloaded.checkResumable("sheet-1:nothing")).toBeNull();

    reloaded.reset(RUN, "A6");
    await until(() => resets.length === 1, "reset");
    expect(resets[0]).toEqual({ names: ["W", "b"], address: "A6" });
    expect(reloaded.checkpointOf(RUN)).toBeNull();
    expect(reloaded.state).toMatchObject({ runKey: RUN, status: "idle", resumable: false });
    expect(await store.load(RUN)).toBeNull();
  });

  it("reports a crashed worker, and starts a new one for the next command", async () => {
    const { client, workers } = setup();
    client.start(RUN, "A6", regressionDocument(400));
    await until(() => client.state.status === "running", "running");
    workers[0]!.crash("out of memory");
    expect(client.state.status).toBe("failed");
    expect(client.state.error).toMatch(/training worker crashed \(out of memory\); the last checkpoint is kept/);
    expect(workers[0]!.terminated).toBe(true);
    await until(() => client.checkpointOf(RUN) !== undefined, "a probe by the new worker");
    expect(workers).toHaveLength(2);
  });

  it("does not retry a worker that crashes before it ever answers", async () => {
    const created: FakeWorker[] = [];
    const client = new TrainingClient({
      createWorker: () => {
        const w = new FakeWorker(new MemoryCheckpointStore());
        w.postMessage = () => queueMicrotask(() => w.crash("Failed to fetch dynamically imported module"));
        created.push(w);
        return w;
      },
    });
    client.start(RUN, "A6", regressionDocument());
    await until(() => client.state.status === "failed", "failed");
    expect(client.state.error).toMatch(/crashed \(Failed to fetch dynamically imported module\)/);
    await new Promise((r) => setTimeout(r, 20));
    expect(created).toHaveLength(1);
  });

  it("a pause or stop before the sheet snapshot arrives cancels the start", async () => {
    const { client, workers } = setup();
    let deliver!: (d: SheetDocument) => void;
    client.start(RUN, "A6", new Promise<SheetDocument>((r) => (deliver = r)));
    client.stop();
    expect(client.state.status).toBe("idle");
    deliver(regressionDocument());
    await new Promise((r) => setTimeout(r, 20));
    expect(workers).toHaveLength(0);
    expect(client.state.status).toBe("idle");
  });

  it("shows a storage warning while training goes on", () => {
    const { client } = setup();
    client.start(RUN, "A6", new Promise<SheetDocument>(() => {}));
    client.receive({ type: "failed", runKey: RUN, kind: "storage", continuing: true, message: "Storage is full. Training continues without checkpoints." });
    expect(client.state.status).toBe("starting");
    expect(client.state.warning).toMatch(/Storage is full/);
    client.receive({ type: "checkpointed", runKey: RUN, step: 3 });
    expect(client.state.warning).toBeNull();
    expect(client.state.resumeStep).toBe(3);
  });

  it("fails clearly when the sheet cannot be read", async () => {
    const { client } = setup();
    client.start(RUN, "A6", Promise.reject(new Error("the sheet worker is gone")));
    await until(() => client.state.status === "failed", "failed");
    expect(client.state.error).toMatch(/Could not read the sheet.*sheet worker is gone/);
  });
});
