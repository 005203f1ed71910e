// When an edit's evaluation pass may start: at once for an edit on its own, after the burst
// pauses for edits in quick succession, whatever their spacing up to a second.
import { describe, expect, it } from "vitest";
import { EditBursts } from "../../../src/worker/edit-bursts.ts";

describe("edit bursts", () => {
  it("evaluates an edit on its own at once", () => {
    const b = new EditBursts();
    b.noteEdit(10_000, false);
    expect(b.takeQuietMs()).toBe(0);
    b.noteEdit(11_500, false);
    expect(b.takeQuietMs()).toBe(0);
  });

  it("in a burst, waits for a pause of one and a half spacings, between 150 and 600 ms", () => {
    const b = new EditBursts();
    let t = 0;
    for (const [gap, quiet] of [[50, 150], [100, 150], [200, 300], [300, 450], [900, 600]] as const) {
      t += 10_000; // a lone edit first
      b.noteEdit(t, false);
      expect(b.takeQuietMs()).toBe(0);
      b.noteEdit((t += gap), false);
      b.noteEdit((t += gap), false);
      expect(b.takeQuietMs(), `gap ${gap}`).toBe(quiet);
    }
  });

  it("waits a little for an edit that lands while a pass runs, and once only", () => {
    const b = new EditBursts();
    b.noteEdit(5_000, true);
    expect(b.takeQuietMs()).toBe(150);
    expect(b.takeQuietMs()).toBe(0);
  });
});
