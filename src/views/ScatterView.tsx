import { For, Show, createMemo, type JSX } from "solid-js";
import { formatNumber, POINT_LIMIT } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { dotsPath, pointsExtent, scatterAxisLabels } from "./points.ts";
import { domainWithZero, linear, padDomain } from "./ranges.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

/** [N, 2] as points in the plane, axes through the origin, range fitted to the points. */
export function ScatterView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const points = () => props.preview.points ?? new Float32Array(0);
  const margin = () => (props.size === "large" ? 24 : 6);
  const geo = createMemo(() => {
    const { width, height } = box.size();
    const m = margin();
    const ext = pointsExtent(points());
    const dx = padDomain(domainWithZero(ext?.x ?? null), 0.06);
    const dy = padDomain(domainWithZero(ext?.y ?? null), 0.06);
    const x0 = m, x1 = Math.max(m + 1, width - m), y0 = m, y1 = Math.max(m + 1, height - m);
    return { width, height, dx, dy, x0, x1, y0, y1, sx: linear(dx, [x0, x1]), sy: linear(dy, [y1, y0]) };
  });
  const path = createMemo(() => dotsPath(points(), geo().sx, geo().sy));
  const labels = createMemo(() => scatterAxisLabels(geo(), formatNumber));
  const count = () => Math.floor(points().length / 2);
  const total = () => props.preview.shape[0] ?? count();

  return (
    <figure class={`tv tv-${props.size} tv-scatter`} data-testid="view-scatter" aria-label={viewAriaLabel("scatter", props.preview, props.label)}>
      <div class="tv-plot" ref={box.ref}>
        <svg class="tv-svg" width={geo().width} height={geo().height} role="img" aria-label={viewAriaLabel("scatter", props.preview, props.label)}>
          <line class="tv-axis" x1={geo().x0} x2={geo().x1} y1={geo().sy(0)} y2={geo().sy(0)} />
          <line class="tv-axis" x1={geo().sx(0)} x2={geo().sx(0)} y1={geo().y0} y2={geo().y1} />
          <path class="tv-dots" d={path()} style={{ "stroke-width": props.size === "large" ? "5px" : "3px" }} />
          <Show when={props.size === "large"}>
            <For each={labels()}>
              {(l) => <text class="tv-tick" data-testid="axis-label" x={l.x} y={l.y} text-anchor={l.anchor} dominant-baseline={l.baseline}>{l.text}</text>}
            </For>
          </Show>
        </svg>
      </div>
      <Show when={props.size === "large"}>
        <figcaption class="tv-caption">
          {count()} point{count() === 1 ? "" : "s"}
          {total() > count() ? ` (first ${Math.min(POINT_LIMIT, count())} of ${total()})` : ""}
        </figcaption>
      </Show>
    </figure>
  );
}
