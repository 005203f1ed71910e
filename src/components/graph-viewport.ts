// Pan and zoom of the computation-graph diagram: a transform from layout coordinates to the panel,
// screen = layout × k + (x, y). Pure maths, unit-tested (test/src/graph-viewport.test.ts).

export interface Extent {
  readonly width: number;
  readonly height: number;
}

export interface ViewTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

/** How far the diagram may be zoomed: out far enough for big graphs, in enough to read small text. */
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 4;
/** Fitting never enlarges past 1: a small graph is shown at its natural size, centred. */
export const FIT_MAX_SCALE = 1;
export const FIT_PADDING = 8;

export function clampScale(k: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, k));
}

/** The transform that shows all of `content` inside `view`, centred, with `padding` around it. */
export function fitTransform(content: Extent, view: Extent, padding = FIT_PADDING): ViewTransform {
  const room = { width: Math.max(1, view.width - 2 * padding), height: Math.max(1, view.height - 2 * padding) };
  const k = clampScale(Math.min(FIT_MAX_SCALE, room.width / Math.max(1, content.width), room.height / Math.max(1, content.height)));
  return { k, x: (view.width - content.width * k) / 2, y: (view.height - content.height * k) / 2 };
}

/** Zoom by `factor` keeping the layout point under `at` (panel coordinates) where it is. */
export function zoomAround(t: ViewTransform, factor: number, at: { readonly x: number; readonly y: number }): ViewTransform {
  const k = clampScale(t.k * factor);
  const ratio = k / t.k;
  return { k, x: at.x - (at.x - t.x) * ratio, y: at.y - (at.y - t.y) * ratio };
}

export function panBy(t: ViewTransform, dx: number, dy: number): ViewTransform {
  return { k: t.k, x: t.x + dx, y: t.y + dy };
}

/**
 * The panel's height for a panel `width` wide: the whole graph fitted to the width, plus padding,
 * between `min` and `max` (a tall graph is shrunk to fit or panned, never clipped silently).
 */
export function panelHeight(content: Extent, width: number, min = 140, max = 420, padding = FIT_PADDING): number {
  const k = Math.min(FIT_MAX_SCALE, Math.max(1, width - 2 * padding) / Math.max(1, content.width));
  return Math.round(Math.min(max, Math.max(min, content.height * k + 2 * padding)));
}

/** The wheel's zoom factor: smooth for trackpads (small deltas), one step per mouse notch. */
export function wheelZoomFactor(deltaY: number): number {
  return Math.exp(-Math.max(-100, Math.min(100, deltaY)) * 0.002);
}

export function transformAttribute(t: ViewTransform): string {
  return `translate(${t.x.toFixed(2)},${t.y.toFixed(2)}) scale(${t.k.toFixed(4)})`;
}
