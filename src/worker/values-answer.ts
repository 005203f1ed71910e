import { csvUnavailable, encodeNpy, writeCsv, type Sheet } from "../../cells/index.ts";
import { cellTensor } from "./cell-tensor.ts";
import type { SheetEvent, ValuesCommand } from "./protocol.ts";

/**
 * The answer to a `values` command: all of a cell's values as the bytes of a file, encoded here
 * so that writing millions of numbers never holds up the page. Never throws for a request the
 * sheet cannot answer (no value, a CSV of more than two axes).
 */
export function answerValues(sheet: Sheet, cmd: ValuesCommand): Extract<SheetEvent, { type: "values" }> {
  const fail = (error: string) => ({ type: "values" as const, id: cmd.id, bytes: null, error });
  const found = cellTensor(sheet, cmd.address, cmd.gradient);
  if (found.error !== null) return fail(found.error);
  const { shape, data } = found.tensor;
  if (cmd.format === "npy") return { type: "values", id: cmd.id, bytes: encodeNpy({ shape, data }, found.label), error: null };
  const why = csvUnavailable(shape);
  if (why !== null) return fail(`${found.label}: ${why}`);
  return { type: "values", id: cmd.id, bytes: new TextEncoder().encode(writeCsv(shape, data)), error: null };
}
