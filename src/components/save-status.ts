import type { EvaluationProgress } from "../worker/protocol.ts";
import type { StorageStatus } from "../state/workbook.ts";

export interface SaveStatusInput {
  /** Why this tab may not save, or null. */
  readonly readOnly: string | null;
  readonly storage: StorageStatus;
  readonly evaluating: boolean;
  readonly progress: EvaluationProgress | null;
}

/**
 * What the toolbar's status says. Read-only and storage failures first; then evaluation, because
 * values still being computed are not saved yet, so "All changes saved" must wait for the end.
 */
export function saveStatusText(input: SaveStatusInput): string {
  const s = input.storage;
  if (input.readOnly !== null) return "Read-only — another tab saves this sheet";
  if (s.kind === "unavailable") return `Not saved — storage unavailable: ${s.message ?? ""}`;
  if (input.evaluating) return evaluatingText(input.progress);
  if (s.kind === "unsaved") return s.message ?? "Unsaved changes…";
  return s.kind === "saving" ? "Saving…" : "All changes saved";
}

function evaluatingText(progress: EvaluationProgress | null): string {
  if (progress === null || progress.total === 0) return "Evaluating…";
  const noun = progress.total === 1 ? "cell" : "cells";
  return `Evaluating ${Math.min(progress.evaluated, progress.total)} of ${progress.total} ${noun}…`;
}
