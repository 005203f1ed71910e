import { For, Show, createMemo, createSignal, createUniqueId, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { clamp, domainWithZero, finiteExtent, linear, padDomain } from "./ranges.ts";
import { barRects, indexAt, nonFiniteIndices, polylinePoints, vectorData } from "./vectors.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** Vectors up to this length are drawn as bars; longer ones as a sparkline. */
export const BAR_LIMIT = 64;

type Frame = { x0: number; x1: number; y0: number; y1: number; width: number; height: number };

/** The text naming a non-finite value: "NaN", "+Inf", "−Inf". */
function badName(v: number): string {
  return Number.isNaN(v) ? "NaN" : v > 0 ? "+Inf" : "−Inf";
}

/** The data, drawing frame, value scale and marks of a bars/sparkline view. */
function createBarsGeometry(props: ViewProps, box: ReturnType<typeof useBoxSize>) {
  const data = createMemo(() => vectorData(props.preview));
  const asBars = () => {
    const d = data();
    return !!d && !d.sampled && d.values.length <= BAR_LIMIT;
  };
  const margin = () => (props.size === "large" ? { l: 52, r: 10, t: 10, b: 22 } : { l: 2, r: 2, t: 4, b: 4 });
  const frame = createMemo<Frame>(() => {
    const { width, height } = box.size();
    const m = margin();
    return { x0: m.l, x1: Math.max(m.l + 1, width - m.r), y0: m.t, y1: Math.max(m.t + 1, height - m.b), width, height };
  });
  const domain = createMemo<[number, number]>(() => {
    const ext = finiteExtent(data()?.values ?? []);
    return asBars() ? domainWithZero(ext) : padDomain(ext ?? [-1, 1], 0.06);
  });
  const y = createMemo(() => {
    const f = frame();
    const s = linear(domain(), [f.y1, f.y0]);
    return (v: number) => clamp(s(v), f.y0, f.y1);
  });
  const zeroInside = () => domain()[0] <= 0 && domain()[1] >= 0;
  const bars = createMemo(() => {
    const d = data();
    if (!d || !asBars()) return [];
    return barRects(d.values, frame(), y());
  });
  const line = createMemo(() => {
    const d = data();
    if (!d || asBars()) return "";
    const f = frame();
    return polylinePoints(d.values, f.x0, f.x1, y());
  });
  // Sparklines have no slot per element: NaN and ±Inf are ticks along the bottom instead.
  const badTicks = createMemo(() => {
    const d = data();
    if (!d || asBars()) return [];
    const f = frame();
    const n = d.values.length;
    return nonFiniteIndices(d.values).map((k) => (n === 1 ? (f.x0 + f.x1) / 2 : f.x0 + ((f.x1 - f.x0) * k) / (n - 1)));
  });
  return { data, asBars, frame, domain, y, zeroInside, bars, line, badTicks };
}

type BarsGeometry = ReturnType<typeof createBarsGeometry>;

/** The hovered element index, its readout text and the cursor's x position. */
function createBarsHover(g: BarsGeometry) {
  const { data, asBars, frame } = g;
  const [hover, setHover] = createSignal<number | null>(null);
  const onMove = (e: MouseEvent) => {
    const d = data();
    if (!d) return;
    const r = (e.currentTarget as SVGElement).getBoundingClientRect();
    const x = e.clientX - r.left;
    const f = frame();
    const n = d.values.length;
    if (asBars()) setHover(indexAt(x, f.x0, f.x1, n));
    else if (x >= f.x0 && x <= f.x1) setHover(n === 1 ? 0 : Math.round(((x - f.x0) / (f.x1 - f.x0)) * (n - 1)));
    else setHover(null);
  };
  const readout = () => {
    const k = hover();
    const d = data();
    if (k === null || !d || k >= d.values.length) return null;
    return `[${d.index(k)}] = ${formatNumber(d.values[k]!)}${d.sampled ? " (sampled)" : ""}`;
  };
  const hoverX = () => {
    const k = hover();
    const d = data();
    if (k === null || !d) return null;
    const f = frame();
    const n = d.values.length;
    if (asBars()) return f.x0 + ((k + 0.5) * (f.x1 - f.x0)) / n;
    return n === 1 ? (f.x0 + f.x1) / 2 : f.x0 + ((f.x1 - f.x0) * k) / (n - 1);
  };
  return { setHover, onMove, readout, hoverX };
}

/** A vector as bars from a zero line, or as a sparkline when it is long (or sampled). */
export function BarsView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const geometry = createBarsGeometry(props, box);
  const { data, asBars, frame, domain, y, zeroInside, bars, line, badTicks } = geometry;
  const hatch = `tv-hatch-${createUniqueId()}`;
  const { setHover, onMove, readout, hoverX } = createBarsHover(geometry);

  return (
    <figure
      class={`tv tv-${props.size} tv-bars`}
      data-testid="view-bars"
      data-mode={asBars() ? "bars" : "sparkline"}
      aria-label={viewAriaLabel("bars", props.preview, props.label)}
    >
      <div class="tv-plot" ref={box.ref}>
        <svg
          class="tv-svg"
          width={frame().width}
          height={frame().height}
          role="img"
          aria-label={viewAriaLabel("bars", props.preview, props.label)}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        >
          <defs>
            <pattern id={hatch} width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect class="tv-bad-ground" width="4" height="4" />
              <line class="tv-bad-stripe" x1="0" y1="0" x2="0" y2="4" />
            </pattern>
          </defs>
          <Show when={zeroInside()}>
            <line class="tv-zero" x1={frame().x0} x2={frame().x1} y1={y()(0)} y2={y()(0)} />
          </Show>
          <Show when={asBars()} fallback={<polyline class="tv-spark" points={line()} />}>
            <For each={bars()}>
              {(b) =>
                b.bad ? (
                  <>
                    <rect class="tv-bar tv-bad" data-testid="bar-nonfinite" x={b.x} y={b.y} width={b.w} height={b.h} fill={`url(#${hatch})`}>
                      <title>{`[${b.k}] = ${badName(data()!.values[b.k]!)}`}</title>
                    </rect>
                    <Show when={props.size === "large" && b.w >= 24}>
                      <text class="tv-bad-label" x={b.x + b.w / 2} y={b.y + 14} text-anchor="middle">{badName(data()!.values[b.k]!)}</text>
                    </Show>
                  </>
                ) : (
                  <rect class={b.neg ? "tv-bar tv-neg" : "tv-bar tv-pos"} x={b.x} y={b.y} width={b.w} height={b.h} />
                )
              }
            </For>
          </Show>
          <For each={badTicks()}>{(x) => <path class="tv-bad-tick" d={`M${x - 3},${frame().y1} L${x + 3},${frame().y1} L${x},${frame().y1 - 5} Z`} />}</For>
          <Show when={hoverX()}>{(x) => <line class="tv-cursor" x1={x()} x2={x()} y1={frame().y0} y2={frame().y1} />}</Show>
          <Show when={props.size === "large"}>
            <text class="tv-tick" x={frame().x0 - 6} y={frame().y0} text-anchor="end" dominant-baseline="hanging">{formatNumber(domain()[1])}</text>
            <text class="tv-tick" x={frame().x0 - 6} y={frame().y1} text-anchor="end">{formatNumber(domain()[0])}</text>
            <Show when={zeroInside() && domain()[0] !== 0 && domain()[1] !== 0}>
              <text class="tv-tick" x={frame().x0 - 6} y={y()(0)} text-anchor="end" dominant-baseline="middle">0</text>
            </Show>
            <text class="tv-tick" x={frame().x0} y={frame().height - 4} text-anchor="start">0</text>
            <text class="tv-tick" x={frame().x1} y={frame().height - 4} text-anchor="end">{(data()?.length ?? 1) - 1}</text>
          </Show>
        </svg>
        <Show when={readout()}>{(t) => <div class="tv-readout" data-testid="readout">{t()}</div>}</Show>
        <Show when={(data()?.values.length ?? 0) === 0}>
          <div class="tv-empty">empty vector</div>
        </Show>
      </div>
    </figure>
  );
}
