import { createSignal, onMount } from "solid-js";
import { MAX_TRACK_PX, MIN_TRACK_PX, TRACK_KEY_STEP_PX, clampTrack, type TrackAxis } from "../state/grid-layout.ts";

export interface TrackResizerProps {
  readonly axis: TrackAxis;
  /** "B" or "3": what the handle's label names. */
  readonly label: string;
  /** The track's size now, in pixels (measured when it has no saved size). */
  readonly size: () => number;
  /** The saved or dragged size, or null while the track has the default (reactive). */
  readonly saved: () => number | null;
  /** While dragging: the size to show. */
  readonly onPreview: (px: number) => void;
  /** A finished drag or key press: the size to keep (null: back to the default). */
  readonly onCommit: (px: number | null) => void;
}

/**
 * The draggable edge of a column or row header. Pointer capture keeps the drag alive when the
 * pointer leaves the handle; arrow keys resize from the keyboard and a double-click resets.
 */
export function TrackResizer(props: TrackResizerProps) {
  let start: { pointer: number; size: number; px: number } | null = null;
  const horizontal = () => props.axis === "columns";
  const what = () => (horizontal() ? `column ${props.label}` : `row ${props.label}`);
  // A default-sized track's size is only known from layout: measured once shown, and again on focus.
  const [measured, setMeasured] = createSignal<number | null>(null);
  const remeasure = () => setMeasured(props.size());
  onMount(() => requestAnimationFrame(remeasure));

  const onPointerDown = (e: PointerEvent) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.stopPropagation();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    const size = props.size();
    start = { pointer: horizontal() ? e.clientX : e.clientY, size, px: size };
  };
  const onPointerMove = (e: PointerEvent) => {
    if (start === null) return;
    start.px = clampTrack(start.size + (horizontal() ? e.clientX : e.clientY) - start.pointer);
    props.onPreview(start.px);
  };
  const onPointerEnd = (e: PointerEvent) => {
    if (start === null) return;
    const { px, size } = start;
    start = null;
    (e.currentTarget as HTMLElement).releasePointerCapture(e.pointerId);
    if (px !== size) props.onCommit(px);
    else props.onPreview(size);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const grow = horizontal() ? "ArrowRight" : "ArrowDown";
    const shrink = horizontal() ? "ArrowLeft" : "ArrowUp";
    if (e.key !== grow && e.key !== shrink && e.key !== "Delete" && e.key !== "Backspace") return;
    // The grid's own keys (arrows move the selection) must not see this one.
    e.preventDefault();
    e.stopPropagation();
    if (e.key === "Delete" || e.key === "Backspace") return props.onCommit(null);
    const step = (e.shiftKey ? 4 : 1) * TRACK_KEY_STEP_PX * (e.key === grow ? 1 : -1);
    props.onCommit(clampTrack(props.size() + step));
  };

  return (
    <div
      class="grid-resizer"
      classList={{ "grid-resizer-col": horizontal(), "grid-resizer-row": !horizontal() }}
      role="separator"
      tabIndex={0}
      aria-orientation={horizontal() ? "vertical" : "horizontal"}
      aria-label={`Resize ${what()}`}
      aria-valuemin={MIN_TRACK_PX}
      aria-valuemax={MAX_TRACK_PX}
      aria-valuenow={Math.round(props.saved() ?? measured() ?? props.size())}
      title={`Drag to resize ${what()}; arrow keys resize it, double-click or Delete resets it`}
      data-testid={`resize-${horizontal() ? "col" : "row"}-${props.label}`}
      onFocus={remeasure}
      onPointerEnter={remeasure}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerEnd}
      onPointerCancel={onPointerEnd}
      onLostPointerCapture={() => (start = null)}
      onDblClick={(e) => {
        e.stopPropagation();
        props.onCommit(null);
      }}
      onMouseDown={(e) => e.stopPropagation()}
      onKeyDown={onKeyDown}
    />
  );
}
