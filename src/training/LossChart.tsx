import { Show, createEffect, createSignal, on, onCleanup, onMount, type Accessor, type JSX } from "solid-js";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { formatValue } from "./format.ts";
import { redrawOnThemeChange, themedAxis, themedLine } from "../views/chart-style.ts";

/** [xs, ys], as uPlot wants them: steps and losses, or epochs and a metric's values. */
export type LossData = readonly [readonly number[], readonly number[]];

export interface LossChartProps {
  readonly data: Accessor<LossData>;
  readonly compact?: boolean;
  readonly label?: string;
  /** Axis and readout names; default "step" and "loss". */
  readonly xName?: string;
  readonly yName?: string;
  /** A log-scaled y axis (losses span decades); the chart is rebuilt when it changes. */
  readonly log?: Accessor<boolean>;
  /** Mark each point (a metric has one per epoch, few enough to see). */
  readonly points?: boolean;
  readonly height?: number;
  readonly testId?: string;
}

/** uPlot's options for the chart at this size; the cursor's hook writes the hovered point's readout. */
function chartOptions(props: LossChartProps, size: { width: number; height: number }, log: boolean, setReadout: (text: string | null) => void): uPlot.Options {
  const xName = () => props.xName ?? "step";
  const yName = () => props.yName ?? "loss";
  const compact = props.compact ?? false;
  const axis = themedAxis();
  return {
    ...size,
    class: "tp-uplot",
    legend: { show: false },
    cursor: compact ? { show: false } : { y: false, points: { size: 6 } },
    // A lone value (one epoch's metric) gets a band around it rather than uPlot's range from 0.
    scales: { x: { time: false }, y: log ? { distr: 3 } : { range: (_u, min, max) => (min === max ? [min - (Math.abs(min) * 0.05 || 1), max + (Math.abs(max) * 0.05 || 1)] : uPlot.rangeNum(min, max, 0.1, true)) } },
    axes: compact
      ? [{ show: false }, { show: false }]
      : [
          // Epochs are whole: no ticks at 1.5.
          { ...axis, label: xName(), labelSize: 16, size: 32, ...(props.points ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : {}) },
          { ...axis, size: 56, values: (_u, splits) => splits.map((v) => formatValue(v)) },
        ],
    series: [
      { label: xName() },
      { label: yName(), stroke: themedLine, width: compact ? 1.25 : 1.75, points: { show: props.points ?? false, size: 5 } },
    ],
    padding: compact ? [4, 2, 4, 2] : [8, 12, 0, 0],
    hooks: {
      setCursor: [
        (u) => {
          const i = u.cursor.idx;
          const y = i === null || i === undefined ? undefined : u.data[1]?.[i];
          setReadout(i === null || i === undefined || y === undefined || y === null ? null : `${xName()} ${u.data[0][i]}: ${yName()} ${formatValue(y)}`);
        },
      ],
    },
  };
}

/**
 * A live curve: one uPlot instance, updated in place with setData as points arrive (at most ~10
 * times a second, at most a few thousand points). The loss by step, or a metric by epoch.
 */
export function LossChart(props: LossChartProps): JSX.Element {
  let host!: HTMLDivElement;
  let plot: uPlot | undefined;
  let observer: ResizeObserver | undefined;
  const height = () => props.height ?? (props.compact ? 56 : 180);
  const [readout, setReadout] = createSignal<string | null>(null);

  const size = () => ({ width: Math.max(80, Math.floor(host.clientWidth) || (props.compact ? 220 : 360)), height: height() });

  const build = () => {
    plot?.destroy();
    plot = new uPlot(chartOptions(props, size(), props.log?.() ?? false, setReadout), props.data() as unknown as uPlot.AlignedData, host);
  };

  onMount(() => {
    build();
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
  createEffect(on(() => props.log?.() ?? false, build, { defer: true }));

  onCleanup(() => {
    observer?.disconnect();
    plot?.destroy();
    plot = undefined;
  });

  return (
    <div
      class="tp-chart"
      classList={{ "tp-chart-compact": props.compact }}
      role="img"
      aria-label={props.label ?? "Loss by step"}
      data-testid={props.testId ?? "train-chart"}
      data-log={props.log?.() ? "true" : "false"}
    >
      <div class="tp-chart-host" ref={host} style={{ "min-height": `${height()}px` }} />
      <Show when={readout()}>{(t) => <div class="tp-readout">{t()}</div>}</Show>
    </div>
  );
}
