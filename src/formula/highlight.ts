// The sheet language's tokenizer for syntax highlighting. Pure (no DOM, no CodeMirror): the
// editor wraps `readToken` in a StreamLanguage (see language.ts), tests call `tokenizeFormula`.
// It is deliberately forgiving — it colours half-typed input and never throws; the real parser
// (cells/language/parse.ts) decides what is valid.

import { isAddress } from "../../cells/index.ts";

export type FormulaTokenType =
  | "number"
  | "string"
  | "bool" // true / false
  | "function" // a sheet function, e.g. sum
  | "variable" // a cell name in the sheet, or a cell address such as A3
  | "definition" // the name this cell defines: `loss` in `loss = …`
  | "property" // an option key: `lr` in `{lr: 0.1}`
  | "name" // any other identifier (not a known cell yet)
  | "operator" // + - * / ^ .* ./ .^ '
  | "compare" // == != < <= > >=
  | "assign" // the = of `name = …`
  | "slice" // the : of a slice, x[1:3]
  | "paren"
  | "bracket"
  | "brace"
  | "separator" // , ; and the : of an option
  | "invalid"; // a character the sheet language has no use for

export interface FormulaToken {
  readonly from: number;
  readonly to: number;
  readonly type: FormulaTokenType;
  readonly text: string;
}

/** What the tokenizer carries from one token to the next (copied by CodeMirror between lines). */
export interface TokenizerState {
  /** Open brackets, innermost last: "(", "[" or "{". */
  brackets: string[];
  /** The previous token ends a value, so a following ' is the transpose operator, not a string. */
  afterValue: boolean;
  /** Tokens read so far (whitespace excluded): the first identifier may be a definition. */
  count: number;
}

export interface TokenizerContext {
  /** Cell names in the sheet. */
  readonly names: ReadonlySet<string>;
  /** Is this a sheet function? */
  readonly isFunction: (name: string) => boolean;
}

export function startState(): TokenizerState {
  return { brackets: [], afterValue: false, count: 0 };
}

export function copyState(s: TokenizerState): TokenizerState {
  return { brackets: [...s.brackets], afterValue: s.afterValue, count: s.count };
}

/** Token type → the @lezer/highlight tag name used by the StreamLanguage (see language.ts). */
export const TOKEN_TAGS: Readonly<Record<FormulaTokenType, string>> = {
  number: "number",
  string: "string",
  bool: "bool",
  function: "variableName.function",
  variable: "variableName",
  definition: "variableName.definition",
  property: "propertyName",
  name: "name",
  operator: "arithmeticOperator",
  compare: "compareOperator",
  assign: "definitionOperator",
  slice: "punctuation",
  paren: "paren",
  bracket: "squareBracket",
  brace: "brace",
  separator: "separator",
  invalid: "invalid",
};

// Sticky regexes, run at a position in the line.
const SPACE = /\s+/y;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
// 0x1f / 0b101 / 0o17, or decimal with optional fraction and exponent. `2.*x` is 2 .* x.
const NUMBER = /0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|(?:\d+(?:\.(?![*/^])\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const OPERATOR = /\.\*|\.\/|\.\^|==|!=|<=|>=|[-+*/^<>=]/y;

function matchAt(re: RegExp, line: string, pos: number): string | null {
  re.lastIndex = pos;
  const m = re.exec(line);
  return m === null ? null : m[0];
}

/** The end of a string literal opened by `quote` at `pos` (the end of the line when unterminated). */
function stringEnd(line: string, pos: number, quote: string): number {
  let i = pos + 1;
  while (i < line.length) {
    const ch = line[i];
    if (ch === "\\") i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return line.length;
}

function nextNonSpace(line: string, pos: number): string | undefined {
  SPACE.lastIndex = pos;
  const m = SPACE.exec(line);
  return line[m === null ? pos : pos + m[0].length];
}

/** Is `=` (and not `==`) the next thing after pos? */
function assignmentFollows(line: string, pos: number): boolean {
  return /^\s*=(?!=)/.test(line.slice(pos));
}

/**
 * Reads one token of `line` starting at `pos` (which must be < line.length), updating `state`.
 * Returns where the token ends (always > pos) and its type, or null for whitespace.
 */
export function readToken(
  line: string,
  pos: number,
  state: TokenizerState,
  ctx: TokenizerContext,
): { end: number; type: FormulaTokenType | null } {
  const space = matchAt(SPACE, line, pos);
  if (space !== null) return { end: pos + space.length, type: null };

  const first = state.count === 0;
  state.count++;
  const ch = line[pos]!;
  const value = (end: number, type: FormulaTokenType) => {
    state.afterValue = true;
    return { end, type };
  };
  const punct = (end: number, type: FormulaTokenType) => {
    state.afterValue = false;
    return { end, type };
  };

  const ident = matchAt(IDENT, line, pos);
  if (ident !== null) {
    const end = pos + ident.length;
    return value(end, identifierType(ident, line, end, first, state, ctx));
  }

  const num = matchAt(NUMBER, line, pos);
  if (num !== null) return value(pos + num.length, "number");

  if (ch === '"') return value(stringEnd(line, pos, ch), "string");
  if (ch === "'") {
    // After a value, ' is the transpose operator (x'); elsewhere it opens a string.
    if (state.afterValue) return value(pos + 1, "operator");
    return value(stringEnd(line, pos, ch), "string");
  }

  if (ch === "(" || ch === "[" || ch === "{") {
    state.brackets.push(ch);
    return punct(pos + 1, ch === "(" ? "paren" : ch === "[" ? "bracket" : "brace");
  }
  if (ch === ")" || ch === "]" || ch === "}") {
    const open = ch === ")" ? "(" : ch === "]" ? "[" : "{";
    if (state.brackets[state.brackets.length - 1] === open) state.brackets.pop();
    return value(pos + 1, ch === ")" ? "paren" : ch === "]" ? "bracket" : "brace");
  }
  if (ch === ":") return punct(pos + 1, state.brackets[state.brackets.length - 1] === "{" ? "separator" : "slice");
  if (ch === "," || ch === ";") return punct(pos + 1, "separator");

  const op = matchAt(OPERATOR, line, pos);
  if (op !== null) {
    const type: FormulaTokenType =
      op === "=" ? "assign" : op === "==" || op === "!=" || op === "<" || op === "<=" || op === ">" || op === ">=" ? "compare" : "operator";
    return punct(pos + op.length, type);
  }

  // Anything else (%, &, |, !, ?, @, #, non-ASCII letters, …) is not part of the sheet language.
  const cp = line.codePointAt(pos)!;
  return punct(pos + (cp > 0xffff ? 2 : 1), "invalid");
}

function identifierType(
  ident: string,
  line: string,
  end: number,
  first: boolean,
  state: TokenizerState,
  ctx: TokenizerContext,
): FormulaTokenType {
  if (first && assignmentFollows(line, end)) return "definition";
  const next = nextNonSpace(line, end);
  if (next === ":" && state.brackets[state.brackets.length - 1] === "{") return "property";
  if (ident === "true" || ident === "false") return "bool";
  if (next === "(" && ctx.isFunction(ident)) return "function";
  if (ctx.names.has(ident) || isAddress(ident)) return "variable";
  if (ctx.isFunction(ident)) return "function";
  return "name";
}

/** Every non-whitespace token of `text` (all lines, with offsets into the whole text). */
export function tokenizeFormula(text: string, ctx: TokenizerContext): FormulaToken[] {
  const out: FormulaToken[] = [];
  const state = startState();
  let lineStart = 0;
  for (const line of text.split("\n")) {
    let pos = 0;
    while (pos < line.length) {
      const { end, type } = readToken(line, pos, state, ctx);
      if (type !== null) out.push({ from: lineStart + pos, to: lineStart + end, type, text: line.slice(pos, end) });
      pos = end;
    }
    lineStart += line.length + 1;
  }
  return out;
}
