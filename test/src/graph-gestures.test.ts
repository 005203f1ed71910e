import { describe, expect, it } from "vitest";
import { PAN_STEP, keyGesture, pinchStep } from "../../src/components/graph-gestures.ts";

const toLayout = (t: { x: number; y: number; k: number }, p: { x: number; y: number }) => ({ x: (p.x - t.x) / t.k, y: (p.y - t.y) / t.k });

describe("graph gestures", () => {
  it("a pinch that spreads the fingers twice as far doubles the scale, keeping the midpoint's content under it", () => {
    const t = { x: 10, y: 20, k: 0.5 };
    const before = [{ x: 100, y: 100 }, { x: 140, y: 100 }] as const;
    const after = [{ x: 80, y: 100 }, { x: 160, y: 100 }] as const;
    const next = pinchStep(t, before, after);
    expect(next.k).toBe(1);
    expect(toLayout(next, { x: 120, y: 100 })).toEqual(toLayout(t, { x: 120, y: 100 }));
  });

  it("two fingers moving together pan without zooming", () => {
    const next = pinchStep({ x: 0, y: 0, k: 1 }, [{ x: 0, y: 0 }, { x: 10, y: 0 }], [{ x: 5, y: 7 }, { x: 15, y: 7 }]);
    expect(next).toEqual({ x: 5, y: 7, k: 1 });
  });

  it("keys zoom about the centre, pan by a step, ask for a fit, and leave other keys alone", () => {
    const t = { x: 0, y: 0, k: 1 };
    const centre = { x: 100, y: 50 };
    expect(keyGesture(t, "+", centre)).toEqual({ k: 1.25, x: -25, y: -12.5 });
    expect(keyGesture(t, "-", centre)).toEqual({ k: 0.8, x: 20, y: 10 });
    expect(keyGesture(t, "ArrowLeft", centre)).toEqual({ x: PAN_STEP, y: 0, k: 1 });
    expect(keyGesture(t, "ArrowDown", centre)).toEqual({ x: 0, y: -PAN_STEP, k: 1 });
    expect(keyGesture(t, "0", centre)).toBe("fit");
    expect(keyGesture(t, "a", centre)).toBeNull();
  });
});
