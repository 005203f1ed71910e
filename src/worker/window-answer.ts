import { cutWindow, WindowError, type Sheet, type Tensor } from "../../cells/index.ts";
import type { SheetEvent, WindowCommand } from "./protocol.ts";

/**
 * The answer to a `window` command: the values asked for, or a message saying why there are
 * none (the cell is gone or has no value, its gradient twin is not available, the window no
 * longer fits its shape). Never throws for a request the sheet cannot answer.
 */
export function answerWindow(sheet: Sheet, cmd: WindowCommand): Extract<SheetEvent, { type: "window" }> {
  const fail = (error: string) => ({ type: "window" as const, id: cmd.id, window: null, error });
  const result = sheet.result(cmd.address);
  if (!result) return fail(`${cmd.address} is empty`);
  const label = result.name ?? cmd.address;
  let tensor: Tensor | null = result.value;
  if (tensor === null) return fail(result.error ? `${label} has no value: ${result.error.message}` : `${label} has no value yet`);
  if (cmd.gradient) {
    if (!sheet.hasAdjoint(cmd.address)) return fail(`${label} has no gradient twin: it is not upstream of a scalar objective`);
    tensor = sheet.adjoint(cmd.address);
    if (tensor === null) return fail(`the gradient of ${label} is not ready: the sheet is still evaluating`);
  }
  try {
    return { type: "window", id: cmd.id, window: cutWindow(tensor, cmd), error: null };
  } catch (e) {
    if (e instanceof WindowError) return fail(`${label}: ${e.message}`);
    throw e;
  }
}
