// The brush of sketch cells (`my_digit = sketch([28, 28])`): strokes, as the file stores them, to
// pixel values in [0, 1] the way MNIST's digits were made. MNIST's digits were written large and
// downsampled with anti-aliasing, so a stroke is a solid core with grey edges about 3 px wide at
// 28 px. The brush draws round strokes of that width on a grid SUPERSAMPLE times finer and
// averages each pixel's area, which gives the same grey edges. No DOM: the sheet, the CLI and the
// drawing pad all rasterize with this, so what the pad shows is the tensor the sheet computes.

/** One stroke: the points the pen passed, flattened as [x0, y0, x1, y1, …], each coordinate in [0, 1] of the pad's width or height. */
export type Stroke = readonly number[];
/** A sketch cell's drawing: its strokes, oldest first. Empty: nothing drawn. */
export type Drawing = readonly Stroke[];

/**
 * The brush diameter in pixels of a 28-px pad. Measured on the MNIST test digits: a "1" has
 * 3.3 px of ink per row where it has ink (its slant makes a row cut wider than the stroke is).
 */
export const BRUSH_DIAMETER_AT_28 = 3;
/** Subsamples per pixel along each axis when averaging area (8 × 8 = 64 grey levels). */
const SUPERSAMPLE = 8;

/** Limits a stored drawing must keep (the file schema checks them), so a file cannot ask for unbounded work. */
export const MAX_STROKES = 2000;
export const MAX_STROKE_POINTS = 5000;
/** A sketch's sides: MNIST's 28 and a little beyond, never an image the brush would take long to fill. */
export const MAX_SKETCH_SIDE = 256;

/** Coordinates are stored with this many decimals: finer than a 256-px pad's pixel, and short in the file. */
const STORED_DECIMALS = 4;

/** A coordinate as the file stores it: clamped to [0, 1], rounded to STORED_DECIMALS. */
export function storedCoordinate(x: number): number {
  const clamped = Math.min(1, Math.max(0, x));
  const scale = 10 ** STORED_DECIMALS;
  return Math.round(clamped * scale) / scale;
}

/** Why `shape` is no sketch shape, or null when it is [height, width] of whole sides 1…MAX_SKETCH_SIDE. */
export function sketchShapeProblem(shape: readonly number[]): string | null {
  if (shape.length !== 2) return `sketch takes a shape [height, width], such as [28, 28]; got [${shape.join(", ")}]`;
  for (const side of shape) {
    if (!Number.isInteger(side) || side < 1 || side > MAX_SKETCH_SIDE) {
      return `a sketch's sides are whole numbers from 1 to ${MAX_SKETCH_SIDE}; got [${shape.join(", ")}]`;
    }
  }
  return null;
}

/** The drawing as row-major pixel values in [0, 1] of a [height, width] pad; zeros when nothing is drawn. */
export function rasterize(drawing: Drawing, height: number, width: number): Float32Array {
  const pixels = new Float32Array(height * width);
  if (drawing.length === 0) return pixels;
  const fine = new FineGrid(height * SUPERSAMPLE, width * SUPERSAMPLE);
  // The brush keeps its width relative to the pad, as MNIST's strokes are relative to the digit.
  const radius = ((BRUSH_DIAMETER_AT_28 / 28) * Math.min(height, width) * SUPERSAMPLE) / 2;
  for (const stroke of drawing) {
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i + 1 < stroke.length; i += 2) {
      xs.push(stroke[i]! * width * SUPERSAMPLE);
      ys.push(stroke[i + 1]! * height * SUPERSAMPLE);
    }
    if (xs.length === 1) fine.capsule(xs[0]!, ys[0]!, xs[0]!, ys[0]!, radius);
    for (let p = 1; p < xs.length; p++) fine.capsule(xs[p - 1]!, ys[p - 1]!, xs[p]!, ys[p]!, radius);
  }
  return fine.averaged(height, width, SUPERSAMPLE);
}

/** A fine grid of inked or blank subsamples: strokes that overlap ink a subsample once. */
class FineGrid {
  private readonly ink: Uint8Array;

  constructor(
    private readonly rows: number,
    private readonly cols: number,
  ) {
    this.ink = new Uint8Array(rows * cols);
  }

  /** Ink every subsample whose center lies within `r` of the segment (x0, y0)–(x1, y1): a round-capped stroke. */
  capsule(x0: number, y0: number, x1: number, y1: number, r: number): void {
    const top = Math.max(0, Math.floor(Math.min(y0, y1) - r));
    const bottom = Math.min(this.rows - 1, Math.ceil(Math.max(y0, y1) + r));
    const left = Math.max(0, Math.floor(Math.min(x0, x1) - r));
    const right = Math.min(this.cols - 1, Math.ceil(Math.max(x0, x1) + r));
    const dx = x1 - x0;
    const dy = y1 - y0;
    const length2 = dx * dx + dy * dy;
    const r2 = r * r;
    for (let row = top; row <= bottom; row++) {
      const py = row + 0.5;
      for (let col = left; col <= right; col++) {
        const px = col + 0.5;
        // The nearest point of the segment to the subsample's center.
        const t = length2 === 0 ? 0 : Math.min(1, Math.max(0, ((px - x0) * dx + (py - y0) * dy) / length2));
        const ex = px - (x0 + t * dx);
        const ey = py - (y0 + t * dy);
        if (ex * ex + ey * ey <= r2) this.ink[row * this.cols + col] = 1;
      }
    }
  }

  /** Each pixel's share of inked subsamples: area averaging. */
  averaged(height: number, width: number, s: number): Float32Array {
    const out = new Float32Array(height * width);
    for (let row = 0; row < this.rows; row++) {
      const base = row * this.cols;
      const outBase = Math.floor(row / s) * width;
      for (let col = 0; col < this.cols; col++) if (this.ink[base + col] === 1) out[outBase + Math.floor(col / s)]! += 1;
    }
    const area = s * s;
    for (let i = 0; i < out.length; i++) out[i] = out[i]! / area;
    return out;
  }
}
