import type { Tensor } from "../engine/index.ts";

/** Statistics of a tensor's finite values, plus counts of the values that are not. */
export interface TensorSummary {
  readonly shape: readonly number[];
  readonly size: number;
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly nanCount: number;
  /** +Inf and −Inf together (posInfCount + negInfCount). */
  readonly infCount: number;
  readonly posInfCount: number;
  readonly negInfCount: number;
}

export function summarize(t: Tensor): TensorSummary {
  const data = t.data;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let nanCount = 0;
  let posInfCount = 0;
  let negInfCount = 0;
  // Indexed, with the common case (a finite value) tested first: views summarize every value of
  // tensors of millions of elements on each edit, and an iterator or a call per element doubles that.
  for (let i = 0; i < data.length; i++) {
    const v = data[i]!;
    if (v - v === 0) {
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
    } else if (v !== v) nanCount++;
    else if (v > 0) posInfCount++;
    else negInfCount++;
  }
  const finite = data.length - nanCount - posInfCount - negInfCount;
  return { shape: t.shape, size: t.size, min: finite ? min : NaN, max: finite ? max : NaN, mean: finite ? sum / finite : NaN, nanCount, infCount: posInfCount + negInfCount, posInfCount, negInfCount };
}

/** A number as people read it: up to 5 significant digits, exponent form for very large or small. */
export function formatNumber(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (!Number.isFinite(v)) return v > 0 ? "Inf" : "-Inf";
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(v.toPrecision(5)));
}

/** One line for a table cell: the values when short, otherwise a statistical summary. */
export function formatValue(t: Tensor, maxChars = 60): string {
  if (t.rank === 0) return formatNumber(t.data[0]!);
  if (t.size <= 64) {
    const text = JSON.stringify(t.toArray(), (_k, v) => (typeof v === "number" ? Number(formatNumber(v)) : v)).replace(/,/g, ", ");
    if (text.length <= maxChars && !/null/.test(text)) return text;
  }
  const s = summarize(t);
  const extra = (s.nanCount ? ` · ${s.nanCount} NaN` : "") + (s.infCount ? ` · ${s.infCount} Inf` : "");
  return `min ${formatNumber(s.min)} · mean ${formatNumber(s.mean)} · max ${formatNumber(s.max)}${extra}`;
}
