import { describe, expect, it } from "vitest";
import { LiveParamsGate } from "../../../src/training/live-gate.ts";
import type { TrainedParams } from "../../../src/training/protocol.ts";

const params = (v: number): TrainedParams => ({ W: { shape: [1], data: Float32Array.of(v) } });

function setup() {
  const sent: number[] = [];
  let done: () => void = () => undefined;
  let clock = 0;
  const gate = new LiveParamsGate({ sendParams: (p) => sent.push(p["W"]!.data[0]!), onPassDone: (l) => (done = l) }, () => clock);
  return { gate, sent, passDone: () => done(), advance: (ms: number) => (clock += ms) };
}

describe("LiveParamsGate", () => {
  it("sends one batch at a time; the newest waiting batch goes when the sheet's pass is done", () => {
    const { gate, sent, passDone } = setup();
    gate.offer(params(1));
    gate.offer(params(2));
    gate.offer(params(3));
    expect(sent).toEqual([1]);
    passDone();
    expect(sent).toEqual([1, 3]);
    passDone();
    expect(sent).toEqual([1, 3]);
    gate.offer(params(4));
    expect(sent).toEqual([1, 3, 4]);
  });

  it("drops a waiting batch when the run settles, and stops waiting for a sheet that never reports", () => {
    const { gate, sent, passDone, advance } = setup();
    gate.offer(params(1));
    gate.offer(params(2));
    gate.clear();
    passDone();
    expect(sent).toEqual([1]);
    gate.offer(params(3));
    advance(14_999);
    gate.offer(params(4));
    expect(sent).toEqual([1, 3]);
    advance(1);
    gate.offer(params(5));
    expect(sent).toEqual([1, 3, 5]);
  });
});
