// Autocomplete candidates for the formula bar. Pure: the CodeMirror completion source in
// language.ts only glues these to the editor, and tests call them directly.
import { FUNCTIONS } from "../../cells/index.ts";
import { tokenizeFormula, type FormulaTokenType } from "./highlight.ts";

/** What completion shows of a function: a part of the language's table entry (SheetFunction). */
export interface FunctionInfo {
  readonly signature: string;
  readonly summary: string;
  /** A small working call, shown after the summary. */
  readonly example?: string;
}

/** Structurally a CodeMirror `Completion`. */
export interface FormulaCompletion {
  readonly label: string;
  readonly type: "variable" | "function";
  /** The one-line signature for functions (`sum(x, axis?, keepdims?)`), "cell" for cell names. */
  readonly detail: string;
  /** The summary (and example) for functions; undefined for cell names. */
  readonly info: string | undefined;
  /** The text inserted: `name(` for a function, the name for a cell. */
  readonly apply: string;
  /** Cell names rank above functions that match as well. */
  readonly boost: number;
}

export interface CompletionOptionsConfig {
  /** The function table; FUNCTIONS by default. */
  readonly functions?: ReadonlyMap<string, FunctionInfo>;
  /** A name to leave out (the one the cell itself defines: referring to it would be a cycle). */
  readonly exclude?: string | null;
  /** A `(` already follows the cursor: insert function names without another one. */
  readonly callFollows?: boolean;
  /** Functions the sheet's cells define: listed as functions, not as cell names. */
  readonly userFunctions?: ReadonlyMap<string, FunctionInfo>;
}

/**
 * Cell names, then functions, whose name starts with `prefix` (case-insensitively), each sorted
 * alphabetically. An empty prefix lists everything.
 */
export function completionOptions(prefix: string, names: readonly string[], config: CompletionOptionsConfig = {}): FormulaCompletion[] {
  const own = config.userFunctions ?? new Map<string, FunctionInfo>();
  const functions = new Map<string, FunctionInfo>([...(config.functions ?? FUNCTIONS), ...own]);
  const p = prefix.toLowerCase();
  const matches = (label: string) => label.toLowerCase().startsWith(p);
  const byLabel = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  const cellNames = [...new Set(names)].filter((n) => n !== "" && n !== config.exclude && !own.has(n) && matches(n)).sort(byLabel);
  const fnNames = [...functions.keys()].filter((n) => n !== config.exclude && matches(n)).sort(byLabel);
  return [
    ...cellNames.map((name): FormulaCompletion => ({ label: name, type: "variable", detail: "cell", info: undefined, apply: name, boost: 1 })),
    ...fnNames.map((name): FormulaCompletion => {
      const f = functions.get(name)!;
      const info = f.example ? `${f.summary}. Example: ${f.example}` : f.summary;
      return { label: name, type: "function", detail: f.signature, info, apply: config.callFollows ? name : `${name}(`, boost: 0 };
    }),
  ];
}

export interface CompletionRequest {
  /** Where the word being completed starts, as an offset into the line. */
  readonly from: number;
  /** The word typed so far (may be empty: the cursor is after an operator, bracket or space). */
  readonly prefix: string;
  /** A `(` follows the cursor. */
  readonly callFollows: boolean;
  /** The name this line defines (`loss` in `loss = …`), or null. */
  readonly defines: string | null;
}

const IDENTIFIER_TYPES: ReadonlySet<FormulaTokenType> = new Set(["function", "variable", "definition", "name", "bool", "property"]);
const noNames = { names: new Set<string>(), isFunction: () => false };

/**
 * Decides whether completing at `pos` in `line` makes sense and what is being completed.
 * Null inside a string and for a letter glued to a number (the `e` of `1e`).
 */
export function completionRequest(line: string, pos: number): CompletionRequest | null {
  const before = tokenizeFormula(line.slice(0, pos), noNames);
  const last = before[before.length - 1];
  const callFollows = line.slice(pos).startsWith("(");
  const defToken = tokenizeFormula(line, noNames)[0];
  const defines = defToken?.type === "definition" ? defToken.text : null;
  if (last === undefined || last.to < pos) return { from: pos, prefix: "", callFollows, defines };
  if (last.type === "string" || last.type === "number") return null;
  if (IDENTIFIER_TYPES.has(last.type)) {
    const prev = before[before.length - 2];
    if (prev !== undefined && prev.to === last.from && prev.type === "number") return null;
    return { from: last.from, prefix: last.text, callFollows, defines };
  }
  // Right after an operator, bracket or separator.
  return { from: pos, prefix: "", callFollows, defines };
}
