import { parseCell, type ParsedCell } from "./parse.ts";

/** Enough for the largest sheets (the 10,000-cell chain) to be parsed once on load. */
const CAPACITY = 20_000;
const recent = new Map<string, ParsedCell>();

/**
 * `parseCell`, remembering recent sources. Loading a sheet reads every source twice, once to see
 * which datasets it needs (before the sheet exists) and once to build its cells; mathjs parsing is
 * the costly part of both. ParsedCell is immutable, so cells with the same source can share one.
 */
export function parseCellOnce(source: string): ParsedCell {
  let parsed = recent.get(source);
  if (parsed === undefined) {
    parsed = parseCell(source);
    recent.set(source, parsed);
    // Maps iterate in insertion order: the first key is the oldest.
    if (recent.size > CAPACITY) recent.delete(recent.keys().next().value!);
  }
  return parsed;
}
