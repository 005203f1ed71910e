import { Tensor } from "../engine/index.ts";

/**
 * The loss histories training runs leave behind, by training cell address. A training cell shows
 * its history as its value; training itself runs elsewhere (cells/training), never in the sheet.
 */
export class TrainingHistories {
  private readonly byAddress = new Map<string, Tensor>();

  all(): ReadonlyMap<string, Tensor> {
    return this.byAddress;
  }

  set(address: string, history: Tensor): void {
    this.byAddress.set(address, history);
  }

  /** What a training cell shows: its history, or an empty one before it has been trained. */
  valueOf(address: string): Tensor {
    return this.byAddress.get(address) ?? new Tensor([0], new Float32Array(0));
  }
}
