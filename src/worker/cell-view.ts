import { buildPreview } from "../../cells/preview.ts";
import type { Sheet } from "../../cells/sheet.ts";
import type { CellView } from "./protocol.ts";

/** A cell as the page sees it: no tensors, just what it draws. */
export function cellView(sheet: Sheet, address: string): CellView {
  const r = sheet.result(address)!;
  const note = sheet.cells().find((c) => c.address === address)?.note;
  const adjoint = sheet.objective === null ? null : sheet.adjoint(address);
  return {
    address,
    source: sheet.source(address) ?? "",
    ...(note === undefined ? {} : { note }),
    name: r.name,
    shape: r.shape,
    error: r.error ? { kind: r.error.kind, message: r.error.message, span: r.error.span } : null,
    ms: r.ms,
    evaluations: r.evaluations,
    isParam: r.isParam,
    isTraining: r.isTraining,
    preview: r.value ? buildPreview(r.value) : null,
    adjoint: adjoint ? buildPreview(adjoint) : null,
    pending: sheet.isDirty(address),
  };
}
