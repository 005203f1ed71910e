// The edit signal: the page bumps a shared counter for each superseding command it sends; the
// worker, counting the same commands as they arrive, knows from inside an op that one is waiting.
import { describe, expect, it } from "vitest";
import { EditSignal } from "../../../src/worker/edit-signal.ts";
import { supersedesEvaluation, type SheetCommand } from "../../../src/worker/protocol.ts";

const COMMANDS: SheetCommand[] = [
  { type: "setCell", address: "B2", source: "b1 = param(zeros([512]) + 1)" },
  { type: "visible", addresses: ["A1"] },
  { type: "export", id: 1, includeTensors: false },
  { type: "deleteCell", address: "A3" },
  { type: "setParams", params: {} },
];

describe("the edit signal", () => {
  it("says an edit waits exactly while a superseding command is sent but has not arrived", () => {
    const sent = new Int32Array(new SharedArrayBuffer(4));
    const worker = new EditSignal();
    worker.attach(sent.buffer as SharedArrayBuffer);
    for (const cmd of COMMANDS) {
      if (supersedesEvaluation(cmd)) Atomics.add(sent, 0, 1);
      expect(worker.waiting(), cmd.type).toBe(supersedesEvaluation(cmd));
      worker.noteArrived(cmd);
      expect(worker.waiting(), `${cmd.type} arrived`).toBe(false);
    }
  });

  it("never says so without shared memory", () => {
    const worker = new EditSignal();
    worker.noteArrived(COMMANDS[0]!);
    expect(worker.waiting()).toBe(false);
  });
});
