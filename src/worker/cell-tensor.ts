import type { Sheet, Tensor } from "../../cells/index.ts";

/** A cell's value (or its gradient twin), under the name the user knows it by; or why there is none. */
export type CellTensor = { readonly tensor: Tensor; readonly label: string; readonly error: null } | { readonly tensor: null; readonly error: string };

/**
 * The tensor the page asked about: the cell's value, or ∂objective/∂cell with `gradient`. The
 * error says why there is none (the cell is gone or failed, its gradient twin is not available).
 */
export function cellTensor(sheet: Sheet, address: string, gradient: boolean | undefined): CellTensor {
  const fail = (error: string) => ({ tensor: null, error });
  const result = sheet.result(address);
  if (!result) return fail(`${address} is empty`);
  const label = result.name ?? address;
  let tensor: Tensor | null = result.value;
  if (tensor === null) return fail(result.error ? `${label} has no value: ${result.error.message}` : `${label} has no value yet`);
  if (gradient) {
    if (!sheet.hasAdjoint(address)) return fail(`${label} has no gradient twin: it is not upstream of a scalar objective`);
    tensor = sheet.adjoint(address);
    if (tensor === null) return fail(`the gradient of ${label} is not ready: the sheet is still evaluating`);
  }
  return { tensor, label, error: null };
}
