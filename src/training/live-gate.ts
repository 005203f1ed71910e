// Live params go to the sheet one batch at a time. The sheet worker aborts an evaluation pass when
// new params arrive, so params sent faster than the sheet can evaluate them would leave the cells
// pending for the whole run; here the next batch waits until the sheet reports its pass done, and
// a newer batch replaces a waiting one.
import type { TrainedParams } from "./protocol.ts";

/** What the gate needs of the sheet: a way to send params, and word when a pass is done. */
export interface LiveSheet {
  sendParams(params: TrainedParams): void;
  onPassDone(listener: () => void): void;
}

/** A sheet that has not reported for this long is not waited for any more (it may have failed). */
const GIVE_UP_MS = 15_000;

export class LiveParamsGate {
  private sentAt: number | null = null;
  private waiting: TrainedParams | null = null;

  constructor(private readonly sheet: LiveSheet, private readonly now: () => number = () => performance.now()) {
    sheet.onPassDone(() => this.passDone());
  }

  /** The run's latest params: sent now if the sheet is free, else kept until it is. */
  offer(params: TrainedParams): void {
    if (this.sentAt !== null && this.now() - this.sentAt < GIVE_UP_MS) {
      this.waiting = params;
      return;
    }
    this.sentAt = this.now();
    this.waiting = null;
    this.sheet.sendParams(params);
  }

  /** The run settled: its final params go to the sheet by their own way; drop the waiting ones. */
  clear(): void {
    this.waiting = null;
  }

  private passDone(): void {
    this.sentAt = null;
    const next = this.waiting;
    if (next !== null) this.offer(next);
  }
}
