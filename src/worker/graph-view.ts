import { grad, topologicalOrder, type Tensor } from "../../engine/index.ts";
import type { Sheet } from "../../cells/sheet.ts";
import { formatValue } from "../../cells/summary.ts";
import type { ComputationGraph, GraphNodeView } from "./protocol.ts";

const MAX_NODES = 200;

/**
 * The recorded ops that produced a cell's value, back to the values of the cells it reads, with
 * the gradient of sum(cell) at each node: the chapter's computation-graph figure, live.
 */
export function describeGraph(sheet: Sheet, address: string): ComputationGraph | null {
  const value = sheet.result(address)?.value;
  if (!value) return null;
  const cellOf = new Map<Tensor, string>();
  for (const a of sheet.addresses()) {
    const v = sheet.result(a)?.value;
    if (v && a !== address) cellOf.set(v, sheet.result(a)!.name ?? a);
  }
  // Stop at other cells' values: they are this cell's inputs.
  const nodes = topologicalOrder(value, (t) => cellOf.has(t)).slice(-MAX_NODES);
  const ids = new Map(nodes.map((t, i) => [t, i]));
  const grads = grad(value, nodes);
  const self = sheet.result(address)!.name ?? address;
  return {
    nodes: nodes.map((t, i): GraphNodeView => {
      const isInput = cellOf.has(t);
      return {
        id: i,
        op: isInput ? "input" : (t.node?.op ?? "constant"),
        cell: cellOf.get(t) ?? (t === value ? self : null),
        inputs: isInput ? [] : (t.node?.inputs ?? []).map((x) => ids.get(x)).filter((x): x is number => x !== undefined),
        shape: [...t.shape],
        value: formatValue(t, 40),
        gradient: formatValue(grads[i]!, 40),
      };
    }),
  };
}
