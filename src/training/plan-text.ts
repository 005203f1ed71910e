// The training plan a training cell's formula asks for, in words: "5 epochs · batch 128 · rmsprop,
// lr 0.001". Read from the formula itself, so it never disagrees with it (a cell's note may).
import { parseCell } from "../../cells/index.ts";

export interface PlanWords {
  /** The epochs the formula asks for, or null when it names them by a reference. */
  readonly epochs: number | null;
  readonly text: string;
}

type Expr = NonNullable<ReturnType<typeof parseCell>["expr"]>;

/** A literal number or string, or null. */
function literal(e: Expr | undefined): number | string | null {
  if (e === undefined) return null;
  if (e.kind === "number" || e.kind === "string") return e.value;
  if (e.kind === "unary" && e.op === "neg" && e.arg.kind === "number") return -e.arg.value;
  return null;
}

/** The plan of `train(loss, [params], {…})` as the panel shows it; null when the source is not one. */
export function planWords(source: string): PlanWords | null {
  let expr: Expr | null;
  try {
    expr = parseCell(source).expr;
  } catch {
    return null;
  }
  if (expr?.kind !== "call" || expr.fn !== "train") return null;
  const options = expr.args[2];
  const entries = new Map(options?.kind === "options" ? options.entries : []);
  // The defaults are planTraining's (cells/training/plan.ts).
  const epochs = entries.has("epochs") ? literal(entries.get("epochs")) : 1;
  const batch = entries.has("batch") ? literal(entries.get("batch")) : 32;
  const optimizer = entries.has("optimizer") ? literal(entries.get("optimizer")) : "rmsprop";
  const lr = literal(entries.get("lr") ?? entries.get("learning_rate"));
  const parts = [
    epochs === null ? "epochs set by a cell" : `${epochs} epoch${epochs === 1 ? "" : "s"}`,
    batch === null ? "batch set by a cell" : `batch ${batch}`,
    `${optimizer ?? "optimizer set by a cell"}${lr === null ? "" : `, lr ${lr}`}`,
  ];
  return { epochs: typeof epochs === "number" ? epochs : null, text: parts.join(" · ") };
}
