// The functions the sheet's own cells define (`dense(x, W, b) = …`), as autocomplete and the
// function reference list them. Read from the cells' sources with the language's parser, so the
// page needs nothing new from the worker. Pure, so tests call it directly.
import { parseCell } from "../../cells/index.ts";
import type { FunctionInfo } from "./completions.ts";

export interface UserFunctionInfo extends FunctionInfo {
  readonly name: string;
  /** The defining cell. */
  readonly address: string;
  readonly minArgs: number;
}

/** By name, in the order the cells are given; a name defined twice keeps its first definition. */
export function userFunctionsOf(cells: Iterable<{ readonly address: string; readonly source: string }>): ReadonlyMap<string, UserFunctionInfo> {
  const out = new Map<string, UserFunctionInfo>();
  for (const { address, source } of cells) {
    // Only a cell that starts like a definition is parsed (most cells are not).
    if (!/^\s*[A-Za-z_]\w*\s*\(/.test(source) || !/\)\s*=[^=]/.test(source)) continue;
    const parsed = parseCell(source);
    if (parsed.error !== null || !parsed.params || parsed.name === null || out.has(parsed.name)) continue;
    out.set(parsed.name, {
      name: parsed.name,
      signature: `${parsed.name}(${parsed.params.join(", ")})`,
      summary: `defined in ${address}`,
      address,
      minArgs: parsed.params.length,
    });
  }
  return out;
}
