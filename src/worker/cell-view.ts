import { buildPreview, confusionPreview, topOfCell, type Sheet } from "../../cells/index.ts";
import type { CellView } from "./protocol.ts";

/** A cell as the page sees it: no tensors, just what it draws. */
export function cellView(sheet: Sheet, address: string, withAdjoint = false): CellView {
  const r = sheet.result(address)!;
  const note = sheet.note(address);
  const adjointAvailable = sheet.objective !== null && sheet.hasAdjoint(address);
  const adjoint = adjointAvailable && withAdjoint ? sheet.adjoint(address) : null;
  return {
    address,
    source: sheet.source(address) ?? "",
    ...(note === undefined ? {} : { note }),
    name: r.name,
    shape: r.shape,
    error: r.error ? { kind: r.error.kind, message: r.error.message, span: r.error.span } : null,
    notes: r.notes,
    ms: r.ms,
    evaluations: r.evaluations,
    reused: r.reused,
    isParam: r.isParam,
    isTraining: r.isTraining,
    preview: r.value ? { ...buildPreview(r.value, confusionPreview(sheet, address, r.value), r.isParam), top: topOfCell(sheet, address, r.value) } : null,
    adjointAvailable,
    adjoint: adjoint ? buildPreview(adjoint) : null,
    pending: sheet.isDirty(address),
    deps: [...sheet.dependencies(address)],
  };
}
