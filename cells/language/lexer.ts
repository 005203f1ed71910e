// The sheet language's one lexer. It is forgiving: it reads any text, half-typed or not, and never
// throws, so the formula highlighter (src/formula/highlight.ts) colours input as it is typed and
// the parser (parse.ts) places mathjs's position-less nodes back in the text. mathjs still decides
// what is valid; this only says where each token starts and ends and what kind it is.

export type LexemeKind =
  | "identifier"
  | "number" // decimal with fraction/exponent, or 0x / 0b / 0o
  | "string" // "…" or '…'; an unterminated one runs to the end of the text
  | "transpose" // the ' after a value
  | "operator" // + - * / ^ .* ./ .^ = == != < <= > >=
  | "open" // ( [ {
  | "close" // ) ] }
  | "colon" // a slice's or an option's :, told apart by the bracket it sits in
  | "separator" // , ;
  | "invalid"; // a character the sheet language has no use for

/** One lexeme read at a position: where it ends (always past the start), and its kind or null for whitespace. */
export interface Lexeme {
  readonly end: number;
  readonly kind: LexemeKind | null;
}

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly kind: LexemeKind;
}

// Sticky regexes, run at a position in the text.
const SPACE = /\s+/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
// 0x1f / 0b101 / 0o17, or decimal with optional fraction and exponent. `2.*x` is 2 .* x.
const NUMBER = /0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+(?:\.(?![*/^])\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const OPERATOR = /\.\*|\.\/|\.\^|==|!=|<=|>=|[-+*/^<>=]/y;

function matchAt(re: RegExp, text: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m === null ? null : m[0];
}

/** The end of a string literal opened by `quote` at `pos` (the end of the text when unterminated). */
function stringEnd(text: string, pos: number, quote: string): number {
  let i = pos + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return text.length;
}

/** Does a lexeme of this kind end a value? Then a following ' is the transpose, not a string. */
export function endsValue(kind: LexemeKind): boolean {
  return kind === "identifier" || kind === "number" || kind === "string" || kind === "transpose" || kind === "close";
}

/**
 * Reads one lexeme of `text` at `pos` (which must be < text.length). `afterValue` says whether the
 * previous lexeme ended a value (see endsValue): only the caller knows what came before.
 */
export function readLexeme(text: string, pos: number, afterValue: boolean): Lexeme {
  const space = matchAt(SPACE, text, pos);
  if (space !== null) return { end: pos + space.length, kind: null };
  const ident = matchAt(IDENT, text, pos);
  if (ident !== null) return { end: pos + ident.length, kind: "identifier" };
  const num = matchAt(NUMBER, text, pos);
  if (num !== null) return { end: pos + num.length, kind: "number" };

  const ch = text[pos]!;
  if (ch === '"') return { end: stringEnd(text, pos, ch), kind: "string" };
  if (ch === "'") {
    // After a value, ' is the transpose operator (x'); elsewhere it opens a string.
    return afterValue ? { end: pos + 1, kind: "transpose" } : { end: stringEnd(text, pos, ch), kind: "string" };
  }
  if (ch === "(" || ch === "[" || ch === "{") return { end: pos + 1, kind: "open" };
  if (ch === ")" || ch === "]" || ch === "}") return { end: pos + 1, kind: "close" };
  if (ch === ":") return { end: pos + 1, kind: "colon" };
  if (ch === "," || ch === ";") return { end: pos + 1, kind: "separator" };
  const op = matchAt(OPERATOR, text, pos);
  if (op !== null) return { end: pos + op.length, kind: "operator" };

  // Anything else (%, &, |, !, ?, @, #, non-ASCII letters, …) is not part of the sheet language.
  const cp = text.codePointAt(pos)!;
  return { end: pos + (cp > 0xffff ? 2 : 1), kind: "invalid" };
}

/** Every non-whitespace token of `text`, with offsets into it. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let afterValue = false;
  let pos = 0;
  while (pos < text.length) {
    const { end, kind } = readLexeme(text, pos, afterValue);
    if (kind !== null) {
      out.push({ text: text.slice(pos, end), start: pos, end, kind });
      afterValue = endsValue(kind);
    }
    pos = end;
  }
  return out;
}
