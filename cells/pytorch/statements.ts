import type { Tensor } from "../../engine/index.ts";
import type { Sheet } from "../sheet.ts";
import { definitionLines } from "./definitions.ts";
import { writeCellExpression, type ExpressionScope } from "./expressions.ts";
import { PYTORCH_FUNCTIONS } from "./function-map.ts";
import { HELPER_NAMES } from "./helpers.ts";
import { parseCellOnce } from "../language/parse-cache.ts";
import { pythonName, UntranslatableError } from "./python.ts";
import type { TensorEmbedder } from "./tensors.ts";

/** One cell as Python: its comment and assignment, and what it reads. */
export interface CellStatement {
  readonly address: string;
  readonly variable: string;
  /** `# A1: source` and the assignment (or, for a training cell, a pointer to its loop). */
  readonly lines: readonly string[];
  readonly isTraining: boolean;
  /** Module-level constants (values the sheet drew at random) the statement reads. */
  readonly constants: readonly string[];
}

export interface SheetStatements {
  readonly cells: readonly CellStatement[];
  /** Python variable by cell address. */
  readonly variables: ReadonlyMap<string, string>;
  /** `name = value` lines for values drawn at random inside larger expressions. */
  readonly constantLines: readonly string[];
  readonly helpers: ReadonlySet<string>;
}

/** Every cell of an evaluated sheet as one Python statement, in dependency order. */
export function writeStatements(sheet: Sheet, embedder: TensorEmbedder): SheetStatements {
  const order = readingOrder(sheet);
  const variables = new Map<string, string>();
  const taken = new Set<string>();
  for (const address of order) {
    let v = pythonName(sheet.result(address)?.name ?? address, HELPER_NAMES);
    while (taken.has(v)) v += "_";
    taken.add(v);
    variables.set(address, v);
  }
  const helpers = new Set<string>();
  const constantLines: string[] = [];
  const gradTargets = new Set<string>();
  for (const address of order) {
    for (const r of sheet.compiledCell(address)?.gradRequests ?? []) {
      const target = sheet.resolve(r.x);
      if (target !== undefined) gradTargets.add(target);
    }
  }
  const cells = order.map((address) => {
    const constants: string[] = [];
    const addConstant = (hint: string, value: Tensor): string => {
      let name = `drawn_${hint.replace(/\W/g, "_")}`;
      while (taken.has(name)) name += "_";
      taken.add(name);
      constantLines.push(`${name} = ${embedder.code(value, name)}`);
      constants.push(name);
      return name;
    };
    const lines = cellLines(sheet, address, variables, gradTargets.has(address), { helpers, addConstant, embedder });
    return { address, variable: variables.get(address)!, lines, isTraining: sheet.result(address)!.isTraining, constants };
  });
  for (const h of embedder.helpers) helpers.add(h);
  return { cells, variables, constantLines, helpers };
}

interface LineContext {
  readonly helpers: Set<string>;
  readonly addConstant: (hint: string, value: Tensor) => string;
  readonly embedder: TensorEmbedder;
}

function cellLines(sheet: Sheet, address: string, variables: ReadonlyMap<string, string>, isGradTarget: boolean, ctx: LineContext): string[] {
  const source = sheet.source(address)!;
  const result = sheet.result(address)!;
  const key = result.name ?? address;
  const comment = `# ${address}: ${source.replace(/\s*\n\s*/g, " ")}`;
  if (result.error !== null) throw new UntranslatableError(`cell ${key} (${address}) has an error; fix it before exporting: ${result.error.message}`);
  const variable = variables.get(address)!;
  const renamed = variable !== key ? [`# (${key} is named ${variable} here: Python or this script already uses ${key})`] : [];
  if (result.isTraining) return [comment, `# trained by train_${variable}() below`];
  const compiled = sheet.compiledCell(address)!;
  const expr = parsedExpr(sheet, address);
  const value = result.value!;
  if (compiled.isParam) {
    ctx.helpers.add("param");
    return [comment, ...renamed, `${variable} = param(${ctx.embedder.code(value, variable)})`];
  }
  // A cell that is one random call: the sheet's draw is its value.
  if (expr.kind === "call" && PYTORCH_FUNCTIONS[expr.fn]?.kind === "embedded") {
    return [comment, ...renamed, `${variable} = ${ctx.embedder.code(value, variable)}  # the values ${expr.fn} drew in the sheet`];
  }
  // A sketch cell is whole (the compiler says so): what was drawn on its pad is its value.
  if (expr.kind === "call" && expr.fn === "sketch") {
    return [comment, ...renamed, `${variable} = ${ctx.embedder.code(value, variable)}  # the drawing on the sheet's pad`];
  }
  const scope: ExpressionScope = {
    seed: sheet.seed,
    cellKey: key,
    variable: (ref) => {
      const target = sheet.resolve(ref);
      if (target === undefined) throw new UntranslatableError(`cell ${key} refers to ${ref}, which is not a cell`);
      return variables.get(target)!;
    },
    valueOf: (ref) => sheet.result(sheet.resolve(ref)!)!.value!,
    constant: ctx.addConstant,
    use: (h) => ctx.helpers.add(h),
  };
  if (compiled.definition) return [comment, ...renamed, ...definitionLines(compiled.definition, variable, expr, scope)];
  const code = writeCellExpression(expr, scope);
  if (!isGradTarget) return [comment, ...renamed, `${variable} = ${code}`];
  ctx.helpers.add("tracked");
  return [comment, ...renamed, `${variable} = tracked(${code})`];
}

function parsedExpr(sheet: Sheet, address: string) {
  const source = sheet.source(address)!;
  const parsed = parseCellOnce(source);
  if (parsed.expr === null) throw new UntranslatableError(`cell ${address} does not parse`);
  return parsed.expr;
}

/** Dependency order that otherwise follows the sheet's own order of cells, so the script reads like the sheet. */
function readingOrder(sheet: Sheet): string[] {
  const pending = new Set(sheet.evaluationOrder());
  const sheetOrder = sheet.addresses().filter((a) => pending.has(a));
  const out: string[] = [];
  while (pending.size > 0) {
    const next = sheetOrder.find((a) => pending.has(a) && sheet.dependencies(a).every((d) => !pending.has(d)));
    // A cycle never reaches here (those cells have errors); the sheet's own order is the fallback.
    const address = next ?? sheet.evaluationOrder().find((a) => pending.has(a))!;
    pending.delete(address);
    out.push(address);
  }
  return out;
}
