import { For, Show, createMemo, createSignal, type JSX } from "solid-js";
import { viewAriaLabel } from "./describe.ts";
import { classBars, classReadout, type Frame } from "./classes.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** Class labels as a histogram of exact counts: one bar per class, labelled with its value. */
export function ClassesView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const large = () => props.size === "large";
  const frame = createMemo<Frame & { width: number; height: number }>(() => {
    const { width, height } = box.size();
    const m = large() ? { l: 8, r: 8, t: 18, b: 20 } : { l: 2, r: 2, t: 2, b: 14 };
    return { x0: m.l, x1: Math.max(m.l + 1, width - m.r), y0: m.t, y1: Math.max(m.t + 1, height - m.b), width, height };
  });
  const bars = createMemo(() => (props.preview.classes ? classBars(props.preview.classes, frame()) : []));
  const [hover, setHover] = createSignal<number | null>(null);
  const readout = () => {
    const k = hover();
    const b = k === null ? undefined : bars()[k];
    return b ? classReadout(b) : null;
  };
  // Screen readers get every count, which sighted users read from the bars and labels.
  const spoken = () => `${viewAriaLabel("classes", props.preview, props.label)}: ${bars().map((b) => `${b.value}: ${b.count}`).join(", ")}`;
  // Value labels under the bars, when each bar is wide enough to carry its own.
  const labelled = () => bars().length > 0 && bars()[0]!.w >= (large() ? 10 : 7);
  return (
    <figure class={`tv tv-${props.size} tv-classes`} data-testid="view-classes" aria-label={viewAriaLabel("classes", props.preview, props.label)}>
      <div class="tv-plot" ref={box.ref}>
        <svg class="tv-svg" width={frame().width} height={frame().height} role="img" aria-label={spoken()} onMouseLeave={() => setHover(null)}>
          <For each={bars()}>
            {(b, k) => (
              <g class="tv-class" data-value={b.value} data-count={b.count} onMouseEnter={() => setHover(k())}>
                <title>{classReadout(b)}</title>
                {/* The whole slot reacts to the pointer, so short bars are easy to hover. */}
                <rect class="tv-class-slot" x={b.x} y={frame().y0} width={b.w} height={frame().y1 - frame().y0} />
                <rect class="tv-class-bar" classList={{ "tv-hover": hover() === k() }} x={b.x} y={b.y} width={b.w} height={b.h} />
                <Show when={labelled()}>
                  <text class="tv-tick" x={b.x + b.w / 2} y={frame().y1 + (large() ? 14 : 11)} text-anchor="middle">{b.value}</text>
                </Show>
                <Show when={large() && labelled()}>
                  <text class="tv-tick" x={b.x + b.w / 2} y={b.y - 4} text-anchor="middle">{b.count}</text>
                </Show>
              </g>
            )}
          </For>
        </svg>
        <Show when={readout()}>{(t) => <div class="tv-readout" data-testid="readout">{t()}</div>}</Show>
      </div>
    </figure>
  );
}
