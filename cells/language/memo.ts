import { isRecording, type Tensor } from "../../engine/index.ts";
import type { Expr } from "./ast.ts";
import { childrenOf } from "./calls.ts";
import { FUNCTIONS } from "./functions.ts";
import type { Value } from "./values.ts";

/**
 * Incremental evaluation inside a cell. When a cell re-runs because one of its inputs changed, a
 * sub-expression that reads none of the changed inputs gives the value it gave last time:
 * `dot(x_train, W1)` in `hidden = relu(dot(x_train, W1) + b1)` does not depend on `b1`, so an
 * edit of `b1` re-runs only the add and the relu. This is what build systems and Salsa-style
 * query engines do with their queries, applied to the nodes of one expression.
 *
 * A node is worth remembering when it reads a strict subset of the cell's names (a node that reads
 * all of them changes whenever the cell re-runs) and no memoised ancestor reads the same names
 * (that ancestor already covers it). Nodes that call something random, a dataset or grad() are
 * never memoised: their value depends on more than the tensors they read.
 */
export type MemoPlan = ReadonlyMap<Expr, readonly string[]>;

const MEMOISABLE_KINDS: ReadonlySet<Expr["kind"]> = new Set(["call", "binary", "unary", "index"]);

/** The nodes of a cell's expression to memoise, each with the names it reads (its key). */
export function memoPlan(root: Expr): MemoPlan {
  const facts = new Map<Expr, NodeFacts>();
  const cellRefs = collectFacts(root, facts).refs;
  const plan = new Map<Expr, readonly string[]>();
  const visit = (e: Expr, coveredSize: number): void => {
    const f = facts.get(e)!;
    const chosen = MEMOISABLE_KINDS.has(e.kind) && f.pure && f.refs.size < cellRefs.size && f.refs.size !== coveredSize;
    if (chosen) plan.set(e, [...f.refs].sort());
    for (const child of childrenOf(e)) visit(child, chosen ? f.refs.size : coveredSize);
  };
  visit(root, -1);
  return plan;
}

interface NodeFacts {
  readonly refs: ReadonlySet<string>;
  /** Its value is a function of the tensors it reads alone. */
  readonly pure: boolean;
}

function collectFacts(e: Expr, out: Map<Expr, NodeFacts>): NodeFacts {
  const refs = new Set<string>();
  let pure = true;
  if (e.kind === "ref") refs.add(e.name);
  if (e.kind === "call") {
    const f = FUNCTIONS.get(e.fn);
    pure = f !== undefined && !f.special && !f.random;
  }
  for (const child of childrenOf(e)) {
    const c = collectFacts(child, out);
    for (const r of c.refs) refs.add(r);
    pure &&= c.pure;
  }
  const facts = { refs, pure };
  out.set(e, facts);
  return facts;
}

/**
 * The remembered values of one cell's memoised nodes, each with the input tensors it was computed
 * from. Tensors are immutable values here (an edit or a training update makes new ones), so the
 * same tensor objects mean the same inputs. A value computed without autodiff recording has no
 * graph to differentiate through, so it is reused only by a run that does not record either.
 */
export class SubexpressionMemo {
  private readonly entries = new Map<Expr, { readonly inputs: readonly Tensor[]; readonly recording: boolean; readonly value: Value }>();
  /** Nodes reused since the last `startRun`: what the dependency view and the tests read. */
  reused = 0;

  startRun(): void {
    this.reused = 0;
  }

  valueOf(node: Expr, inputs: readonly Tensor[], compute: () => Value): Value {
    const recording = isRecording();
    const last = this.entries.get(node);
    if (last !== undefined && last.recording === recording && sameTensors(last.inputs, inputs)) {
      this.reused++;
      return last.value;
    }
    const value = compute();
    this.entries.set(node, { inputs, recording, value });
    return value;
  }
}

function sameTensors(a: readonly Tensor[], b: readonly Tensor[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}
