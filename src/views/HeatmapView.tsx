import { Show, createEffect, createMemo, createSignal, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { INF_COLOR, NAN_COLOR, legendGradient, paintValues, rgbCss, tensorColorScale, zeroFraction, type ColorScale, type Rgb } from "./colour-scale.ts";
import { downsampledCaption, fitGrid, heatmapHit, heatmapLegend, heatmapReadout, heatmapSource, type HeatmapHit, type HeatmapLegend } from "./heatmap-grid.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** A flag colour in the legend, with what it stands for and how many elements have it. */
function Swatch(props: { color: Rgb; label: string; count: number; testId: string }): JSX.Element {
  return (
    <span class="tv-legend-flag" data-testid={props.testId} data-count={props.count} title={`${props.count} ${props.label} element${props.count === 1 ? "" : "s"}`}>
      <span class="tv-swatch" style={{ background: rgbCss(props.color) }} aria-hidden="true" />
      {props.label}
    </span>
  );
}

/**
 * A matrix as coloured cells on a canvas (one canvas pixel per entry, scaled up pixelated). The
 * colours and the legend's ends come from the whole tensor's true range, so block means of a large
 * matrix are drawn paler rather than stretched; NaN and ±Inf get flag colours off both palettes.
 */
export function HeatmapView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const src = createMemo(() => heatmapSource(props.preview));
  const scale = createMemo(() => tensorColorScale(props.preview.summary));
  const legend = createMemo(() => heatmapLegend(props.preview, formatNumber));
  const caption = createMemo(() => {
    const s = src();
    return s ? downsampledCaption(s) : null;
  });
  const drawn = createMemo(() => {
    const s = src();
    // In a grid cell the map fills its box (a few square pixels of a [784, 512] matrix would be a
    // speck); the inspector keeps elements square, as long as that leaves a readable picture.
    return s ? fitGrid(box.size(), s.rows, s.cols, props.size === "cell" ? 1 : 0.25) : { width: 0, height: 0 };
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
      <ColourLegend scale={scale()} legend={legend()} />
      <HeatmapNotes caption={caption()} legend={legend()} />
    </figure>
  );
}

/** The colour bar between the tensor's true min and max, with a tick where zero falls. */
function ColourLegend(props: { scale: ColorScale; legend: HeatmapLegend }): JSX.Element {
  const zero = () => zeroFraction(props.scale.min, props.scale.max);
  return (
    <div class="tv-legend" role="group" data-testid="legend" data-scale={props.scale.kind} aria-label={`colour scale ${props.scale.kind}, from ${props.legend.minLabel} to ${props.legend.maxLabel}`}>
      <span class="tv-legend-min" data-testid="legend-min" data-value={String(props.legend.min)}>
        {props.legend.minLabel}
      </span>
      <span class="tv-legend-bar" style={{ background: legendGradient(props.scale) }}>
        <Show when={zero()}>{(z) => <span class="tv-legend-zero" style={{ left: `${(z() * 100).toFixed(1)}%` }} title="0" />}</Show>
      </span>
      <span class="tv-legend-max" data-testid="legend-max" data-value={String(props.legend.max)}>
        {props.legend.maxLabel}
      </span>
    </div>
  );
}

/** What the picture leaves out: the block-mean caption and counts of NaN and ±Inf elements. */
function HeatmapNotes(props: { caption: string | null; legend: HeatmapLegend }): JSX.Element {
  const hasNotes = () => props.caption !== null || props.legend.nanCount > 0 || props.legend.infCount > 0;
  return (
    <Show when={hasNotes()}>
      <div class="tv-heatmap-notes">
        <Show when={props.caption}>
          {(text) => (
            <span class="tv-heatmap-downsampled" data-testid="heatmap-downsampled" title="Each drawn square is the mean of a block of entries; the colour bar shows the true min and max">
              {text()}
            </span>
          )}
        </Show>
        <Show when={props.legend.nanCount > 0}>
          <Swatch color={NAN_COLOR} label="NaN" count={props.legend.nanCount} testId="legend-nan" />
        </Show>
        <Show when={props.legend.infCount > 0}>
          <Swatch color={INF_COLOR} label="±Inf" count={props.legend.infCount} testId="legend-inf" />
        </Show>
      </div>
    </Show>
  );
}
