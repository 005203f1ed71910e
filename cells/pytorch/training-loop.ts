import type { Sheet } from "../sheet.ts";
import type { TrainingPlan } from "../training/plan.ts";
import type { SheetStatements } from "./statements.ts";

export interface TrainingSection {
  readonly code: readonly string[];
  readonly helpers: ReadonlySet<string>;
}

export function trainingSection(_sheet: Sheet, _plans: readonly TrainingPlan[], _statements: SheetStatements): TrainingSection {
  return { code: [], helpers: new Set() };
}
