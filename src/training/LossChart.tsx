import { Show, createEffect, createSignal, on, onCleanup, onMount, type Accessor, type JSX } from "solid-js";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatValue } from "./format.ts";
import { redrawOnThemeChange, themedAxis, themedLine } from "../views/chart-style.ts";

/** [steps, losses], as uPlot wants them. */
export type LossData = readonly [readonly number[], readonly number[]];

/**
 * The live loss curve: one uPlot instance, updated in place with setData as points arrive
 * (at most ~10 times a second, at most a few thousand points).
 */
export function LossChart(props: { readonly data: Accessor<LossData>; readonly compact?: boolean; readonly label?: string }): JSX.Element {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  let observer: ResizeObserver | undefined;
  const height = () => (props.compact ? 56 : 180);
  const [readout, setReadout] = createSignal<string | null>(null);

  const size = () => ({ width: Math.max(80, Math.floor(host.clientWidth) || (props.compact ? 220 : 360)), height: height() });

  onMount(() => {
    const compact = props.compact ?? false;
    const axis = themedAxis();
    const opts: uPlot.Options = {
      ...size(),
      class: "tp-uplot",
      legend: { show: false },
      cursor: compact ? { show: false } : { y: false, points: { size: 6 } },
      scales: { x: { time: false } },
      axes: compact
        ? [{ show: false }, { show: false }]
        : [
            { ...axis, label: "step", labelSize: 16, size: 32 },
            { ...axis, size: 56, values: (_u, splits) => splits.map((v) => formatValue(v)) },
          ],
      series: [{ label: "step" }, { label: "loss", stroke: themedLine, width: compact ? 1.25 : 1.75, points: { show: false } }],
      padding: compact ? [4, 2, 4, 2] : [8, 12, 0, 0],
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const xs = u.data[0];
            const ys = u.data[1];
            const y = i === null || i === undefined ? undefined : ys?.[i];
            setReadout(i === null || i === undefined || y === undefined || y === null ? null : `step ${xs[i]}: loss ${formatValue(y)}`);
          },
        ],
      },
    };
    plot = new uPlot(opts, props.data() as unknown as uPlot.AlignedData, host);
    onCleanup(redrawOnThemeChange(() => plot));
    if (typeof ResizeObserver !== "undefined") {
      observer = new ResizeObserver(() => {
        const s = size();
        if (plot && (plot.width !== s.width || plot.height !== s.height)) plot.setSize(s);
      });
      observer.observe(host);
    }
  });

  createEffect(on(props.data, (d) => plot?.setData(d as unknown as uPlot.AlignedData), { defer: true }));

  onCleanup(() => {
    observer?.disconnect();
    plot?.destroy();
    plot = undefined;
  });

  return (
    <div class="tp-chart" classList={{ "tp-chart-compact": props.compact }} role="img" aria-label={props.label ?? "Loss by step"} data-testid="train-chart">
      <div class="tp-chart-host" ref={host} />
      <Show when={readout()}>{(t) => <div class="tp-readout">{t()}</div>}</Show>
    </div>
  );
}
