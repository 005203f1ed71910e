// Upgrades documents written by older versions of the format to the current one. Version 1 is
// the first, so today this only checks that the input is a Tensorsheet document with a version
// this app can read, and passes it through.

import { FORMAT_NAME, FORMAT_VERSION } from "../document.ts";
import { FormatError, describeValue } from "./errors.ts";
import { isPlainObject, notTensorsheetReason, versionReason } from "./schema.ts";

/**
 * One step per old version: MIGRATIONS[n] turns a version-n document into a version-(n+1) one
 * (and sets its `version`). Add an entry when FORMAT_VERSION goes up; never change an old one.
 */
const MIGRATIONS: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {};

/**
 * `raw` brought up to the current format version; not yet validated beyond that. Throws
 * FormatError at `$` for a non-object or a missing "format" or "version", at `$.format` for
 * another format and at `$.version` for a version newer than this app. Any other bad version
 * passes through for the schema to report along with the document's other problems.
 */
export function migrate(raw: unknown): unknown {
  if (!isPlainObject(raw)) throw new FormatError("$", `expected a Tensorsheet document (a JSON object), got ${describeValue(raw)}`);
  // A document of another kind says nothing about our versions, so the format comes first.
  if (!Object.hasOwn(raw, "format")) throw new FormatError("$", `not a Tensorsheet file: it has no "format" member (expected "${FORMAT_NAME}")`);
  if (raw.format !== FORMAT_NAME) throw new FormatError("$.format", notTensorsheetReason(raw.format));
  if (!Object.hasOwn(raw, "version")) throw new FormatError("$", `missing "version": a Tensorsheet file states its format version (${FORMAT_VERSION})`);
  const version = raw.version;
  if (typeof version !== "number" || !Number.isInteger(version)) return raw;
  // Only the version problem is reported: other problems in a newer file would be noise.
  if (version > FORMAT_VERSION) throw new FormatError("$.version", versionReason(version));
  let doc = raw;
  for (let n = version; n < FORMAT_VERSION; n++) {
    const step = MIGRATIONS[n];
    if (step === undefined) return doc; // no such old version: the schema reports it
    doc = step(doc);
  }
  return doc;
}
