// What the function reference lists and what it inserts, read from the language's own function
// table (the same one autocomplete and the compiler read). Pure, so tests call it directly.
import { FUNCTION_GROUPS, FUNCTIONS, type FunctionGroup, type SheetFunction } from "../../cells/index.ts";
import type { UserFunctionInfo } from "./user-functions.ts";

/** The section of the functions the sheet's own cells define; it comes first. */
export const OWN_FUNCTIONS_GROUP = "Your functions";

export interface ReferenceEntry {
  readonly name: string;
  readonly signature: string;
  readonly summary: string;
  readonly example: string;
  /** Cells the example reads, as `name = expression`. */
  readonly given: readonly string[];
  readonly minArgs: number;
}

export interface ReferenceSection {
  readonly group: FunctionGroup | typeof OWN_FUNCTIONS_GROUP;
  readonly entries: readonly ReferenceEntry[];
}

/** A call to insert, with the first argument's placeholder selected so typing replaces it. */
export interface CallTemplate {
  readonly text: string;
  readonly selectFrom: number;
  readonly selectTo: number;
}

const entryOf = (name: string, f: SheetFunction): ReferenceEntry => ({
  name, signature: f.signature, summary: f.summary, example: f.example, given: f.exampleGiven ?? [], minArgs: f.minArgs,
});

/**
 * The functions whose name or summary contains `filter` (case-insensitively), by section in the
 * table's section order, each section in table order. Sections left empty are dropped.
 */
export function referenceSections(
  filter: string,
  functions: ReadonlyMap<string, SheetFunction> = FUNCTIONS,
  own: ReadonlyMap<string, UserFunctionInfo> = new Map(),
): ReferenceSection[] {
  const needle = filter.trim().toLowerCase();
  const matches = (name: string, f: { readonly summary: string }) => needle === "" || name.toLowerCase().includes(needle) || f.summary.toLowerCase().includes(needle);
  const ownSection: ReferenceSection = {
    group: OWN_FUNCTIONS_GROUP,
    entries: [...own.values()].filter((f) => matches(f.name, f)).map((f) => ({
      name: f.name, signature: f.signature, summary: f.summary, example: f.signature, given: [], minArgs: f.minArgs,
    })),
  };
  const sections = [ownSection, ...FUNCTION_GROUPS.map((group) => ({
    group,
    entries: [...functions].filter(([name, f]) => f.group === group && matches(name, f)).map(([name, f]) => entryOf(name, f)),
  }))];
  // A name hit outranks a summary hit: with one, sections that only matched in summaries step back.
  const nameHit = (s: ReferenceSection) => s.entries.some((e) => e.name.toLowerCase().includes(needle));
  const shown = sections.filter((s) => s.entries.length > 0);
  return [...shown.filter(nameHit), ...shown.filter((s) => !nameHit(s))];
}

/** Splits an argument list at its top-level commas (`[params], {a, b}` is two arguments). */
function topLevelArguments(list: string): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if ("([{".includes(c)) depth++;
    else if (")]}".includes(c)) depth--;
    else if (c === "," && depth === 0) {
      args.push(list.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = list.slice(start).trim();
  if (last !== "") args.push(last);
  return args;
}

/**
 * `name(` plus its first `minArgs` arguments as placeholders: `softmax(x)`, `train(loss, [params])`,
 * `mnist_images("train")` (the first of the choices). The first placeholder is selected.
 */
export function callTemplate(name: string, f: Pick<SheetFunction, "signature" | "minArgs">): CallTemplate {
  const inner = f.signature.slice(f.signature.indexOf("(") + 1, f.signature.lastIndexOf(")"));
  const required = topLevelArguments(inner).slice(0, f.minArgs).map((a) => a.split("|")[0]!.trim());
  const open = `${name}(`;
  const first = required[0] ?? "";
  return { text: `${open}${required.join(", ")})`, selectFrom: open.length, selectTo: open.length + first.length };
}
