import { Show, createEffect, createMemo, createSignal, on, onCleanup, onMount, type Accessor, type JSX } from "solid-js";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { NOMINAL, type Size, type ViewProps, type ViewSize } from "./types.ts";
import { redrawOnThemeChange, themedAxis, themedLine } from "./chart-style.ts";
import { lineSeries } from "./vectors.ts";
import { useBoxSize } from "./useBoxSize.ts";

type Series = [number[], (number | null)[]];

/** The colour of NaN and ±Inf in every view (the image tiles' NON_FINITE_RGB). */
const NON_FINITE_COLOUR = "#ff00ff";

/** A loss history (or any vector) as a line over the step index, drawn with uPlot. */
export function LineView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const data = createMemo<Series>(() => lineSeries(props.preview));
  const hasData = () => data()[0].length > 0;
  const [readout, setReadout] = createSignal<string | null>(null);
  const last = () => {
    const ys = data()[1];
    for (let k = ys.length - 1; k >= 0; k--) if (ys[k] !== null) return { x: data()[0][k]!, y: ys[k]! };
    return null;
  };

  return (
    <figure class={`tv tv-${props.size} tv-line`} data-testid="view-line" aria-label={viewAriaLabel("line", props.preview, props.label)}>
      <div class="tv-plot" ref={box.ref} role="img" aria-label={viewAriaLabel("line", props.preview, props.label)}>
        <Show when={hasData() ? props.size : null} keyed fallback={<div class="tv-empty" data-testid="line-empty">no data yet</div>}>
          {(kind) => <Chart data={data} size={box.size} kind={kind} onCursor={setReadout} />}
        </Show>
        <Show when={readout()}>{(t) => <div class="tv-readout tv-readout-right" data-testid="readout">{t()}</div>}</Show>
      </div>
      <Show when={props.size === "large" && last()}>
        {(l) => (
          <figcaption class="tv-caption">
            {data()[0].length} point{data()[0].length === 1 ? "" : "s"} · last: step {l().x} = {formatNumber(l().y)}
          </figcaption>
        )}
      </Show>
    </figure>
  );
}

/** Non-finite values are gaps in the line (null y); a magenta tick under each says a value is missing there. */
function markNonFinite(u: uPlot): void {
  const xs = u.data[0];
  const ys = u.data[1];
  if (!xs || !ys) return;
  const bottom = u.bbox.top + u.bbox.height;
  const r = 3 * uPlot.pxRatio;
  const ctx = u.ctx;
  ctx.save();
  ctx.fillStyle = NON_FINITE_COLOUR;
  for (let k = 0; k < ys.length; k++) {
    if (ys[k] !== null && ys[k] !== undefined) continue;
    const x = u.valToPos(xs[k]!, "x", true);
    ctx.beginPath();
    ctx.moveTo(x - r, bottom);
    ctx.lineTo(x + r, bottom);
    ctx.lineTo(x, bottom - 1.6 * r);
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function Chart(props: { data: Accessor<Series>; size: Accessor<Size>; kind: ViewSize; onCursor: (text: string | null) => void }): JSX.Element {
  let host!: HTMLDivElement;
  let u: uPlot | undefined;
  const large = props.kind === "large";

  onMount(() => {
    const axisStyle = themedAxis();
    const opts: uPlot.Options = {
      width: props.size().width,
      height: props.size().height,
      class: "tv-uplot",
      legend: { show: false },
      cursor: large ? { y: false, points: { size: 6 } } : { show: false },
      scales: { x: { time: false } },
      axes: large
        ? [
            { ...axisStyle, label: "step", labelSize: 16, size: 32 },
            { ...axisStyle, size: 56, values: (_u, splits) => splits.map((v) => formatNumber(v)) },
          ]
        : [{ show: false }, { show: false }],
      series: [{ label: "step" }, { label: "value", stroke: themedLine, width: large ? 2 : 1.5, points: { show: false }, spanGaps: false }],
      padding: large ? [8, 12, 0, 0] : [4, 2, 4, 2],
      hooks: {
        draw: [markNonFinite],
        setCursor: [
          (chart) => {
            const i = chart.cursor.idx;
            const xs = chart.data[0];
            const ys = chart.data[1];
            if (i === null || i === undefined || !xs || !ys || i >= xs.length) props.onCursor(null);
            else {
              const y = ys[i];
              props.onCursor(`step ${xs[i]} = ${y === null || y === undefined ? "—" : formatNumber(y)}`);
            }
          },
        ],
      },
    };
    u = new uPlot(opts, props.data() as uPlot.AlignedData, host);
    onCleanup(redrawOnThemeChange(() => u));
  });

  // New data: update the existing chart in place rather than re-creating it.
  createEffect(on(props.data, (d) => u?.setData(d as uPlot.AlignedData), { defer: true }));
  createEffect(on(props.size, (s) => u?.setSize({ width: s.width, height: s.height }), { defer: true }));

  onCleanup(() => {
    u?.destroy();
    u = undefined;
    props.onCursor(null);
  });

  return <div class="tv-uplot-host" ref={host} />;
}
