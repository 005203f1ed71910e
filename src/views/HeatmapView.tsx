import { Show, createEffect, createMemo, createSignal, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { colorScale, legendGradient, paintValues, rgbCss, NAN_COLOR, zeroFraction } from "./colour-scale.ts";
import { fitGrid, heatmapHit, heatmapReadout, heatmapSource, type HeatmapHit } from "./heatmap-grid.ts";
import { finiteExtent } from "./ranges.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** A matrix as coloured cells on a canvas (one canvas pixel per entry, scaled up pixelated). */
export function HeatmapView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const src = createMemo(() => heatmapSource(props.preview));
  const scale = createMemo(() => {
    const ext = finiteExtent(src()?.data ?? []);
    return colorScale(ext?.[0] ?? NaN, ext?.[1] ?? NaN);
  });
  const drawn = createMemo(() => {
    const s = src();
    return s ? fitGrid(box.size(), s.rows, s.cols) : { width: 0, height: 0 };
  });
  let canvas: HTMLCanvasElement | undefined;

  createEffect(() => {
    const s = src();
    const sc = scale();
    const ctx = canvas?.getContext("2d");
    if (!s || !ctx) return;
    if (canvas!.width !== s.cols) canvas!.width = s.cols;
    if (canvas!.height !== s.rows) canvas!.height = s.rows;
    const img = ctx.createImageData(s.cols, s.rows);
    paintValues(s.data, sc, img.data);
    ctx.putImageData(img, 0, 0);
  });

  const [hit, setHit] = createSignal<HeatmapHit | null>(null);
  const onMove = (e: MouseEvent) => {
    const s = src();
    if (!s || !canvas) return;
    const r = canvas.getBoundingClientRect();
    setHit(r.width > 0 && r.height > 0 ? heatmapHit(s, (e.clientX - r.left) / r.width, (e.clientY - r.top) / r.height) : null);
  };
  const zero = () => zeroFraction(scale().min, scale().max);
  const nanCount = () => props.preview.summary.nanCount;

  return (
    <figure class={`tv tv-${props.size} tv-heatmap`} data-testid="view-heatmap" aria-label={viewAriaLabel("heatmap", props.preview, props.label)}>
      <div class="tv-plot tv-center" ref={box.ref}>
        <canvas
          ref={canvas}
          class="tv-canvas"
          role="img"
          aria-label={viewAriaLabel("heatmap", props.preview, props.label)}
          style={{ width: `${drawn().width}px`, height: `${drawn().height}px` }}
          onMouseMove={onMove}
          onMouseLeave={() => setHit(null)}
        />
        <Show when={hit()}>
          {(h) => <div class="tv-readout" data-testid="readout">{heatmapReadout(h(), formatNumber, props.size === "cell")}</div>}
        </Show>
      </div>
      <div class="tv-legend" data-testid="legend" data-scale={scale().kind}>
        <span class="tv-legend-min">{formatNumber(scale().min)}</span>
        <span class="tv-legend-bar" style={{ background: legendGradient(scale()) }}>
          <Show when={zero()}>{(z) => <span class="tv-legend-zero" style={{ left: `${(z() * 100).toFixed(1)}%` }} title="0" />}</Show>
        </span>
        <span class="tv-legend-max">{formatNumber(scale().max)}</span>
        <Show when={props.size === "large" && src()?.blocked}>
          <span class="tv-muted">
            block means, {src()!.rows} × {src()!.cols}
          </span>
        </Show>
        <Show when={props.size === "large" && nanCount() > 0}>
          <span class="tv-muted">
            <span class="tv-swatch" style={{ background: rgbCss(NAN_COLOR) }} /> NaN
          </span>
        </Show>
      </div>
    </figure>
  );
}
