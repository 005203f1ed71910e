// Pointer, wheel and keyboard gestures of the computation-graph diagram, turned into view transforms:
// wheel (and a trackpad's pinch, which arrives as a ctrl-wheel) zooms about the pointer, one pointer
// drags to pan, two pointers pinch to zoom about their midpoint while panning with it.
import { panBy, wheelZoomFactor, zoomAround, type ViewTransform } from "./graph-viewport.ts";

export interface Point {
  readonly x: number;
  readonly y: number;
}

export const ZOOM_STEP = 1.25;
export const PAN_STEP = 40;

/** One step of a two-finger pinch, from the pointers' previous positions to their new ones. */
export function pinchStep(t: ViewTransform, before: readonly [Point, Point], after: readonly [Point, Point]): ViewTransform {
  const mid = (p: readonly [Point, Point]) => ({ x: (p[0].x + p[1].x) / 2, y: (p[0].y + p[1].y) / 2 });
  const spread = (p: readonly [Point, Point]) => Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y);
  const [m0, m1] = [mid(before), mid(after)];
  const factor = spread(before) > 0 ? spread(after) / spread(before) : 1;
  return zoomAround(panBy(t, m1.x - m0.x, m1.y - m0.y), factor, m1);
}

/** What a key does to the view; null for keys the diagram leaves alone. "fit" asks for a refit. */
export function keyGesture(t: ViewTransform, key: string, centre: Point): ViewTransform | "fit" | null {
  const pans: Record<string, [number, number]> = { ArrowLeft: [PAN_STEP, 0], ArrowRight: [-PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
  if (key === "+" || key === "=") return zoomAround(t, ZOOM_STEP, centre);
  if (key === "-") return zoomAround(t, 1 / ZOOM_STEP, centre);
  if (key === "0") return "fit";
  const pan = pans[key];
  return pan ? panBy(t, pan[0], pan[1]) : null;
}

export interface GestureTarget {
  transform(): ViewTransform;
  setTransform(t: ViewTransform): void;
  fit(): void;
  centre(): Point;
}

/** Event handlers for the diagram's <svg>, in coordinates relative to it. */
export function graphGestures(target: GestureTarget) {
  const pointers = new Map<number, Point>();
  const local = (e: MouseEvent): Point => {
    const r = (e.currentTarget as Element).getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const release = (e: PointerEvent) => void pointers.delete(e.pointerId);
  return {
    onWheel(e: WheelEvent) {
      e.preventDefault();
      target.setTransform(zoomAround(target.transform(), wheelZoomFactor(e.deltaY), local(e)));
    },
    onPointerDown(e: PointerEvent) {
      pointers.set(e.pointerId, local(e));
      (e.currentTarget as Element).setPointerCapture(e.pointerId);
    },
    onPointerMove(e: PointerEvent) {
      const before = pointers.get(e.pointerId);
      if (!before) return;
      const now = local(e);
      const other = [...pointers.entries()].find(([id]) => id !== e.pointerId)?.[1];
      target.setTransform(other ? pinchStep(target.transform(), [before, other], [now, other]) : panBy(target.transform(), now.x - before.x, now.y - before.y));
      pointers.set(e.pointerId, now);
    },
    onPointerUp: release,
    onPointerCancel: release,
    onKeyDown(e: KeyboardEvent) {
      const next = keyGesture(target.transform(), e.key, target.centre());
      if (next === null) return;
      e.preventDefault();
      if (next === "fit") target.fit();
      else target.setTransform(next);
    },
  };
}
