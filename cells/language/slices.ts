/**
 * mathjs reads `x[:3]` as `x[1:3]` (it is 1-based and fills an empty start with 1), so NumPy's
 * empty slice bounds would be lost in the AST. Before parsing, an empty bound inside index
 * brackets becomes the reserved symbol `__` (`x[:3]` → `x[__:3]`, `x[::2]` → `x[__:__:2]`).
 * `offsetMap` turns positions in the rewritten text back into positions in the user's source.
 */
export const EMPTY_BOUND = "__";

export interface RewrittenSource {
  readonly text: string;
  /** Position in the rewritten text → position in the original source. */
  readonly originalOffset: (rewritten: number) => number;
}

export function markEmptySliceBounds(source: string): RewrittenSource {
  let text = "";
  const inserts: number[] = []; // original positions where EMPTY_BOUND was inserted
  const brackets: string[] = [];
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (quote !== null) {
      text += ch;
      if (ch === "\\") text += source[++i] ?? "";
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'") {
      // A quote right after a value is the transpose operator, not a string.
      if (ch === "'" && /[\w)\]'.]/.test(prevNonSpace(source, i))) {
        text += ch;
        continue;
      }
      quote = ch;
      text += ch;
      continue;
    }
    if (ch === "[" || ch === "(" || ch === "{") brackets.push(ch);
    else if (ch === "]" || ch === ")" || ch === "}") brackets.pop();
    if (ch === ":" && brackets[brackets.length - 1] === "[") {
      const before = prevNonSpace(source, i);
      if (before === "[" || before === "," || before === ":") {
        inserts.push(i);
        text += EMPTY_BOUND;
      }
      text += ch;
      const after = nextNonSpace(source, i);
      if (after === "]" || after === ",") {
        inserts.push(i + 1);
        text += EMPTY_BOUND;
      }
      continue;
    }
    text += ch;
  }
  const originalOffset = (rewritten: number): number => {
    let shift = 0;
    for (const at of inserts) {
      if (at + shift + EMPTY_BOUND.length <= rewritten) shift += EMPTY_BOUND.length;
      else break;
    }
    return rewritten - shift;
  };
  return { text, originalOffset };
}

function prevNonSpace(s: string, i: number): string {
  for (let k = i - 1; k >= 0; k--) if (!/\s/.test(s[k]!)) return s[k]!;
  return "";
}

function nextNonSpace(s: string, i: number): string {
  for (let k = i + 1; k < s.length; k++) if (!/\s/.test(s[k]!)) return s[k]!;
  return "";
}
