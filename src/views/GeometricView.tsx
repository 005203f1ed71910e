import { For, Show, createMemo, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { UNIT_SQUARE, arrowHead, describeDeterminant, determinant, gridLines, isFiniteMat, mat2FromValues, transformPolygon, transformSegments, viewExtent, type Mat2, type Vec2 } from "./geometry.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

const GRID = gridLines(2);
const IDENTITY: Mat2 = { a: 1, b: 0, c: 0, d: 1 };

const pts = (poly: readonly Vec2[]) => poly.map((p) => `${p[0]},${p[1]}`).join(" ");

function Arrow(props: { to: Vec2; class: string; head: number }): JSX.Element {
  const head = () => arrowHead([0, 0], props.to, props.head);
  return (
    <g class={props.class}>
      <line x1={0} y1={0} x2={props.to[0]} y2={props.to[1]} />
      <Show when={head()}>{(h) => <polyline points={pts([h()[0], props.to, h()[1]])} />}</Show>
    </g>
  );
}

/** The legend beside the plot: M, its images of e₁ and e₂ and what the determinant means (large), det always. */
function GeometricLegend(props: { m: Mat2; det: number; finite: boolean; size: ViewProps["size"] }): JSX.Element {
  const m = () => props.m;
  const det = () => props.det;
  const finite = () => props.finite;
  const f = formatNumber;
  return (
    <div class="tv-geo-legend" data-testid="geometric-legend">
      <Show when={props.size === "large"}>
        <div class="tv-mono">
          M = [[{f(m().a)}, {f(m().b)}],
          <br />
          {"\u00a0\u00a0\u00a0\u00a0\u00a0"}[{f(m().c)}, {f(m().d)}]]
        </div>
      </Show>
      {/* In a grid cell only the determinant fits; the inspector shows the images of e₁ and e₂ too. */}
      <Show when={props.size === "large"}>
        <div class="tv-mono">
          <span class="tv-key tv-key-e1" /> Me₁ = ({f(m().a)}, {f(m().c)})
        </div>
        <div class="tv-mono">
          <span class="tv-key tv-key-e2" /> Me₂ = ({f(m().b)}, {f(m().d)})
        </div>
      </Show>
      <div class="tv-mono tv-geo-det" data-testid="determinant">det = {f(det())}</div>
      <Show when={props.size === "large"}>
        <div class="tv-muted">{finite() ? describeDeterminant(det()) : "the matrix has non-finite entries"}</div>
        <div class="tv-muted">grey: the unit grid and e₁, e₂ before; coloured: after M</div>
      </Show>
    </div>
  );
}

/**
 * A 2×2 matrix as a map of the plane (the chapter's geometric view): the unit grid and square,
 * faint, and their images under M; e1, e2 (grey) and M·e1 = (a, c), M·e2 = (b, d); the determinant.
 */
export function GeometricView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const m = createMemo(() => mat2FromValues(props.preview.values) ?? IDENTITY);
  const finite = () => isFiniteMat(m());
  const det = () => determinant(m());
  const extent = createMemo(() => viewExtent(m()));
  const side = () => Math.max(0, Math.min(box.size().width, box.size().height));
  const moved = createMemo(() => (finite() ? transformSegments(m(), GRID) : []));
  const square = createMemo(() => (finite() ? transformPolygon(m(), UNIT_SQUARE) : []));
  const e1 = (): Vec2 => [m().a, m().c];
  const e2 = (): Vec2 => [m().b, m().d];
  const head = () => extent() * 0.07;
  // Labels live outside the flipped group; place them just beyond the arrow tips.
  const label = (v: Vec2): Vec2 => {
    const len = Math.hypot(v[0], v[1]) || 1;
    const k = extent() * 0.09;
    return [v[0] + (v[0] / len) * k, -(v[1] + (v[1] / len) * k)];
  };
  const f = formatNumber;

  return (
    <figure class={`tv tv-${props.size} tv-geometric`} data-testid="view-geometric" aria-label={viewAriaLabel("geometric", props.preview, props.label)}>
      <div class="tv-row">
        <div class="tv-plot tv-center" ref={box.ref}>
          <svg
            class="tv-geo-svg"
            width={side()}
            height={side()}
            viewBox={`${-extent()} ${-extent()} ${2 * extent()} ${2 * extent()}`}
            role="img"
            aria-label={`The matrix [[${f(m().a)}, ${f(m().b)}], [${f(m().c)}, ${f(m().d)}]] sends e1 to (${f(m().a)}, ${f(m().c)}) and e2 to (${f(m().b)}, ${f(m().d)}); determinant ${f(det())}`}
          >
            <g transform="scale(1,-1)">
              <polygon class="tv-geo-square0" points={pts(UNIT_SQUARE)} />
              <For each={GRID}>
                {(s) => <line class={s.from[0] === 0 && s.to[0] === 0 || s.from[1] === 0 && s.to[1] === 0 ? "tv-geo-axis" : "tv-geo-grid0"} x1={s.from[0]} y1={s.from[1]} x2={s.to[0]} y2={s.to[1]} />}
              </For>
              <Show when={finite()}>
                <polygon class="tv-geo-square1" classList={{ "tv-geo-flipped": det() < 0 }} points={pts(square())} />
                <For each={moved()}>{(s) => <line class="tv-geo-grid1" x1={s.from[0]} y1={s.from[1]} x2={s.to[0]} y2={s.to[1]} />}</For>
              </Show>
              <Arrow to={[1, 0]} class="tv-geo-e0" head={head()} />
              <Arrow to={[0, 1]} class="tv-geo-e0" head={head()} />
              <Show when={finite()}>
                <Arrow to={e1()} class="tv-geo-e1" head={head()} />
                <Arrow to={e2()} class="tv-geo-e2" head={head()} />
              </Show>
            </g>
            <Show when={finite() && props.size === "large"}>
              <text class="tv-geo-label tv-geo-label1" x={label(e1())[0]} y={label(e1())[1]} style={{ "font-size": `${extent() * 0.075}px` }}>Me₁</text>
              <text class="tv-geo-label tv-geo-label2" x={label(e2())[0]} y={label(e2())[1]} style={{ "font-size": `${extent() * 0.075}px` }}>Me₂</text>
            </Show>
          </svg>
        </div>
        <GeometricLegend m={m()} det={det()} finite={finite()} size={props.size} />
      </div>
    </figure>
  );
}
