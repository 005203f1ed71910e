import { FormatError, parseSheetDocument } from "../format/index.ts";
import { mnistProvider, usesMnist, type DatasetProvider } from "../datasets.ts";
import { importSheet, type LoadedSheet } from "../io.ts";
import type { Sheet } from "../sheet.ts";
import { formatValue } from "../summary.ts";
import type { CliIO } from "./io.ts";

/** `--json` prints values in full up to this many elements, null beyond. */
export const JSON_VALUE_LIMIT = 100_000;

export interface CellReport {
  readonly address: string;
  readonly name: string | null;
  readonly shape: readonly number[] | null;
  readonly value: unknown;
  readonly error: { readonly kind: string; readonly message: string } | null;
}

export async function evalCommand(args: readonly string[], io: CliIO): Promise<number> {
  const json = args.includes("--json");
  const files = args.filter((a) => !a.startsWith("--"));
  const unknown = args.filter((a) => a.startsWith("--") && a !== "--json");
  if (files.length !== 1 || unknown.length > 0) {
    io.err(`tensorsheet eval: expected one FILE and optionally --json${unknown.length ? `; unknown option ${unknown[0]}` : ""}`);
    return 2;
  }
  const file = files[0]!;
  const loaded = await loadOrReport(file, io);
  if (loaded === null) return 2;
  const { sheet } = loaded;
  const reports = cellReports(sheet);
  if (json) io.out(JSON.stringify({ cells: reports }));
  else io.out(renderTable(sheet));
  return reports.some((r) => r.error !== null) ? 1 : 0;
}

/**
 * Load MNIST only when the file's cells read it: most sheets never need the 8 MB. A file that is
 * not a valid sheet throws the FormatError that importing it would.
 */
async function datasetFor(text: string, io: CliIO): Promise<{ dataset?: DatasetProvider }> {
  const sources = parseSheetDocument(text).cells.map((c) => c.source);
  return usesMnist(sources) ? { dataset: mnistProvider(await io.loadMnist()) } : {};
}

export async function loadOrReport(file: string, io: CliIO): Promise<LoadedSheet | null> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    io.err(`tensorsheet: cannot read ${file}: ${(e as Error).message}`);
    return null;
  }
  try {
    return importSheet(text, await datasetFor(text, io));
  } catch (e) {
    if (e instanceof FormatError) {
      io.err(`tensorsheet: ${file} is not a valid sheet:\n${e.message}`);
      return null;
    }
    throw e;
  }
}

export function cellReports(sheet: Sheet): CellReport[] {
  return sheet.addresses().map((address) => {
    const r = sheet.result(address)!;
    return {
      address,
      name: r.name,
      shape: r.shape,
      value: r.value === null || r.value.size > JSON_VALUE_LIMIT ? null : jsonSafe(r.value.toArray()),
      error: r.error === null ? null : { kind: r.error.kind, message: r.error.message },
    };
  });
}

/** JSON has no NaN or Infinity: write them as strings rather than lose them as null. */
function jsonSafe(v: unknown): unknown {
  if (typeof v === "number") return Number.isFinite(v) ? v : String(v);
  return Array.isArray(v) ? v.map(jsonSafe) : v;
}

/** A readable table: address, name, shape, then the value (or a summary) or the error. */
function renderTable(sheet: Sheet): string {
  const header = ["cell", "name", "shape", "value"];
  const rows = sheet.addresses().map((address) => {
    const r = sheet.result(address)!;
    const shown = r.error ? `error (${r.error.kind}): ${r.error.message}` : r.value ? formatValue(r.value) : r.definesFunction ? `function ${r.definesFunction}` : "";
    return [address, r.name ?? "", r.shape === null ? "" : `[${r.shape.join(", ")}]`, shown];
  });
  if (rows.length === 0) return "(empty sheet)";
  const widths = [0, 1, 2].map((i) => Math.max(header[i]!.length, ...rows.map((r) => r[i]!.length)));
  const line = (cols: string[]) => cols.map((c, i) => (i < 3 ? c.padEnd(widths[i]!) : c)).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}
