import type { DependencyGraph } from "./graph.ts";

/**
 * The graph's evaluation order with the `priority` cells and everything they read moved to the
 * front. Both parts keep dependency order, and the front part is closed upstream, so every cell
 * still comes after the cells it reads.
 */
export function priorityOrder(graph: DependencyGraph, priority?: Iterable<string>): readonly string[] {
  if (priority === undefined) return graph.order;
  const upstream = new Set<string>();
  const stack = [...priority].filter((a) => graph.deps.has(a));
  while (stack.length > 0) {
    const a = stack.pop()!;
    if (upstream.has(a)) continue;
    upstream.add(a);
    stack.push(...(graph.deps.get(a) ?? []));
  }
  if (upstream.size === 0) return graph.order;
  return [...graph.order.filter((a) => upstream.has(a)), ...graph.order.filter((a) => !upstream.has(a))];
}
