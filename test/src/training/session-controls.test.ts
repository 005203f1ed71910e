// The run controls of issue 13 at the worker's level: restart from the initial weights, train more
// epochs after a finished run, live params while a run trains, a full probe, and undo of a reset.
import { describe, expect, it } from "vitest";
import type { SheetDocument } from "../../../cells/document.ts";
import { exportDocument, importSheet } from "../../../cells/io.ts";
import { MemoryCheckpointStore } from "../../../cells/training/memory-store.ts";
import { Tensor } from "../../../engine/index.ts";
import { transferables, type TrainingCommand, type TrainingEvent } from "../../../src/training/protocol.ts";
import { TrainingSession } from "../../../src/training/session.ts";
import { classifierSheet } from "../../support/training.ts";

const RUN = "sheet-1:fit";
const ADDRESS = "A7";
/** Every step reports progress, so live params can follow every step. */
const TIMING = { yieldEveryMs: 0, progressEveryMs: 0, checkpointEveryMs: Infinity };
/** 96 samples in batches of 10: 10 steps an epoch. */
const STEPS_PER_EPOCH = 10;

function harness(store = new MemoryCheckpointStore(), liveParamsEveryMs: number | null = null) {
  const events: TrainingEvent[] = [];
  const session = new TrainingSession({
    store,
    timing: TIMING,
    liveParamsEveryMs,
    post: (event, transfer) => {
      expect(transfer).toEqual(transferables(event));
      events.push(structuredClone(event));
    },
  });
  const of = <T extends TrainingEvent["type"]>(type: T) => events.filter((e) => e.type === type) as Extract<TrainingEvent, { type: T }>[];
  /** The results of the runs that finished, in order. */
  const finished = () => events.flatMap((e) => (e.type === "finished" ? [e.result] : []));
  return { session, events, of, store, finished };
}

const document = (epochs: number): SheetDocument => classifierSheet("classifier", epochs) as SheetDocument;
const start = (doc: SheetDocument, fromInitial = false): TrainingCommand => ({ type: "start", runKey: RUN, document: doc, address: ADDRESS, fromInitial });

/** The document with its params set to `params` (as the page's snapshot is after a run). */
function withParams(doc: SheetDocument, params: Record<string, { shape: readonly number[]; data: Float32Array }>): SheetDocument {
  const { sheet } = importSheet(doc);
  for (const [name, p] of Object.entries(params)) sheet.setParam(name, new Tensor([...p.shape], p.data));
  sheet.evaluate();
  return exportDocument(sheet, { includeTensors: true });
}

const bits = (a: Float32Array) => [...new Uint32Array(a.buffer, a.byteOffset, a.length)];

describe("run controls in the training session", () => {
  it("restart from initial weights reproduces a fresh run's first epoch bit for bit, from a trained sheet", async () => {
    const fresh = harness();
    await fresh.session.handle(start(document(2)));
    const first = fresh.finished()[0]!;
    const trained = withParams(document(2), first.params);

    const cont = harness();
    await cont.session.handle(start(trained));
    const continued = cont.finished()[0]!;
    expect(continued.lossHistory[0], "continuing from trained weights starts lower").toBeLessThan(first.lossHistory[0]!);

    const again = harness();
    await again.session.handle(start(trained, true));
    const restarted = again.finished()[0]!;
    expect(bits(restarted.lossHistory.slice(0, STEPS_PER_EPOCH))).toEqual(bits(first.lossHistory.slice(0, STEPS_PER_EPOCH)));
    expect(restarted.metricHistory["loss"]![0]).toBe(first.metricHistory["loss"]![0]);
  });

  it("trains N more epochs after a finished run, continuing its histories", async () => {
    const h = harness();
    await h.session.handle(start(document(2)));
    expect(h.finished()[0]!.progress.step).toBe(2 * STEPS_PER_EPOCH);
    await h.session.handle({ type: "resume", runKey: RUN, document: document(2), address: ADDRESS, epochs: 5 });
    expect(h.of("started")[1]).toMatchObject({ resumedFrom: 20, progress: { epoch: 2, epochs: 5, totalSteps: 50 } });
    const more = h.finished()[1]!;
    expect(more.progress).toMatchObject({ step: 50, epoch: 5, epochs: 5 });
    expect(more.lossHistory).toHaveLength(50);
    expect(more.metricHistory["loss"]).toHaveLength(5);
    expect((await h.store.load(RUN))!.step).toBe(50);
  });

  it("sends the params while the run trains, each the run's params after its step", async () => {
    const h = harness(new MemoryCheckpointStore(), 0);
    await h.session.handle(start(document(1)));
    const live = h.of("params");
    // Throttled to 0 ms: after every step's progress, and again at the epoch's end and the run's.
    expect(live.map((e) => e.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10]);
    expect(live[0]).toMatchObject({ runKey: RUN, address: ADDRESS, params: { W: { shape: [4, 3] }, b: { shape: [3] } } });
    const final = h.finished()[0]!.params;
    expect(bits(live.at(-1)!.params["W"]!.data)).toEqual(bits(final["W"]!.data));
    expect(bits(live[0]!.params["W"]!.data)).not.toEqual(bits(final["W"]!.data));

    const off = harness(new MemoryCheckpointStore(), null);
    await off.session.handle(start(document(1)));
    expect(off.of("params")).toEqual([]);
  });

  it("a full probe brings the checkpoint's params and histories; undo of a reset stores the checkpoint again", async () => {
    const h = harness();
    await h.session.handle(start(document(1)));
    await h.session.handle({ type: "probe", id: 7, runKey: RUN, full: true });
    const probed = h.of("probed")[0]!;
    const finished = h.finished()[0]!;
    expect(probed.checkpoint).toMatchObject({ step: 10, epoch: 1, stepInEpoch: 0, params: ["W", "b"] });
    expect(bits(probed.detail!.params["W"]!.data)).toEqual(bits(finished.params["W"]!.data));
    expect(bits(probed.detail!.lossHistory)).toEqual(bits(finished.lossHistory));
    expect(probed.detail!.metricHistory).toEqual(finished.metricHistory);

    await h.session.handle({ type: "reset", runKey: RUN });
    const deleted = h.of("reset")[0]!.deleted!;
    expect(deleted.step).toBe(10);
    expect(await h.store.load(RUN)).toBeNull();
    await h.session.handle({ type: "restore", checkpoint: deleted });
    expect(h.of("restored")[0]).toMatchObject({ runKey: RUN, checkpoint: { step: 10 } });
    expect((await h.store.load(RUN))!.step).toBe(10);
  });
});
