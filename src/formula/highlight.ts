// The sheet language's tokenizer for syntax highlighting. Pure (no DOM, no CodeMirror): the
// editor wraps `readToken` in a StreamLanguage (see language.ts), tests call `tokenizeFormula`.
// The sheet's one lexer (cells/language/lexer.ts) reads the tokens, forgivingly: it colours
// half-typed input and never throws; the real parser (cells/language/parse.ts) decides what is
// valid. This file adds only the context: definitions, option keys, functions, known cell names.

import { endsValue, isAddress, readLexeme, type LexemeKind } from "../../cells/index.ts";

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

const SPACE = /\s+/y;

function nextNonSpace(line: string, pos: number): string | undefined {
  SPACE.lastIndex = pos;
  const m = SPACE.exec(line);
  return line[m === null ? pos : pos + m[0].length];
}

/** Is `=` (and not `==`) the next thing after pos? */
function assignmentFollows(line: string, pos: number): boolean {
  return /^\s*=(?!=)/.test(line.slice(pos));
}

/** `(x, W, b) =` after a name: the cell defines a function of that name. */
function parametersThenAssignment(line: string, pos: number): boolean {
  return /^\s*\(\s*(?:[A-Za-z_]\w*\s*(?:,\s*[A-Za-z_]\w*\s*)*)?\)\s*=(?!=)/.test(line.slice(pos));
}

const BRACKET_TYPES: Readonly<Record<string, FormulaTokenType>> = { "(": "paren", ")": "paren", "[": "bracket", "]": "bracket", "{": "brace", "}": "brace" };
const OPENING: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{" };
const COMPARISONS = new Set(["==", "!=", "<", "<=", ">", ">="]);

/**
 * Reads one token of `line` starting at `pos` (which must be < line.length), updating `state`.
 * Returns where the token ends (always > pos) and its type, or null for whitespace.
 * The lexer (cells/language/lexer.ts) finds the token; this adds what the context says about it.
 */
export function readToken(
  line: string,
  pos: number,
  state: TokenizerState,
  ctx: TokenizerContext,
): { end: number; type: FormulaTokenType | null } {
  const { end, kind } = readLexeme(line, pos, state.afterValue);
  if (kind === null) return { end, type: null };
  const first = state.count === 0;
  state.count++;
  state.afterValue = endsValue(kind);
  return { end, type: highlightType(kind, line, pos, end, first, state, ctx) };
}

function highlightType(
  kind: LexemeKind,
  line: string,
  pos: number,
  end: number,
  first: boolean,
  state: TokenizerState,
  ctx: TokenizerContext,
): FormulaTokenType {
  const text = line.slice(pos, end);
  const innermost = state.brackets[state.brackets.length - 1];
  switch (kind) {
    case "identifier":
      return identifierType(text, line, end, first, state, ctx);
    case "transpose":
      return "operator";
    case "open":
      state.brackets.push(text);
      return BRACKET_TYPES[text]!;
    case "close":
      if (innermost === OPENING[text]) state.brackets.pop();
      return BRACKET_TYPES[text]!;
    case "colon":
      return innermost === "{" ? "separator" : "slice";
    case "operator":
      return text === "=" ? "assign" : COMPARISONS.has(text) ? "compare" : "operator";
    default:
      return kind; // number, string, separator and invalid are their own highlight types
  }
}

function identifierType(
  ident: string,
  line: string,
  end: number,
  first: boolean,
  state: TokenizerState,
  ctx: TokenizerContext,
): FormulaTokenType {
  if (first && (assignmentFollows(line, end) || parametersThenAssignment(line, end))) return "definition";
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
