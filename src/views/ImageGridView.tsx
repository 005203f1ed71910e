import { Show, createEffect, createMemo, createSignal, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { grayLevel, imageRange, tileAt, tileLayout } from "./tiles.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

type Images = NonNullable<ViewProps["preview"]["images"]>;

/** Paint every image as a gray tile at its place in the layout, resizing the canvas to fit. */
function paintTiles(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, im: Images, l: ReturnType<typeof tileLayout>, rg: ReturnType<typeof imageRange>): void {
  if (canvas.width !== l.width) canvas.width = l.width;
  if (canvas.height !== l.height) canvas.height = l.height;
  const img = ctx.createImageData(l.width, l.height); // transparent gaps
  const px = img.data;
  const side = im.side;
  const area = side * side;
  for (let n = 0; n < im.count; n++) {
    const ox = (n % l.cols) * (side + l.gap);
    const oy = Math.floor(n / l.cols) * (side + l.gap);
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const g = grayLevel(im.data[n * area + r * side + c] ?? NaN, rg);
        const o = ((oy + r) * l.width + ox + c) * 4;
        px[o] = g;
        px[o + 1] = g;
        px[o + 2] = g;
        px[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** The first images of an [N, 28, 28] or [N, 784] tensor as grayscale tiles on one canvas. */
export function ImageGridView(props: ViewProps): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const images = () => props.preview.images;
  const range = createMemo(() => imageRange(props.preview.summary));
  const layout = createMemo(() => {
    const im = images();
    return tileLayout(im?.count ?? 0, im?.side ?? 28, box.size(), 2);
  });
  const drawn = createMemo(() => {
    const l = layout();
    const { width, height } = box.size();
    const s = l.width > 0 && l.height > 0 ? Math.min(width / l.width, height / l.height) : 0;
    return { width: l.width * s, height: l.height * s };
  });
  let canvas: HTMLCanvasElement | undefined;

  createEffect(() => {
    const im = images();
    const l = layout();
    const rg = range();
    const ctx = canvas?.getContext("2d");
    if (!im || !ctx || l.width === 0) return;
    paintTiles(canvas!, ctx, im, l, rg);
  });

  const [hover, setHover] = createSignal<{ index: number; r: number; c: number } | null>(null);
  const onMove = (e: MouseEvent) => {
    const im = images();
    if (!im || !canvas) return;
    const rect = canvas.getBoundingClientRect();
    const l = layout();
    if (rect.width <= 0 || rect.height <= 0) return;
    setHover(tileAt(l, im.count, ((e.clientX - rect.left) / rect.width) * l.width, ((e.clientY - rect.top) / rect.height) * l.height));
  };
  const readout = () => {
    const h = hover();
    const im = images();
    if (!h || !im) return null;
    if (props.size === "cell") return `image ${h.index}`;
    const v = im.data[h.index * im.side * im.side + h.r * im.side + h.c] ?? NaN;
    return `image ${h.index} · pixel [${h.r}, ${h.c}] = ${formatNumber(v)}`;
  };

  return (
    <figure class={`tv tv-${props.size} tv-images`} data-testid="view-images" aria-label={viewAriaLabel("images", props.preview, props.label)}>
      <div class="tv-plot tv-center" ref={box.ref}>
        <canvas
          ref={canvas}
          class="tv-canvas tv-canvas-plain"
          role="img"
          aria-label={viewAriaLabel("images", props.preview, props.label)}
          style={{ width: `${drawn().width}px`, height: `${drawn().height}px` }}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        <Show when={readout()}>{(t) => <div class="tv-readout" data-testid="readout">{t()}</div>}</Show>
      </div>
      <Show when={props.size === "large"}>
        <figcaption class="tv-caption">
          first {images()?.count ?? 0} of {props.preview.shape[0] ?? 0} · {formatNumber(range()[0])} = black, {formatNumber(range()[1])} = white
        </figcaption>
      </Show>
    </figure>
  );
}
