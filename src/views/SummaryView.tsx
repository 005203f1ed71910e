import { For, Show, createMemo, createSignal, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { binRange, histogramHeights } from "./histogram.ts";
import { indexAt } from "./vectors.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** The statistics list: min / mean / max always, shape, size and non-finite counts when large or non-zero. */
function SummaryStats(props: Pick<ViewProps, "preview" | "size">): JSX.Element {
  const s = () => props.preview.summary;
  return (
    <dl class="tv-stats" data-testid="summary-stats">
      <Show when={props.size === "large"}>
        <div>
          <dt>shape</dt>
          <dd>[{props.preview.shape.join(", ")}]</dd>
        </div>
        <div>
          <dt>size</dt>
          <dd>{s().size}</dd>
        </div>
      </Show>
      <div>
        <dt>min</dt>
        <dd>{formatNumber(s().min)}</dd>
      </div>
      <div>
        <dt>mean</dt>
        <dd>{formatNumber(s().mean)}</dd>
      </div>
      <div>
        <dt>max</dt>
        <dd>{formatNumber(s().max)}</dd>
      </div>
      <Show when={props.size === "large" || s().nanCount > 0}>
        <div classList={{ "tv-warn": s().nanCount > 0 }}>
          <dt>NaN</dt>
          <dd>{s().nanCount}</dd>
        </div>
      </Show>
      <Show when={props.size === "large" || s().infCount > 0}>
        <div classList={{ "tv-warn": s().infCount > 0 }}>
          <dt>Inf</dt>
          <dd>{s().infCount}</dd>
        </div>
      </Show>
    </dl>
  );
}

/** Statistics (min / mean / max, NaN and Inf counts) and the 32-bin histogram of the finite values. */
export function SummaryView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => ({ width: NOMINAL[props.size].width, height: NOMINAL[props.size].height * 0.6 }));
  const s = () => props.preview.summary;
  const bins = () => props.preview.histogram;
  const heights = createMemo(() => histogramHeights(bins()));
  const bars = createMemo(() => {
    const { width, height } = box.size();
    const n = heights().length;
    const bw = n > 0 ? width / n : 0;
    const gap = bw > 4 ? 1 : 0;
    return heights().map((h, k) => ({ x: k * bw + gap / 2, w: Math.max(0.5, bw - gap), h: h * (height - 1), y: height - 1 - h * (height - 1) }));
  });
  const [hover, setHover] = createSignal<number | null>(null);
  const readout = () => {
    const k = hover();
    if (k === null || !Number.isFinite(s().min)) return null;
    const [lo, hi] = binRange(k, bins().length, s().min, s().max);
    return `[${formatNumber(lo)}, ${formatNumber(hi)}${k === bins().length - 1 ? "]" : ")"}: ${bins()[k] ?? 0}`;
  };
  const hasFinite = () => Number.isFinite(s().min);

  return (
    <figure class={`tv tv-${props.size} tv-summary`} data-testid="view-summary" aria-label={viewAriaLabel("summary", props.preview, props.label)}>
      <SummaryStats preview={props.preview} size={props.size} />
      <div class="tv-plot" ref={box.ref}>
        <Show when={hasFinite()} fallback={<div class="tv-empty">no finite values</div>}>
          <svg
            class="tv-svg"
            width={box.size().width}
            height={box.size().height}
            role="img"
            aria-label={`histogram of the finite values in ${bins().length} bins from ${formatNumber(s().min)} to ${formatNumber(s().max)}`}
            onMouseMove={(e) => {
              const r = e.currentTarget.getBoundingClientRect();
              setHover(indexAt(e.clientX - r.left, 0, r.width, bins().length));
            }}
            onMouseLeave={() => setHover(null)}
          >
            <line class="tv-zero" x1={0} x2={box.size().width} y1={box.size().height - 0.5} y2={box.size().height - 0.5} />
            <For each={bars()}>{(b, k) => <rect class="tv-hist" classList={{ "tv-hist-hover": hover() === k() }} x={b.x} y={b.y} width={b.w} height={b.h} />}</For>
          </svg>
        </Show>
        <Show when={readout()}>{(t) => <div class="tv-readout" data-testid="readout">{t()}</div>}</Show>
      </div>
      <Show when={props.size === "large" && hasFinite()}>
        <div class="tv-axis-labels">
          <span>{formatNumber(s().min)}</span>
          <span>{formatNumber(s().max)}</span>
        </div>
      </Show>
    </figure>
  );
}
