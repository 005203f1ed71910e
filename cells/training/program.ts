import { grad, type Tensor } from "../../engine/index.ts";
import { CellError } from "../errors.ts";
import type { EvalContext, TrainingStep } from "../language/compile.ts";
import type { Sheet } from "../sheet.ts";
import { ProgramFunctions } from "./program-functions.ts";

interface ProgramStep {
  readonly address: string;
  readonly key: string;
  readonly run: (ctx: EvalContext) => Tensor;
  /** Reference name → address, resolved once when the program is built. */
  readonly refs: ReadonlyMap<string, string>;
}

/**
 * A slice of the sheet compiled once and run many times: the cells on some path from `inputs`
 * to `targets`, in dependency order. Inputs are bound per run (a mini-batch, the current params);
 * every other cell they read keeps its current sheet value. Nothing is re-parsed per run.
 */
export class SheetProgram {
  private constructor(
    private readonly steps: readonly ProgramStep[],
    private readonly constants: ReadonlyMap<string, Tensor>,
    private readonly seed: number,
    private readonly dataset: EvalContext["dataset"],
    private readonly functions: ProgramFunctions,
  ) {}

  static build(sheet: Sheet, targets: readonly string[], inputs: readonly string[]): SheetProgram {
    const inputSet = new Set(inputs);
    const downstream = new Set<string>();
    for (const a of inputs) for (const d of sheet.downstream(a)) downstream.add(d);
    const upstream = new Set<string>(targets);
    for (const t of targets) for (const u of sheet.upstream(t)) upstream.add(u);
    const isDefinition = (a: string) => sheet.compiledCell(a)?.definition !== undefined;
    // Function definitions are no steps: their bodies run inside the steps that call them.
    const addresses = sheet.evaluationOrder().filter((a) => downstream.has(a) && upstream.has(a) && !inputSet.has(a) && !isDefinition(a));
    for (const t of targets) {
      if (!inputSet.has(t) && !addresses.includes(t)) addresses.push(t);
    }
    const constants = new Map<string, Tensor>();
    const functions = new ProgramFunctions();
    const steps = addresses.map((address): ProgramStep => {
      const compiled = sheet.compiledCell(address);
      const result = sheet.result(address)!;
      const key = result.name ?? address;
      if (compiled === null || result.error !== null) {
        throw new CellError("upstream", `${key} has an error; fix it before training: ${result.error?.message ?? "it does not compile"}`);
      }
      if (compiled.training) throw new CellError("value", `${key} is a training cell and cannot be part of another training run`);
      const refs = new Map<string, string>();
      for (const name of compiled.refs.keys()) {
        const target = sheet.resolve(name)!;
        refs.set(name, target);
        if (isDefinition(target)) functions.bind(sheet, target, (a) => inputSet.has(a) || addresses.includes(a), constants);
        else if (!inputSet.has(target) && !addresses.includes(target)) {
          const value = sheet.result(target)?.value;
          if (!value) throw new CellError("upstream", `${key} depends on ${name}, which has no value`);
          constants.set(target, value);
        }
      }
      return { address, key, run: compiled.run, refs };
    });
    return new SheetProgram(steps, constants, sheet.seed, sheet.datasets, functions);
  }

  /**
   * Run with `bindings` (address → value) for the inputs; returns every computed value by address.
   * `trainingStep` is given for a training step (dropout active), omitted for evaluation (metrics).
   */
  run(bindings: ReadonlyMap<string, Tensor>, trainingStep?: TrainingStep): Map<string, Tensor> {
    const values = new Map<string, Tensor>(bindings);
    for (const step of this.steps) {
      const valueAt = (name: string, address: string): Tensor => {
        const v = values.get(address) ?? this.constants.get(address);
        if (v === undefined) throw new CellError("name", `${name} has no value`);
        return v;
      };
      const lookup = (name: string): Tensor => valueAt(name, step.refs.get(name)!);
      const ctx: EvalContext = {
        seed: this.seed,
        cellKey: step.key,
        lookup,
        userFunction: (name) => this.functions.bound(step.refs.get(name)!, valueAt),
        gradient: (y, _yName, x) => grad(y, [lookup(x)])[0]!,
        ...(this.dataset ? { dataset: this.dataset } : {}),
        ...(trainingStep ? { trainingStep } : {}),
      };
      try {
        values.set(step.address, step.run(ctx));
      } catch (e) {
        if (e instanceof CellError) throw new CellError(e.kind, `in ${step.key}: ${e.message}`, e.span);
        throw e;
      }
    }
    return values;
  }
}
