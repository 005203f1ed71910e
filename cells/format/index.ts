// The sheet file format v1: read (parse, migrate, validate) and write (serialize).

import type { SheetDocument } from "../document.ts";
import { parseJsonText } from "./json.ts";
import { migrate } from "./migrate.ts";
import { validateSheetDocument } from "./schema.ts";

export { Base64Error, FormatError, type Problem } from "./errors.ts";
export { decodeFloat32, encodeFloat32, recordToTensor, tensorToRecord } from "./base64.ts";
export { SheetDocumentSchema, sheetDocumentProblems, validateSheetDocument } from "./schema.ts";
export { migrate } from "./migrate.ts";
export { serializeSheetDocument } from "./serialize.ts";

/**
 * A SheetDocument from JSON text (a string) or from an already-parsed JSON value. Throws one
 * FormatError listing every problem found; never returns a document that is only partly valid.
 * The result is a fresh object; `layout` and `training` of a parsed value passed in are shared.
 */
export function parseSheetDocument(input: string | unknown): SheetDocument {
  const raw = typeof input === "string" ? parseJsonText(input) : input;
  return validateSheetDocument(migrate(raw));
}
