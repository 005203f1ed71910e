// Renaming a cell the way a spreadsheet renames a defined name: every reference to the old name in
// a cell's source is rewritten, and nothing else. It reads the text with the one lexer, so strings,
// option keys (`{lr: 0.1}`), built-in calls (`relu(x)`) and longer names (`lr2`) stay as they are,
// and half-typed sources that do not parse are rewritten too. Calls of a function a cell defines
// (`dense(x, W, b) = …`) are references to that cell, and are rewritten with it.
import { FUNCTIONS } from "./functions.ts";
import { tokenize, type Token } from "./lexer.ts";

/**
 * The name a source defines on the left of `=` (`lr = 0.1` → "lr", `dense(x, W) = …` → "dense"),
 * or null for an anonymous cell.
 */
export function definedName(source: string): string | null {
  const tokens = tokenize(source);
  const [first, second] = tokens;
  if (first?.kind === "identifier" && second?.kind === "operator" && second.text === "=") return first.text;
  return functionHeader(tokens) === null ? null : first!.text;
}

/**
 * `source` with every reference to a key of `names` replaced by its value, all at once (so a → b
 * and b → c never chain). The name the cell itself defines is not a reference and is kept.
 */
export function renameReferences(source: string, names: ReadonlyMap<string, string>): string {
  const tokens = tokenize(source);
  const header = functionHeader(tokens);
  // A function's parameters shadow cells of the same name: they are never references.
  const shadowed = new Set(header?.params ?? []);
  const skipDefinition = header !== null ? header.length : definedName(source) !== null ? 1 : 0;
  const brackets: string[] = [];
  let out = "";
  let copied = 0;
  tokens.forEach((token, i) => {
    trackBrackets(brackets, token);
    if (i < skipDefinition || token.kind !== "identifier" || shadowed.has(token.text)) return;
    const to = names.get(token.text);
    if (to === undefined) return;
    if (!isReference(tokens, i, brackets) && (!isCall(tokens, i) || FUNCTIONS.has(token.text))) return;
    out += source.slice(copied, token.start) + to;
    copied = token.end;
  });
  return out + source.slice(copied);
}

/** The same rewrite for one name. */
export function renameReference(source: string, from: string, to: string): string {
  return renameReferences(source, new Map([[from, to]]));
}

/** `f(a, b) =`: the parameters, and how many tokens the header spans (through the `=`); null for any other cell. */
function functionHeader(tokens: readonly Token[]): { readonly params: readonly string[]; readonly length: number } | null {
  if (tokens[0]?.kind !== "identifier" || tokens[1]?.text !== "(") return null;
  const params: string[] = [];
  let i = 2;
  while (tokens[i]?.kind === "identifier") {
    params.push(tokens[i]!.text);
    if (tokens[i + 1]?.text !== ",") break;
    i += 2;
  }
  if (params.length > 0) i++;
  if (tokens[i]?.text !== ")" || tokens[i + 1]?.text !== "=") return null;
  return { params, length: i + 2 };
}

function trackBrackets(open: string[], token: Token): void {
  if (token.kind === "open") open.push(token.text);
  else if (token.kind === "close") open.pop();
}

function isCall(tokens: readonly Token[], i: number): boolean {
  const next = tokens[i + 1];
  return next?.kind === "open" && next.text === "(";
}

/** An identifier names a cell unless it is called (`f(`), an option key (`{key:`) or a property (`.name`). */
function isReference(tokens: readonly Token[], i: number, brackets: readonly string[]): boolean {
  const next = tokens[i + 1];
  const previous = tokens[i - 1];
  if (isCall(tokens, i)) return false;
  if (next?.kind === "colon" && brackets[brackets.length - 1] === "{") return false;
  if (previous?.kind === "invalid" && previous.text === "." && previous.end === tokens[i]!.start) return false;
  return true;
}
