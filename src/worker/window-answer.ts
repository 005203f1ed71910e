import { cutWindow, WindowError, type Sheet } from "../../cells/index.ts";
import { cellTensor } from "./cell-tensor.ts";
import type { SheetEvent, WindowCommand } from "./protocol.ts";

/**
 * The answer to a `window` command: the values asked for, or a message saying why there are
 * none (the cell is gone or has no value, its gradient twin is not available, the window no
 * longer fits its shape). Never throws for a request the sheet cannot answer.
 */
export function answerWindow(sheet: Sheet, cmd: WindowCommand): Extract<SheetEvent, { type: "window" }> {
  const fail = (error: string) => ({ type: "window" as const, id: cmd.id, window: null, error });
  const found = cellTensor(sheet, cmd.address, cmd.gradient);
  if (found.error !== null) return fail(found.error);
  try {
    return { type: "window", id: cmd.id, window: cutWindow(found.tensor, cmd), error: null };
  } catch (e) {
    if (e instanceof WindowError) return fail(`${found.label}: ${e.message}`);
    throw e;
  }
}
