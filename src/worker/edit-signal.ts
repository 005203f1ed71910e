import { supersedesEvaluation, type SheetCommand } from "./protocol.ts";

/**
 * The worker's side of the edit signal. While an op runs, no message can be handled, so a newer
 * edit could only cancel the pass between cells. The page therefore also bumps a shared counter
 * for every superseding command it sends (SheetClient); the worker counts the same commands as
 * they arrive, and a counter ahead of that count means one is waiting: `waiting` is the poll that
 * large products read between their blocks (engine/interrupt.ts). Without cross-origin isolation
 * there is no shared memory and `waiting` stays false: passes are cancelled between cells only.
 */
export class EditSignal {
  private sent: Int32Array | null = null;
  private arrived = 0;

  attach(buffer: SharedArrayBuffer): void {
    this.sent = new Int32Array(buffer);
  }

  /** Every command, as it arrives (before it waits in the command queue). */
  noteArrived(cmd: SheetCommand): void {
    if (supersedesEvaluation(cmd)) this.arrived += 1;
  }

  readonly waiting = (): boolean => this.sent !== null && Atomics.load(this.sent, 0) > this.arrived;
}
