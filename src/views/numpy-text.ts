// A tensor as text, the way NumPy's str(array) prints a float32 array (numpy/_core/arrayprint.py,
// default print options: precision 8, floatmode "maxprec", edgeitems 3, threshold 1000,
// linewidth 75). One deliberate difference: when every finite value is a whole number (shapes,
// labels, counts: tensors here are float32 even when typed as integers), they print like NumPy's
// integer arrays, without the trailing "." ("[2 3 4]" rather than "[2. 3. 4.]").

export interface NumpyTextOptions {
  /** Characters per line before wrapping (NumPy's linewidth). */
  readonly linewidth?: number;
  /** Items shown at each edge of an axis once the tensor is summarized (NumPy's edgeitems). */
  readonly edgeitems?: number;
  /** More elements than this and the text shows only the edges with "..." (NumPy's threshold). */
  readonly threshold?: number;
}

const PRECISION = 8;
const SUMMARY = "...";

type ElementFormat = (v: number) => string;

/** The whole tensor (row-major values of the given shape) as NumPy prints it. */
export function numpyText(values: ArrayLike<number>, shape: readonly number[], options: NumpyTextOptions = {}): string {
  const { linewidth = 75, edgeitems = 3, threshold = 1000 } = options;
  const size = shape.reduce((a, b) => a * b, 1);
  const edges = shape.map(() => (size > threshold ? edgeitems : Infinity));
  return formatWithEdges(values, shape, linewidth, edges);
}

/** The text with its own edge items per axis (Infinity: the whole axis). */
function formatWithEdges(values: ArrayLike<number>, shape: readonly number[], linewidth: number, edges: readonly number[]): string {
  if (shape.length === 0) return elementFormat([values[0] ?? NaN])(values[0] ?? NaN);
  if (shape.reduce((a, b) => a * b, 1) === 0) return "[]";
  const strides = stridesOf(shape);
  const shown = edgeValues(values, shape, strides, edges);
  const format = elementFormat(shown);
  const element = (flat: number) => format(values[flat]!);
  return formatArray(element, shape, strides, { linewidth, edges });
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let k = shape.length - 1; k >= 0; k--) {
    strides[k] = s;
    s *= shape[k]!;
  }
  return strides;
}

/** The indices of axis positions shown when summarizing: the first and last `edge` of each axis. */
function shownIndices(n: number, edge: number): number[] {
  if (2 * edge >= n) return Array.from({ length: n }, (_, k) => k);
  return [...Array.from({ length: edge }, (_, k) => k), ...Array.from({ length: edge }, (_, k) => n - edge + k)];
}

/** The values NumPy formats when summarizing (its _leading_trailing): the widths come from these only. */
function edgeValues(values: ArrayLike<number>, shape: readonly number[], strides: readonly number[], edges: readonly number[]): number[] {
  const out: number[] = [];
  const walk = (axis: number, offset: number) => {
    if (axis === shape.length) {
      out.push(values[offset]!);
      return;
    }
    for (const i of shownIndices(shape[axis]!, edges[axis]!)) walk(axis + 1, offset + i * strides[axis]!);
  };
  walk(0, 0);
  return out;
}

// ---- layout (NumPy's _formatArray with legacy=False) ----

interface Layout {
  readonly linewidth: number;
  /** Edge items per axis; Infinity shows the whole axis. */
  readonly edges: readonly number[];
}

function formatArray(element: (flat: number) => string, shape: readonly number[], strides: readonly number[], layout: Layout): string {
  const recurse = (axis: number, offset: number, indent: string, width: number): string => {
    if (axis === shape.length) return element(offset);
    const n = shape[axis]!;
    const edge = layout.edges[axis]!;
    const summary = 2 * edge < n;
    const lead = summary ? edge : 0;
    const trail = summary ? edge : n;
    const at = (i: number) => offset + i * strides[axis]!;
    const nextIndent = indent + " ";
    const nextWidth = width - 1;
    const axesLeft = shape.length - axis;
    let s = "";
    if (axesLeft === 1) {
      const elemWidth = width - 1;
      let line = indent;
      const add = (word: string) => {
        const wrap = line.length + word.length > elemWidth && line.length > indent.length;
        if (wrap) {
          s += line.trimEnd() + "\n";
          line = indent;
        }
        line += word;
      };
      for (let i = 0; i < lead; i++) {
        add(recurse(axis + 1, at(i), nextIndent, nextWidth));
        line += " ";
      }
      if (summary) {
        add(SUMMARY);
        line += " ";
      }
      for (let i = trail; i > 1; i--) {
        add(recurse(axis + 1, at(n - i), nextIndent, nextWidth));
        line += " ";
      }
      add(recurse(axis + 1, at(n - 1), nextIndent, nextWidth));
      s += line;
    } else {
      const sep = "\n".repeat(axesLeft - 1);
      for (let i = 0; i < lead; i++) s += indent + recurse(axis + 1, at(i), nextIndent, nextWidth) + sep;
      if (summary) s += indent + SUMMARY + sep;
      for (let i = trail; i > 1; i--) s += indent + recurse(axis + 1, at(n - i), nextIndent, nextWidth) + sep;
      s += indent + recurse(axis + 1, at(n - 1), nextIndent, nextWidth);
    }
    return "[" + s.slice(indent.length) + "]";
  };
  return recurse(0, 0, " ", layout.linewidth);
}

// ---- elements (NumPy's FloatingFormat, and IntegerFormat for whole numbers) ----

/** How every element of this set of values is printed, with the common widths. */
export function elementFormat(shown: readonly number[]): ElementFormat {
  const finite = shown.filter((v) => Number.isFinite(v));
  if (finite.length > 0 && finite.every((v) => Number.isInteger(v) && Math.abs(v) < 1e8)) return integerFormat(shown, finite);
  return floatFormat(shown, finite);
}

function nonFiniteText(v: number): string {
  return Number.isNaN(v) ? "nan" : v > 0 ? "inf" : "-inf";
}

function integerFormat(shown: readonly number[], finite: readonly number[]): ElementFormat {
  let width = 0;
  for (const v of finite) width = Math.max(width, String(v).length);
  for (const v of shown) if (!Number.isFinite(v)) width = Math.max(width, nonFiniteText(v).length);
  return (v) => (Number.isFinite(v) ? String(v) : nonFiniteText(v)).padStart(width);
}

function floatFormat(shown: readonly number[], finite: readonly number[]): ElementFormat {
  const nonZero = finite.filter((v) => v !== 0).map(Math.abs);
  const maxVal = nonZero.length ? Math.max(...nonZero) : 0;
  const minVal = nonZero.length ? Math.min(...nonZero) : 0;
  const exp = nonZero.length > 0 && (maxVal >= 1e8 || minVal < 1e-4 || maxVal / minVal > 1000);
  const body = finite.length === 0 ? null : exp ? scientificFormat(finite) : positionalFormat(finite);
  // Non-finite values are right-aligned to the finite ones' width (at least their own).
  const hasNegInf = shown.some((v) => v === -Infinity);
  const padRight = body?.padRight ?? -1;
  let padLeft = body?.padLeft ?? 0;
  if (finite.length !== shown.length) padLeft = Math.max(padLeft, 3 - (padRight + 1), 3 + (hasNegInf ? 1 : 0) - (padRight + 1));
  const total = padLeft + padRight + 1;
  return (v) => (Number.isFinite(v) ? body!.format(v, padLeft) : nonFiniteText(v).padStart(total));
}

interface Body {
  readonly padLeft: number;
  readonly padRight: number;
  format(v: number, padLeft: number): string;
}

/** The shortest decimal that reads back as the same float32 (what NumPy's dragon4 "unique" gives). */
function shortestExponential(v: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = v.toExponential(p - 1);
    if (Math.fround(Number(s)) === Math.fround(v)) return s;
  }
  return v.toExponential(8);
}

/** Positional digits: shortest unique, at most PRECISION after the point, trailing "." kept. */
function positionalDigits(v: number): { int: string; frac: string } {
  let s = String(Number(shortestExponential(v)));
  if (s.includes("e")) s = v.toFixed(PRECISION);
  let [int, frac = ""] = s.split(".") as [string, string?];
  if (frac.length > PRECISION) [int, frac = ""] = v.toFixed(PRECISION).replace(/0+$/, "").split(".") as [string, string?];
  return { int: int!, frac };
}

function positionalFormat(finite: readonly number[]): Body {
  const parts = finite.map(positionalDigits);
  const padLeft = Math.max(...parts.map((p) => p.int.length));
  const padRight = Math.max(...parts.map((p) => p.frac.length));
  return {
    padLeft,
    padRight,
    format(v, left) {
      const p = positionalDigits(v);
      return `${p.int.padStart(left)}.${p.frac.padEnd(padRight)}`;
    },
  };
}

function mantissaParts(v: number): { int: string; frac: string; exp: number } {
  const [m, e] = shortestExponential(v).split("e") as [string, string];
  const [int, frac = ""] = m.split(".") as [string, string?];
  return { int: int!, frac: frac.slice(0, PRECISION), exp: Number(e) };
}

function scientificFormat(finite: readonly number[]): Body {
  const parts = finite.map(mantissaParts);
  const precision = Math.max(...parts.map((p) => p.frac.length));
  const expDigits = Math.max(2, ...parts.map((p) => String(Math.abs(p.exp)).length));
  const padLeft = Math.max(...parts.map((p) => p.int.length));
  return {
    padLeft,
    padRight: expDigits + 2 + precision,
    format(v, left) {
      const p = mantissaParts(v);
      const sign = p.exp < 0 ? "-" : "+";
      return `${p.int.padStart(left)}.${p.frac.padEnd(precision, "0")}e${sign}${String(Math.abs(p.exp)).padStart(expDigits, "0")}`;
    },
  };
}

/**
 * The text that fits `maxLines`: all values when they fit; else NumPy's summary with the most edge
 * items (3, 2, then 1), first on the outer axes only (rows stay whole when the line holds them),
 * then on every axis; when even that is too tall, all values (the view scrolls).
 */
export function fittedNumpyText(values: ArrayLike<number>, shape: readonly number[], linewidth: number, maxLines: number): string {
  const lines = (s: string) => s.split("\n").length;
  const full = formatWithEdges(values, shape, linewidth, shape.map(() => Infinity));
  if (lines(full) <= maxLines) return full;
  const outer = (e: number) => shape.map((_, axis) => (axis === shape.length - 1 ? Infinity : e));
  const every = (e: number) => shape.map(() => e);
  for (const edges of [outer(3), outer(2), outer(1), every(3), every(2), every(1)]) {
    const text = formatWithEdges(values, shape, linewidth, edges);
    if (lines(text) <= maxLines) return text;
  }
  // Even one edge item per axis is too tall (a [2, 3, 4] in a short cell): show the top of the
  // summary with whole rows and say how much is below, rather than let the cell's edge cut a line.
  const all = formatWithEdges(values, shape, linewidth, outer(1)).split("\n");
  const kept = all.slice(0, Math.max(1, maxLines - 1));
  return [...kept, `⋯ ${all.length - kept.length} more lines`].join("\n");
}
