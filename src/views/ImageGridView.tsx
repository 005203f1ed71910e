import { Show, createEffect, createMemo, createSignal, type JSX } from "solid-js";
import { formatNumber } from "../../cells/index.ts";
import { viewAriaLabel } from "./describe.ts";
import { fittedSize, imageRange, pixelRgb, symmetricRange, tileAt, tileLayout } from "./tiles.ts";
import { NOMINAL, type ViewProps } from "./types.ts";
import { useBoxSize } from "./useBoxSize.ts";

type Images = NonNullable<ViewProps["preview"]["images"]>;

/** Paint every image as a gray tile at its place in the layout, resizing the canvas to fit. */
function paintTiles(canvas: HTMLCanvasElement, ctx: CanvasRenderingContext2D, im: Images, l: ReturnType<typeof tileLayout>, rg: readonly [number, number]): void {
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
        const [red, green, blue] = pixelRgb(im.data[n * area + r * side + c] ?? NaN, rg);
        const o = ((oy + r) * l.width + ox + c) * 4;
        px[o] = red;
        px[o + 1] = green;
        px[o + 2] = blue;
        px[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** Which images a grid draws: a stack's first images, or a weight matrix's first columns. */
export type ImageSource = "images" | "columns";

/**
 * Images as grayscale tiles on one canvas: the first images of [N, 28, 28] or [N, 784] (or the one
 * image of [28, 28] or [784]), or with source "columns" the first columns of a [784, k] matrix,
 * grey centred on 0. Non-finite pixels show in a colour of their own.
 */
export function ImageGridView(props: ViewProps & { readonly source?: ImageSource }): JSX.Element {
  const box = useBoxSize(() => NOMINAL[props.size]);
  const source = (): ImageSource => props.source ?? "images";
  const images = () => (source() === "columns" ? props.preview.columns : props.preview.images);
  const unit = () => (source() === "columns" ? "column" : "image");
  const range = createMemo(() => (source() === "columns" ? symmetricRange(props.preview.summary) : imageRange(props.preview.summary)));
  const layout = createMemo(() => {
    const im = images();
    return tileLayout(im?.count ?? 0, im?.side ?? 28, box.size(), 2);
  });
  const drawn = createMemo(() => fittedSize(layout(), box.size()));
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
    const v = im.data[h.index * im.side * im.side + h.r * im.side + h.c] ?? NaN;
    const name = im.count === 1 && source() === "images" ? "pixel" : `${unit()} ${h.index} · pixel`;
    if (props.size === "cell" && im.count > 1) return `${unit()} ${h.index}`;
    return `${name} [${h.r}, ${h.c}] = ${formatNumber(v)}`;
  };
  const caption = () => {
    const im = images();
    const n = props.preview.shape[source() === "columns" ? 1 : 0] ?? 0;
    const scale = `${formatNumber(range()[0])} = black, ${formatNumber(range()[1])} = white`;
    if (source() === "images" && im?.count === 1) return scale;
    if (source() === "columns") return `first ${im?.count ?? 0} of ${n} columns · black ${formatNumber(range()[0])}, white ${formatNumber(range()[1])}`;
    return `first ${im?.count ?? 0} of ${n} · ${scale}`;
  };

  return (
    <figure class={`tv tv-${props.size} tv-images`} data-testid={`view-${source()}`} aria-label={viewAriaLabel(source(), props.preview, props.label)}>
      <div class="tv-plot tv-center" ref={box.ref}>
        <canvas
          ref={canvas}
          class="tv-canvas tv-canvas-plain"
          role="img"
          aria-label={viewAriaLabel(source(), props.preview, props.label)}
          style={{ width: `${drawn().width}px`, height: `${drawn().height}px` }}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
        />
        <Show when={readout()}>{(t) => <div class="tv-readout" data-testid="readout">{t()}</div>}</Show>
      </div>
      <Show when={props.size === "large"}>
        <figcaption class="tv-caption">{caption()}</figcaption>
      </Show>
    </figure>
  );
}
