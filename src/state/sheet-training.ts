import { LiveParamsGate } from "../training/live-gate.ts";
import { TrainingClient } from "../training/training-client.ts";
import type { SheetClient } from "./sheet-client.ts";

/**
 * Training runs in its own worker; this wires it to the sheet's worker: finished or paused runs
 * hand their params back to the sheet, and a running training's params reach it one batch at a
 * time (see live-gate.ts).
 */
export function sheetTrainingClient(client: SheetClient): TrainingClient {
  const liveGate = new LiveParamsGate({
    sendParams: (params) => client.send({ type: "setParams", params }),
    onPassDone: (listener) => client.onCells((_cells, done) => done && listener()),
  });
  return new TrainingClient({
    onParams: (params, losses, address) => {
      liveGate.clear();
      client.send({ type: "setParams", params, history: { address, losses } });
    },
    // While a run trains, its params every ~2 s: the cells downstream (test_acc) follow the run.
    onLiveParams: (params) => liveGate.offer(params),
    onReset: (names, address) => {
      for (const name of names) client.send({ type: "reinitialize", name });
      if (address) client.send({ type: "setParams", params: {}, history: { address, losses: new Float32Array(0) } });
    },
  });
}
