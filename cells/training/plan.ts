import { OPTIMIZER_KINDS, resolveConfig, type OptimizerConfig, type OptimizerKind } from "../../engine/index.ts";
import { CellError } from "../errors.ts";
import type { Expr } from "../language/ast.ts";
import type { Sheet } from "../sheet.ts";

/** A training cell's arguments, checked against the sheet. Addresses are resolved; names kept for display. */
export interface TrainingPlan {
  /** The training cell's address and its name (or address when anonymous). */
  readonly address: string;
  readonly key: string;
  readonly loss: CellRef;
  readonly params: readonly CellRef[];
  readonly feed: readonly CellRef[];
  readonly metrics: readonly CellRef[];
  readonly optimizer: OptimizerConfig;
  readonly batch: number;
  readonly epochs: number;
  /** Rows in every feed cell (their shared axis-0 length). */
  readonly samples: number;
}

export interface CellRef {
  readonly name: string;
  readonly address: string;
}

const HYPERPARAMETERS: Record<string, keyof OptimizerConfig> = {
  lr: "lr", learning_rate: "lr", momentum: "momentum", rho: "rho", beta1: "beta1", beta_1: "beta1",
  beta2: "beta2", beta_2: "beta2", epsilon: "epsilon", initial_accumulator: "initialAccumulator",
};
const KNOWN_OPTIONS = ["optimizer", "batch", "epochs", "feed", "metrics", ...Object.keys(HYPERPARAMETERS)];

/**
 * Read `train(loss, [params], {optimizer, lr, batch, epochs, feed, metrics})` against the evaluated
 * sheet. Every problem is a CellError that names the argument or option and says what is wrong.
 */
export interface PlanOverrides {
  /** Train for this many epochs instead of the cell's own setting (the CLI's --epochs). */
  readonly epochs?: number;
}

export function planTraining(sheet: Sheet, address: string, overrides: PlanOverrides = {}): TrainingPlan {
  const compiled = sheet.compiledCell(address);
  const call = compiled?.training;
  if (!call) throw new CellError("value", `${address} is not a training cell`);
  const key = sheet.result(address)?.name ?? address;
  const fail = (message: string): never => {
    throw new CellError("value", `${key}: ${message}`, call.span);
  };
  const [lossArg, paramsArg, optionsArg] = call.args;
  const ref = (e: Expr | undefined, what: string): CellRef => {
    if (e?.kind !== "ref") return fail(`${what} must name a cell`);
    const target = sheet.resolve(e.name);
    if (target === undefined) return fail(`${what} ${e.name} is not a cell`);
    const r = sheet.result(target)!;
    if (r.error) return fail(`${what} ${e.name} has an error: ${r.error.message}`);
    if (r.definesFunction !== null) return fail(`${what} ${e.name} is a function, ${r.definesFunction}; name a cell that holds a value, such as one that calls it`);
    return { name: e.name, address: target };
  };
  const refList = (e: Expr | undefined, what: string): CellRef[] => {
    if (e === undefined) return [];
    if (e.kind === "ref") return [ref(e, what)];
    if (e.kind !== "array") return fail(`${what} must be a list of cells, such as [x, y]`);
    return e.items.map((item) => ref(item, what));
  };

  const loss = ref(lossArg, "the loss");
  const lossValue = sheet.result(loss.address)!.value!;
  if (lossValue.size !== 1) fail(`the loss ${loss.name} must be a scalar, but it has shape [${lossValue.shape.join(", ")}]; wrap it in mean(…) or sum(…)`);

  const params = refList(paramsArg, "a trained param");
  if (params.length === 0) fail("list the params to train, such as [W1, b1]");
  const lossUpstream = sheet.upstream(loss.address);
  for (const p of params) {
    if (!sheet.result(p.address)!.isParam) fail(`${p.name} is not a param cell; only cells defined as param(…) can be trained`);
    if (!lossUpstream.has(p.address)) fail(`the loss ${loss.name} does not depend on ${p.name}, so training cannot change it`);
  }

  const options = readOptions(optionsArg, fail);
  const feed = refList(options.get("feed"), "a feed");
  const metrics = refList(options.get("metrics"), "a metric");
  for (const f of feed) {
    if (!lossUpstream.has(f.address)) fail(`the loss ${loss.name} does not depend on the feed ${f.name}`);
    if (params.some((p) => p.address === f.address)) fail(`${f.name} cannot be both a param and a feed`);
  }
  for (const m of metrics) {
    const v = sheet.result(m.address)!.value!;
    if (v.size !== 1) fail(`the metric ${m.name} must be a scalar, but it has shape [${v.shape.join(", ")}]`);
  }
  const lengths = feed.map((f) => sheet.result(f.address)!.value!.shape[0]);
  if (lengths.some((n) => n === undefined)) fail(`feed cells must have a batch axis; ${feed[lengths.indexOf(undefined)]!.name} is a scalar`);
  if (new Set(lengths).size > 1) {
    fail(`feed cells must share their axis-0 length, but ${feed.map((f, i) => `${f.name} has ${lengths[i]}`).join(", ")}`);
  }
  const samples = (lengths[0] as number | undefined) ?? 1;

  const optimizer = readOptimizer(options, fail);
  const batch = positiveInteger(options.get("batch"), "batch", 32, fail);
  const epochs = overrides.epochs ?? positiveInteger(options.get("epochs"), "epochs", 1, fail);
  return { address, key, loss, params, feed, metrics, optimizer, batch: Math.min(batch, samples), epochs, samples };
}

/** Mini-batches in one pass over the data; the last may be smaller. */
export function stepsPerEpoch(plan: TrainingPlan): number {
  return Math.ceil(plan.samples / plan.batch);
}

function readOptions(e: Expr | undefined, fail: (m: string) => never): Map<string, Expr> {
  if (e === undefined) return new Map();
  if (e.kind !== "options") return fail("the third argument must be options, such as {optimizer: \"rmsprop\", lr: 0.001}");
  const out = new Map<string, Expr>();
  for (const [k, v] of e.entries) {
    if (!KNOWN_OPTIONS.includes(k)) fail(`unknown option ${k}; the options are ${KNOWN_OPTIONS.join(", ")}`);
    out.set(k, v);
  }
  return out;
}

function readOptimizer(options: ReadonlyMap<string, Expr>, fail: (m: string) => never): OptimizerConfig {
  const kindExpr = options.get("optimizer");
  let kind: OptimizerKind = "rmsprop";
  if (kindExpr !== undefined) {
    if (kindExpr.kind !== "string" || !(OPTIMIZER_KINDS as readonly string[]).includes(kindExpr.value)) {
      fail(`optimizer must be one of ${OPTIMIZER_KINDS.map((k) => `"${k}"`).join(", ")}`);
    }
    kind = (kindExpr as { value: OptimizerKind }).value;
  }
  const config: Record<string, unknown> = { kind };
  for (const [option, field] of Object.entries(HYPERPARAMETERS)) {
    const v = options.get(option);
    if (v === undefined) continue;
    const n = numberOf(v);
    if (n === null) fail(`${option} must be a number`);
    config[field] = n;
  }
  try {
    resolveConfig(config as unknown as OptimizerConfig);
  } catch (e) {
    fail((e as Error).message);
  }
  return config as unknown as OptimizerConfig;
}

function numberOf(e: Expr): number | null {
  if (e.kind === "number") return e.value;
  if (e.kind === "unary" && e.op === "neg" && e.arg.kind === "number") return -e.arg.value;
  return null;
}

function positiveInteger(e: Expr | undefined, what: string, fallback: number, fail: (m: string) => never): number {
  if (e === undefined) return fallback;
  const n = numberOf(e);
  if (n === null || !Number.isInteger(n) || n < 1) return fail(`${what} must be a whole number ≥ 1`);
  return n;
}
