import { grad, topologicalOrder, type Tensor } from "../engine/index.ts";
import type { Sheet } from "./sheet.ts";
import { formatValue } from "./summary.ts";

/** The ops from a cell's inputs to it, with value and gradient summaries per node. */
export interface ComputationGraph {
  readonly nodes: readonly GraphNodeView[];
}

export interface GraphNodeView {
  readonly id: number;
  readonly op: string;
  /** The cell this tensor is the value of, when it is one. */
  readonly cell: string | null;
  readonly inputs: readonly number[];
  readonly shape: readonly number[];
  readonly value: string;
  readonly gradient: string | null;
}

const MAX_NODES = 200;

/**
 * The recorded ops that produced a cell's value, back to the values of the cells it reads, with
 * the gradient of sum(cell) at each node: the chapter's computation-graph figure, live. It walks
 * the engine's tape, so it lives here rather than in the app, which sees only this description.
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
