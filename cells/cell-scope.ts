import { Tensor } from "../engine/index.ts";
import { rasterize } from "./sketch.ts";
import type { CellEntry } from "./cell-entry.ts";
import { CellError } from "./errors.ts";
import type { Gradient } from "./gradients.ts";
import type { EvalContext } from "./language/compile.ts";
import { SubexpressionMemo } from "./language/memo.ts";
import { functionAsValueError, type UserFunction } from "./language/user-functions.ts";
import { sheetFunctionBinder } from "./function-cells.ts";

/** A cell's evaluation context, and the notes its current run collects. */
export interface CellScope {
  readonly ctx: EvalContext;
  readonly notes: string[];
  /** The cell's remembered sub-expression values; lives as long as the entry (its source). */
  readonly memo: SubexpressionMemo;
}

/** What a cell's context reads from the sheet. */
export interface ScopeSheet {
  readonly seed: number;
  readonly dataset: EvalContext["dataset"];
  resolve(nameOrAddress: string): string | undefined;
  valueAt(address: string): Tensor | null;
  gradient(y: Tensor, yName: string | null, x: Tensor): Gradient;
  /** The function a cell defines (`f(x) = …`), or null for a cell with a value. */
  definitionAt(address: string): UserFunction | null;
}

/**
 * One evaluation context per cell entry, made on first use. An edit or a move makes a new entry,
 * hence a new context; an entry's context is reused across runs, so only its notes are reset.
 */
export class CellScopes {
  private readonly scopes = new WeakMap<CellEntry, CellScope>();

  constructor(private readonly sheet: ScopeSheet) {}

  /** The entry's scope, with the notes and reuse count of its previous run cleared. */
  forRun(entry: CellEntry): CellScope {
    let scope = this.scopes.get(entry);
    if (scope === undefined) {
      const notes: string[] = [];
      const memo = new SubexpressionMemo();
      scope = { ctx: this.makeContext(entry, notes, memo), notes, memo };
      this.scopes.set(entry, scope);
    }
    scope.notes.length = 0;
    scope.memo.startRun();
    return scope;
  }

  private makeContext(entry: CellEntry, notes: string[], memo: SubexpressionMemo): EvalContext {
    const sheet = this.sheet;
    const lookup = (ref: string): Tensor => {
      const address = sheet.resolve(ref);
      const value = address === undefined ? null : sheet.valueAt(address);
      const definition = address === undefined ? null : sheet.definitionAt(address);
      if (value === null && definition !== null) throw functionAsValueError(definition);
      if (value === null) throw new CellError("name", `${ref} has no value`);
      return value;
    };
    return {
      seed: sheet.seed,
      cellKey: entry.parsed.name ?? entry.address,
      lookup,
      userFunction: sheetFunctionBinder(sheet, lookup),
      memo,
      gradient: (y, yName, x) => {
        const g = sheet.gradient(y, yName, lookup(x));
        // NumPy users expect the zeros; the note says they mean "no dependence", not "flat here".
        const note = `${yName ?? "the expression"} does not depend on ${x}; its gradient is zero`;
        if (!g.connected && !notes.includes(note)) notes.push(note);
        return g.value;
      },
      sketch: (height, width) => new Tensor([height, width], rasterize(entry.drawing ?? [], height, width)),
      ...(sheet.dataset ? { dataset: sheet.dataset } : {}),
    };
  }
}
