import type { Tensor } from "../../engine/index.ts";
import { CellError } from "../errors.ts";
import { notAFunctionError, type BoundFunction, type UserFunction } from "../language/user-functions.ts";
import type { Sheet } from "../sheet.ts";

interface ProgramFunction {
  readonly definition: UserFunction;
  /** The body's free names (cells and other functions) → addresses, resolved once at build time. */
  readonly refs: ReadonlyMap<string, string>;
}

/**
 * The user functions a training program's steps call. Their bodies run inside the calling step,
 * reading the values of the current run (a mini-batch, the current params) like the step itself.
 */
export class ProgramFunctions {
  private readonly byAddress = new Map<string, ProgramFunction>();

  /**
   * Bind the definition at `address` and, through its body, the functions and cells it reads.
   * A cell the program does not compute (`isComputed` false) keeps its sheet value as a constant.
   */
  bind(sheet: Sheet, address: string, isComputed: (address: string) => boolean, constants: Map<string, Tensor>): void {
    const compiled = sheet.compiledCell(address);
    if (this.byAddress.has(address) || !compiled?.definition) return;
    const refs = new Map<string, string>();
    this.byAddress.set(address, { definition: compiled.definition, refs });
    for (const name of compiled.refs.keys()) {
      const target = sheet.resolve(name)!;
      refs.set(name, target);
      if (sheet.compiledCell(target)?.definition) this.bind(sheet, target, isComputed, constants);
      else if (!isComputed(target)) {
        const value = sheet.result(target)?.value;
        if (!value) throw new CellError("upstream", `${compiled.definition.name} reads ${name}, which has no value`);
        constants.set(target, value);
      }
    }
  }

  /** The function at `address`, its free names read through `valueAt` (the running step's values). */
  bound(address: string, valueAt: (name: string, address: string) => Tensor): BoundFunction {
    const f = this.byAddress.get(address);
    if (f === undefined) throw notAFunctionError(address);
    return {
      definition: f.definition,
      lookup: (name) => valueAt(name, f.refs.get(name)!),
      userFunction: (name) => this.bound(f.refs.get(name)!, valueAt),
    };
  }
}
