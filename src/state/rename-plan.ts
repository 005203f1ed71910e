// A spreadsheet renames a defined name everywhere it is used. When an edit changes the name a cell
// defines, and the old name is then defined nowhere and the new one nowhere else, the references
// to the old name in other cells are rewritten in the same undo step.
import { definedName, renameReference } from "../../cells/index.ts";
import type { CellSet, Edit } from "./history.ts";

export interface SourceCell {
  readonly address: string;
  readonly source: string;
}

export interface RenamePlan {
  readonly from: string;
  readonly to: string;
  /** The rewrites of other cells' references, in address order; empty when nothing referred to `from`. */
  readonly references: readonly CellSet[];
}

/** The rename that setting `address` from `before` to `after` makes, or null when it is not one. */
export function planRename(cells: readonly SourceCell[], address: string, before: string | null, after: string | null): RenamePlan | null {
  const from = before === null ? null : definedName(before);
  const to = after === null ? null : definedName(after);
  if (from === null || to === null || from === to) return null;
  const others = cells.filter((c) => c.address !== address);
  // Another definition of the old name keeps the references meaning something; a taken new name is
  // a duplicate the user must resolve, as before.
  if (others.some((c) => [from, to].includes(definedName(c.source) ?? ""))) return null;
  const references: CellSet[] = [];
  for (const c of others) {
    const rewritten = renameReference(c.source, from, to);
    if (rewritten !== c.source) references.push({ kind: "set", address: c.address, before: c.source, after: rewritten });
  }
  return { from, to, references };
}

/** "Renamed lr to rate in 3 cells" (the renamed cell and the cells that refer to it). */
export function renameNotice(plan: RenamePlan): string {
  const count = plan.references.length + 1;
  return `Renamed ${plan.from} to ${plan.to} in ${count} ${count === 1 ? "cell" : "cells"}`;
}

/**
 * The edit setting one cell makes: the set itself, or, when it renames a name other cells use, one
 * compound edit with their rewritten references (the renamed cell first, so the references find
 * their new name as they arrive), labelled for the notice.
 */
export function editForSet(cells: readonly SourceCell[], set: CellSet): Edit {
  const plan = planRename(cells, set.address, set.before, set.after);
  if (plan === null || plan.references.length === 0) return set;
  return { kind: "compound", edits: [set, ...plan.references], focus: set.address, label: renameNotice(plan) };
}
