import type { CellView } from "../worker/protocol.ts";

/**
 * The cells an edit of `roots` makes stale, as the page knows them: the roots and every cell
 * downstream, found through each view's direct dependencies. The page marks them at once, before
 * the worker (perhaps busy with a heavy cell) has even seen the edit.
 */
export function affectedCells(cells: Readonly<Record<string, CellView>>, roots: readonly string[]): Set<string> {
  const dependents = new Map<string, string[]>();
  for (const c of Object.values(cells)) {
    for (const d of c.deps) {
      const list = dependents.get(d);
      if (list) list.push(c.address);
      else dependents.set(d, [c.address]);
    }
  }
  const affected = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const a = stack.pop()!;
    if (affected.has(a)) continue;
    affected.add(a);
    stack.push(...(dependents.get(a) ?? []));
  }
  return affected;
}
