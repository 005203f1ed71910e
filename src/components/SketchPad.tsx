import { createEffect, createMemo, createSignal, type JSX } from "solid-js";
import { rasterize, storedCoordinate, type Drawing } from "../../cells/index.ts";
import type { Workbook } from "../state/workbook.ts";
import { pixelRgb } from "../views/tiles.ts";
import { useBoxSize } from "../views/useBoxSize.ts";
import "./sketch-pad.css";

export interface SketchPadProps {
  readonly workbook: Workbook;
  readonly address: string;
  /** The cell's name, for labels. */
  readonly name: string;
  /** [height, width] of the pad in pixels: the tensor the cell holds. */
  readonly shape: readonly [number, number];
  readonly size: "cell" | "large";
}

/** Points closer than this (in pad pixels) to the last one add nothing the brush would show. */
const MIN_STEP_PX = 0.25;

/**
 * A sketch cell's drawing pad: draw with a mouse, pen or finger (Pointer Events). It shows the
 * drawing as the tensor the sheet computes, pixel for pixel, so what you see is what the network
 * reads. A stroke streams to the worker while it is drawn and is one undo step when it ends.
 */
export function SketchPad(props: SketchPadProps): JSX.Element {
  const wb = props.workbook;
  const committed = () => wb.pads.drawing(props.address);
  // The stroke being drawn, [x0, y0, x1, y1, …] in [0, 1] of the pad; null between strokes.
  const [stroke, setStroke] = createSignal<number[] | null>(null);
  const shown = createMemo<Drawing>(() => {
    const s = stroke();
    return s === null ? committed() : [...committed(), s];
  });
  let canvas: HTMLCanvasElement | undefined;
  // The canvas fills its box at the pad's aspect ratio, so each pixel stays square.
  const box = useBoxSize(() => (props.size === "large" ? { width: 280, height: 280 } : { width: 120, height: 120 }));
  const scale = () => Math.max(1, Math.min(box.size().width / props.shape[1], box.size().height / props.shape[0]));

  createEffect(() => paint(canvas!, shown(), props.shape));

  const { onDown, onMove, onEnd } = strokeInput({
    canvas: () => canvas!,
    shape: () => props.shape,
    committed,
    stroke,
    setStroke,
    live: () => wb.pads.live(props.address, shown()),
    commit: (drawing) => wb.commitDrawing(props.address, drawing),
    refuse: () => (wb.readOnly[0]() !== null ? (wb.writable(), true) : false), // writable() says why not
  });
  const strokes = () => shown().length;
  return (
    <div class="sketch-pad" classList={{ "sketch-pad-large": props.size === "large" }} data-testid="sketch-pad" data-address={props.address} data-strokes={strokes()}>
      <div class="sketch-area" ref={box.ref}>
        <canvas
          ref={canvas}
          width={props.shape[1]}
          height={props.shape[0]}
          style={{ width: `${Math.floor(props.shape[1] * scale())}px`, height: `${Math.floor(props.shape[0] * scale())}px` }}
          role="img"
          aria-label={`Drawing pad of ${props.name}, ${props.shape[0]} × ${props.shape[1]} pixels: draw with a mouse, pen or finger. ${strokes() === 0 ? "Nothing drawn yet." : `${strokes()} stroke${strokes() === 1 ? "" : "s"}.`}`}
          data-testid="sketch-canvas"
          onPointerDown={onDown}
          onPointerMove={onMove}
          onPointerUp={onEnd}
          onPointerCancel={onEnd}
          onLostPointerCapture={onEnd}
          onDblClick={(e) => e.stopPropagation()}
        />
      </div>
      <button
        type="button"
        class="sketch-clear"
        aria-label={`Clear the drawing of ${props.name}`}
        data-testid="sketch-clear"
        disabled={strokes() === 0}
        // In the grid the cell keeps keyboard focus (its keys edit it); the inspector's pad is reached by Tab.
        tabIndex={props.size === "cell" ? -1 : 0}
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => e.stopPropagation()}
        onClick={() => wb.commitDrawing(props.address, [])}
      >
        Clear
      </button>
    </div>
  );
}

interface StrokeInput {
  readonly canvas: () => HTMLCanvasElement;
  readonly shape: () => readonly [number, number];
  readonly committed: () => Drawing;
  readonly stroke: () => number[] | null;
  readonly setStroke: (points: number[] | null) => void;
  /** A stroke grew: stream the drawing as shown to the worker. */
  readonly live: () => void;
  /** A stroke ended: the drawing with it is one undo step. */
  readonly commit: (drawing: Drawing) => void;
  /** True when the sheet can't be drawn on (read-only), after saying why. */
  readonly refuse: () => boolean;
}

/** The pad's pointer handlers: a stroke starts on press, grows on move and commits on release. */
function strokeInput(o: StrokeInput) {
  const pointAt = (e: PointerEvent): [number, number] => {
    const r = o.canvas().getBoundingClientRect();
    return [storedCoordinate((e.clientX - r.left) / r.width), storedCoordinate((e.clientY - r.top) / r.height)];
  };
  const extend = (points: number[], e: PointerEvent) => {
    const [x, y] = pointAt(e);
    const [h, w] = o.shape();
    const n = points.length;
    if (n >= 2 && Math.hypot((x - points[n - 2]!) * w, (y - points[n - 1]!) * h) < MIN_STEP_PX) return;
    points.push(x, y);
  };
  const onDown = (e: PointerEvent) => {
    if (e.pointerType === "mouse" && e.button !== 0) return;
    // No compatibility mouse events: the grid would start a selection drag under the pen.
    e.preventDefault();
    e.stopPropagation();
    if (o.refuse()) return;
    o.canvas().setPointerCapture(e.pointerId);
    const points: number[] = [];
    extend(points, e);
    o.setStroke(points);
    o.live();
  };
  const onMove = (e: PointerEvent) => {
    const current = o.stroke();
    if (current === null) return;
    const points = [...current];
    for (const each of e.getCoalescedEvents?.() ?? [e]) extend(points, each);
    if (points.length === current.length) return;
    o.setStroke(points);
    o.live();
  };
  const onEnd = () => {
    const current = o.stroke();
    if (current === null) return;
    const drawing = [...o.committed(), current];
    o.setStroke(null);
    o.commit(drawing);
  };
  return { onDown, onMove, onEnd };
}

/** The drawing as the sheet's tensor: white ink on black, like MNIST's digits everywhere in the app. */
function paint(canvas: HTMLCanvasElement, drawing: Drawing, [height, width]: readonly [number, number]): void {
  const ctx = canvas.getContext("2d");
  if (ctx === null) return;
  const pixels = rasterize(drawing, height, width);
  const image = ctx.createImageData(width, height);
  for (let i = 0; i < pixels.length; i++) {
    const [r, g, b] = pixelRgb(pixels[i]!, [0, 1]);
    image.data.set([r, g, b, 255], i * 4);
  }
  ctx.putImageData(image, 0, 0);
}
