// How the value table writes numbers: compact enough for a column, and exactly when copied.

/** nan, inf and -inf spelled out as NumPy prints them. */
function nonFinite(v: number): string | null {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  return null;
}

/**
 * A value in a table column (at most 11 characters): whole numbers below a million as they are,
 * otherwise 5 significant digits, in exponent form when very large or very small.
 */
export function formatCell(v: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  if (v === 0) return "0";
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e6) return String(v);
  if (a >= 1e6 || a < 1e-4) return v.toExponential(3).replace(/\.?0+e/, "e");
  return String(Number(v.toPrecision(5)));
}

/** The shortest decimal that reads back as the same float32: the value at full precision, nothing spurious. */
export function exactText(v: number): string {
  const special = nonFinite(v);
  if (special !== null) return special;
  for (let digits = 1; digits < 9; digits++) {
    const text = String(Number(v.toPrecision(digits)));
    if (Math.fround(Number(text)) === v) return text;
  }
  return String(Number(v.toPrecision(9)));
}

/** Whether a value is drawn tinted as not a number or infinite. */
export function isNonFinite(v: number): boolean {
  return !Number.isFinite(v);
}

/** How a formula names one element: x, v[3], W1[3, 41], T[1, 2, 3]. */
export function elementName(label: string, rank: number, slice: readonly number[], row: number, col: number): string {
  if (rank === 0) return label;
  if (rank === 1) return `${label}[${row}]`;
  return `${label}[${[...slice, row, col].join(", ")}]`;
}
