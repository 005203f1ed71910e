import type { ViewKind } from "../../cells/index.ts";
import { VIEW_NAMES } from "../views/describe.ts";

/** How a view can be saved as a picture: from the canvas it draws on, from its SVG, or not at all (and why). */
export type PngSource = { readonly from: "canvas" | "svg"; readonly reason: null } | { readonly from: null; readonly reason: string };

/** Where each view draws: a Record, so a new view kind must say whether it has a picture to save. */
const DRAWN_ON: Readonly<Record<ViewKind, "canvas" | "svg" | "html">> = {
  heatmap: "canvas", images: "canvas", columns: "canvas", line: "canvas", maps: "canvas",
  bars: "svg", classes: "svg", geometric: "svg", scatter: "svg", summary: "svg",
  number: "html", values: "html", top: "html", confusion: "html",
};

/** Where a view of this kind draws its picture. Number, values, top-3 and confusion views are HTML, with no picture to save. */
export function pngSourceOf(kind: ViewKind): PngSource {
  const from = DRAWN_ON[kind];
  if (from !== "html") return { from, reason: null };
  return { from: null, reason: `The ${VIEW_NAMES[kind]} view has no picture to save: switch to another view for a PNG, or download the values as .npy or .csv.` };
}

/**
 * A PNG of a view's picture, at the size it is shown (times the screen's pixel ratio) on the page's
 * background colour, so a dark theme's light ink stays readable in any image viewer. Throws if the
 * view has nothing drawn (no data yet).
 */
export async function viewPng(figure: Element): Promise<Blob> {
  const canvas = figure.querySelector("canvas");
  const svg = figure.querySelector("svg");
  const source = canvas ?? svg;
  if (!source) throw new Error("the view has drawn nothing yet");
  const box = source.getBoundingClientRect();
  const scale = window.devicePixelRatio || 1;
  const native = canvas ? { width: canvas.width, height: canvas.height } : { width: 0, height: 0 };
  const out = document.createElement("canvas");
  out.width = Math.max(native.width, Math.round(box.width * scale));
  out.height = Math.max(native.height, Math.round(box.height * scale));
  if (out.width === 0 || out.height === 0) throw new Error("the view is not on screen");
  const ctx = out.getContext("2d")!;
  ctx.fillStyle = backgroundOf(figure);
  ctx.fillRect(0, 0, out.width, out.height);
  // A heatmap draws one canvas pixel per entry: scale it up as the page shows it, pixel by pixel.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(canvas ?? (await svgImage(svg!, box)), 0, 0, out.width, out.height);
  return new Promise((resolve, reject) => out.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("the browser could not encode a PNG"))), "image/png"));
}

/** The first opaque background colour from `el` up: what the view is seen on. */
function backgroundOf(el: Element): string {
  for (let e: Element | null = el; e; e = e.parentElement) {
    const colour = getComputedStyle(e).backgroundColor;
    if (colour && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour)) return colour;
  }
  return "#ffffff";
}

/** The styles the views set from CSS classes and variables, which a standalone SVG image would lose. */
const INLINED = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight", "text-anchor", "dominant-baseline", "visibility", "display"];

/** The SVG as an image, with its computed styles written onto a copy so it looks as it does on the page. */
async function svgImage(svg: SVGSVGElement, box: DOMRect): Promise<HTMLImageElement> {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll("*")];
  const copies = [copy, ...copy.querySelectorAll("*")];
  originals.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = copies[i] as SVGElement;
    for (const p of INLINED) target.style.setProperty(p, style.getPropertyValue(p));
  });
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", String(box.width));
  copy.setAttribute("height", String(box.height));
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(copy)], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(url);
  }
}
