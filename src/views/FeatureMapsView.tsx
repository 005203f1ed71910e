import { Show, createEffect, createMemo, createSignal, type JSX } from "solid-js";
import { formatNumber, type FeatureMaps } from "../../cells/index.ts";
import { colorScale, legendGradient, paintValues } from "./colour-scale.ts";
import { mapsPhrase, viewAriaLabel } from "./describe.ts";
import { fittedSize, tileAt, tileLayout, type TileLayout } from "./tiles.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** Paint each map as a heatmap tile in its place (gaps stay transparent). */
function paintMaps(canvas: HTMLCanvasElement, m: FeatureMaps, l: TileLayout, scale: ReturnType<typeof colorScale>): void {
  const ctx = canvas.getContext("2d");
  if (!ctx) return;
  if (canvas.width !== l.width) canvas.width = l.width;
  if (canvas.height !== l.height) canvas.height = l.height;
  const img = ctx.createImageData(l.width, l.height);
  const area = m.side * m.side;
  const tile = new Uint8ClampedArray(area * 4);
  for (let n = 0; n < m.count; n++) {
    paintValues(m.data.subarray(n * area, (n + 1) * area), scale, tile);
    const ox = (n % l.cols) * (m.side + l.gap);
    const oy = Math.floor(n / l.cols) * (m.side + l.gap);
    for (let r = 0; r < m.side; r++) img.data.set(tile.subarray(r * m.side * 4, (r + 1) * m.side * 4), ((oy + r) * l.width + ox) * 4);
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * A conv layer's activations as sample 0's channels tiled side by side, or a kernel's filters, on
 * one shared colour scale, so a bright map is bright against the others and not only against itself.
 */
export function FeatureMapsView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const maps = () => props.preview.maps!;
  const scale = createMemo(() => colorScale(maps().min, maps().max));
  const layout = createMemo(() => tileLayout(maps().count, maps().side, box.size(), 1));
  const drawn = createMemo(() => fittedSize(layout(), box.size()));
  let canvas: HTMLCanvasElement | undefined;
  createEffect(() => {
    if (canvas && maps().count > 0) paintMaps(canvas, maps(), layout(), scale());
  });

  const [hover, setHover] = createSignal<{ index: number; r: number; c: number } | null>(null);
  const onMove = (e: MouseEvent) => {
    if (!canvas) return;
    const rect = canvas.getBoundingClientRect();
    const l = layout();
    if (rect.width <= 0 || rect.height <= 0) return;
    setHover(tileAt(l, maps().count, ((e.clientX - rect.left) / rect.width) * l.width, ((e.clientY - rect.top) / rect.height) * l.height));
  };
  const unit = () => (maps().kind === "filters" ? "filter" : "channel");
  const readout = () => {
    const h = hover();
    if (!h) return null;
    if (props.size === "cell") return `${unit()} ${h.index}`;
    const v = maps().data[h.index * maps().side * maps().side + h.r * maps().side + h.c] ?? NaN;
    return `${unit()} ${h.index} · [${h.r}, ${h.c}] = ${formatNumber(v)}`;
  };
  const label = () => viewAriaLabel("maps", props.preview, props.label);

  return (
    <figure class={`tv tv-${props.size} tv-maps`} data-testid="view-maps" data-count={maps().count} aria-label={label()}>
      <div class="tv-plot tv-center" ref={box.ref}>
        <canvas
          ref={canvas}
          class="tv-canvas"
          role="img"
          aria-label={label()}
          style={{ width: `${drawn().width}px`, height: `${drawn().height}px` }}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        <Show when={readout()}>{(t) => <div class="tv-readout" data-testid="readout">{t()}</div>}</Show>
      </div>
      <Show when={props.size === "large"}>
        <figcaption class="tv-caption" data-testid="maps-caption" style={{ "white-space": "normal" }}>
          {mapsPhrase(maps())} · shared scale {formatNumber(maps().min)}
          <span aria-hidden="true" style={{ display: "inline-block", width: "60px", height: "8px", margin: "0 4px", "vertical-align": "middle", background: legendGradient(scale()) }} />
          {formatNumber(maps().max)}
        </figcaption>
      </Show>
    </figure>
  );
}
